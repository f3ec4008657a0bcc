using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace TkeStack.Models
{
    /// <summary>A TKEStack <c>Cluster</c> (platform.tkestack.io/v1), as the API answers it
    /// (tkestack/tke <c>api/platform/v1/types.go</c>).</summary>
    public sealed class ClusterResource : IKubeObject
    {
        /// <summary>The object's kind, when the answer says.</summary>
        [JsonPropertyName("kind")] public string? Kind { get; set; }
        /// <summary>The object's metadata.</summary>
        [JsonPropertyName("metadata")] public ObjectMeta? Metadata { get; set; }
        /// <summary>What the cluster should be.</summary>
        [JsonPropertyName("spec")] public ClusterSpec? Spec { get; set; }
        /// <summary>What the cluster is.</summary>
        [JsonPropertyName("status")] public ClusterStatus? Status { get; set; }
    }

    /// <summary>The <c>spec</c> of a cluster.</summary>
    public sealed class ClusterSpec
    {
        /// <summary>The tenant that owns the cluster.</summary>
        [JsonPropertyName("tenantID")] public string? TenantId { get; set; }
        /// <summary>The name people see in the console.</summary>
        [JsonPropertyName("displayName")] public string? DisplayName { get; set; }
        /// <summary>Baremetal (created by TKEStack), Imported, ...</summary>
        [JsonPropertyName("type")] public string? Type { get; set; }
        /// <summary>The Kubernetes version asked for.</summary>
        [JsonPropertyName("version")] public string? Version { get; set; }
    }

    /// <summary>The <c>status</c> of a cluster.</summary>
    public sealed class ClusterStatus
    {
        /// <summary>A locked cluster answers no proxied call.</summary>
        [JsonPropertyName("locked")] public bool? Locked { get; set; }
        /// <summary>The Kubernetes version running.</summary>
        [JsonPropertyName("version")] public string? Version { get; set; }
        /// <summary>Initializing, Running, Failed, ...</summary>
        [JsonPropertyName("phase")] public string? Phase { get; set; }
        /// <summary>Why the cluster is in its phase.</summary>
        [JsonPropertyName("reason")] public string? Reason { get; set; }
        /// <summary>What the phase means, in words.</summary>
        [JsonPropertyName("message")] public string? Message { get; set; }
        /// <summary>One condition per install step, plus HealthCheck.</summary>
        [JsonPropertyName("conditions")] public List<Condition>? Conditions { get; set; }
        /// <summary>Where the cluster's API server answers.</summary>
        [JsonPropertyName("addresses")] public List<ClusterAddress>? Addresses { get; set; }
    }

    /// <summary>An address of a cluster's API server.</summary>
    public sealed class ClusterAddress
    {
        /// <summary>Real, Advertise, Internal, Support...</summary>
        [JsonPropertyName("type")] public string? Type { get; set; }
        /// <summary>The host name or IP.</summary>
        [JsonPropertyName("host")] public string? Host { get; set; }
        /// <summary>The port.</summary>
        [JsonPropertyName("port")] public int Port { get; set; }
        /// <summary>The path, if any.</summary>
        [JsonPropertyName("path")] public string? Path { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{Type}:{Host}:{Port}{Path}";
    }

    /// <summary>A Kubernetes <c>Namespace</c> (v1) as read through the cluster proxy.</summary>
    public sealed class NamespaceResource : IKubeObject
    {
        /// <summary>The object's kind, when the answer says.</summary>
        [JsonPropertyName("kind")] public string? Kind { get; set; }
        /// <summary>The object's metadata.</summary>
        [JsonPropertyName("metadata")] public ObjectMeta? Metadata { get; set; }
        /// <summary>The namespace's status.</summary>
        [JsonPropertyName("status")] public NamespaceStatus? Status { get; set; }
    }

    /// <summary>The <c>status</c> of a namespace.</summary>
    public sealed class NamespaceStatus
    {
        /// <summary>Active or Terminating.</summary>
        [JsonPropertyName("phase")] public string? Phase { get; set; }
    }
}
