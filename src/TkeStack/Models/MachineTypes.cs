using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace TkeStack.Models
{
    /// <summary>A TKEStack <c>Machine</c> (platform.tkestack.io/v1), as the API answers it
    /// (tkestack/tke <c>api/platform/v1/types.go</c>). The secrets of its spec are not read.</summary>
    public sealed class MachineResource
    {
        /// <summary>The object's metadata.</summary>
        [JsonPropertyName("metadata")] public ObjectMeta? Metadata { get; set; }
        /// <summary>What the machine should be.</summary>
        [JsonPropertyName("spec")] public MachineSpec? Spec { get; set; }
        /// <summary>What the machine is.</summary>
        [JsonPropertyName("status")] public MachineStatus? Status { get; set; }
    }

    /// <summary>The <c>spec</c> of a machine, without its password, private key and pass phrase.</summary>
    public sealed class MachineSpec
    {
        /// <summary>TKEStack's own finalizers (<c>machine</c>), removed when the node is gone.</summary>
        [JsonPropertyName("finalizers")] public List<string>? Finalizers { get; set; }
        /// <summary>The tenant that owns the machine.</summary>
        [JsonPropertyName("tenantID")] public string? TenantId { get; set; }
        /// <summary>The cluster id the machine joins.</summary>
        [JsonPropertyName("clusterName")] public string? ClusterName { get; set; }
        /// <summary>Baremetal.</summary>
        [JsonPropertyName("type")] public string? Type { get; set; }
        /// <summary>The node's IP address.</summary>
        [JsonPropertyName("ip")] public string? Ip { get; set; }
        /// <summary>The node's SSH port.</summary>
        [JsonPropertyName("port")] public int Port { get; set; }
        /// <summary>The SSH user.</summary>
        [JsonPropertyName("username")] public string? Username { get; set; }
    }

    /// <summary>The <c>status</c> of a machine.</summary>
    public sealed class MachineStatus
    {
        /// <summary>Initializing, Running, Failed, Upgrading or Terminating.</summary>
        [JsonPropertyName("phase")] public string? Phase { get; set; }
        /// <summary>A locked machine is not changed by the controller.</summary>
        [JsonPropertyName("locked")] public bool? Locked { get; set; }
        /// <summary>Why the machine is where it is (FailedInit, FailedHealthCheck).</summary>
        [JsonPropertyName("reason")] public string? Reason { get; set; }
        /// <summary>The error of the failed step or health check.</summary>
        [JsonPropertyName("message")] public string? Message { get; set; }
        /// <summary>One condition per install step, plus HealthCheck.</summary>
        [JsonPropertyName("conditions")] public List<Condition>? Conditions { get; set; }
    }
}
