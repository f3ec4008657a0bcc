using System.Text;
using System.Text.Json;
using TkeStack.Models;

namespace TkeStack.Tests;

/// <summary>Models made from JSON text, as the resource operations make them from an answer.</summary>
internal static class Models
{
    public static Workload Workload(string json, WorkloadKind kind, string cluster = "cls-a1b2c3d4") =>
        new(JsonSerializer.Deserialize(json, TkeJsonContext.Default.WorkloadResource)!, Encoding.UTF8.GetBytes(json), cluster, kind, null);

    public static Pod Pod(string json, string cluster = "cls-a1b2c3d4") =>
        new(JsonSerializer.Deserialize(json, TkeJsonContext.Default.PodResource)!, Encoding.UTF8.GetBytes(json), cluster, null);

    public static Machine Machine(string json) =>
        new(JsonSerializer.Deserialize(json, TkeJsonContext.Default.MachineResource)!, Encoding.UTF8.GetBytes(json), null);
}
