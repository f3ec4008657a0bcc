using System.Text.Json.Serialization;

namespace TkeStack.Models
{
    /// <summary>The one JSON options object of the module: source-generated, so nothing is
    /// reflected over at run time (fast import, trimming-safe).</summary>
    [JsonSourceGenerationOptions(
        PropertyNameCaseInsensitive = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(KubeStatus))]
    [JsonSerializable(typeof(WrappedStatus))]
    [JsonSerializable(typeof(ClusterResource))]
    [JsonSerializable(typeof(NamespaceResource))]
    [JsonSerializable(typeof(MachineResource))]
    [JsonSerializable(typeof(ListMeta))]
    [JsonSerializable(typeof(PortalResource))]
    [JsonSerializable(typeof(ProjectResource))]
    [JsonSerializable(typeof(ProjectNamespaceResource))]
    [JsonSerializable(typeof(WorkloadResource))]
    [JsonSerializable(typeof(PodResource))]
    [JsonSerializable(typeof(EventResource))]
    [JsonSerializable(typeof(ApiKeyResource))]
    [JsonSerializable(typeof(LoginUserInfo))]
    internal sealed partial class TkeJsonContext : JsonSerializerContext
    {
    }
}
