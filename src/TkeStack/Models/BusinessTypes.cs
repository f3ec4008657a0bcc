using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace TkeStack.Models
{
    /// <summary>The <c>Portal</c> (business.tkestack.io/v1) of guide 4.1: whether the key's user is an
    /// administrator and which projects they are in (tkestack/tke <c>api/business/v1/types.go</c>).</summary>
    public sealed class PortalResource
    {
        /// <summary>True for a platform administrator, whose portal lists no projects.</summary>
        [JsonPropertyName("administrator")] public bool Administrator { get; set; }
        /// <summary>Project id (prj-xxx) to display name.</summary>
        [JsonPropertyName("projects")] public Dictionary<string, string>? Projects { get; set; }
        /// <summary>Project id to its phase and parent.</summary>
        [JsonPropertyName("extension")] public Dictionary<string, PortalProject>? Extension { get; set; }
    }

    /// <summary>What the portal adds about one project.</summary>
    public sealed class PortalProject
    {
        /// <summary>The project's phase.</summary>
        [JsonPropertyName("phase")] public string? Phase { get; set; }
        /// <summary>The parent project, if any.</summary>
        [JsonPropertyName("parent")] public string? Parent { get; set; }
    }

    /// <summary>A <c>Project</c> (业务, business.tkestack.io/v1), as the API answers it.</summary>
    public sealed class ProjectResource
    {
        /// <summary>The object's metadata.</summary>
        [JsonPropertyName("metadata")] public ObjectMeta? Metadata { get; set; }
        /// <summary>What the project should be.</summary>
        [JsonPropertyName("spec")] public ProjectSpec? Spec { get; set; }
        /// <summary>What the project is.</summary>
        [JsonPropertyName("status")] public ProjectStatus? Status { get; set; }
    }

    /// <summary>The <c>spec</c> of a project.</summary>
    public sealed class ProjectSpec
    {
        /// <summary>The tenant that owns the project.</summary>
        [JsonPropertyName("tenantID")] public string? TenantId { get; set; }
        /// <summary>The name people see in the console.</summary>
        [JsonPropertyName("displayName")] public string? DisplayName { get; set; }
        /// <summary>The users who are members.</summary>
        [JsonPropertyName("members")] public List<string>? Members { get; set; }
        /// <summary>The superior project, if any.</summary>
        [JsonPropertyName("parentProjectName")] public string? ParentProjectName { get; set; }
        /// <summary>Cluster id to the project's hard quota there.</summary>
        [JsonPropertyName("clusters")] public Dictionary<string, HardQuantity>? Clusters { get; set; }
    }

    /// <summary>The <c>status</c> of a project.</summary>
    public sealed class ProjectStatus
    {
        /// <summary>A locked project can't be changed.</summary>
        [JsonPropertyName("locked")] public bool? Locked { get; set; }
        /// <summary>Active, Pending, Terminating or Failed.</summary>
        [JsonPropertyName("phase")] public string? Phase { get; set; }
        /// <summary>Cluster id to what the project's namespaces have been given there.</summary>
        [JsonPropertyName("clusters")] public Dictionary<string, UsedQuantity>? Clusters { get; set; }
        /// <summary>Why the project is in its phase.</summary>
        [JsonPropertyName("reason")] public string? Reason { get; set; }
        /// <summary>What the phase means, in words.</summary>
        [JsonPropertyName("message")] public string? Message { get; set; }
    }

    /// <summary>A hard quota: resource name (requests.cpu, limits.memory, ...) to quantity.</summary>
    public sealed class HardQuantity
    {
        /// <summary>Resource name to quantity.</summary>
        [JsonPropertyName("hard")] public Dictionary<string, string>? Hard { get; set; }
    }

    /// <summary>A used quota: resource name to quantity.</summary>
    public sealed class UsedQuantity
    {
        /// <summary>Resource name to quantity.</summary>
        [JsonPropertyName("used")] public Dictionary<string, string>? Used { get; set; }
    }

    /// <summary>A <c>Namespace</c> of a project (business.tkestack.io/v1): a namespace of one cluster
    /// given to the project, named <c>&lt;cluster&gt;-&lt;namespace&gt;</c>.</summary>
    public sealed class ProjectNamespaceResource
    {
        /// <summary>The object's metadata; its namespace is the project.</summary>
        [JsonPropertyName("metadata")] public ObjectMeta? Metadata { get; set; }
        /// <summary>Where the namespace is and its quota.</summary>
        [JsonPropertyName("spec")] public ProjectNamespaceSpec? Spec { get; set; }
        /// <summary>Its phase and usage.</summary>
        [JsonPropertyName("status")] public ProjectNamespaceStatus? Status { get; set; }
    }

    /// <summary>The <c>spec</c> of a project namespace.</summary>
    public sealed class ProjectNamespaceSpec
    {
        /// <summary>The tenant.</summary>
        [JsonPropertyName("tenantID")] public string? TenantId { get; set; }
        /// <summary>The cluster id.</summary>
        [JsonPropertyName("clusterName")] public string? ClusterName { get; set; }
        /// <summary>The cluster's type.</summary>
        [JsonPropertyName("clusterType")] public string? ClusterType { get; set; }
        /// <summary>The cluster's Kubernetes version.</summary>
        [JsonPropertyName("clusterVersion")] public string? ClusterVersion { get; set; }
        /// <summary>The cluster's display name.</summary>
        [JsonPropertyName("clusterDisplayName")] public string? ClusterDisplayName { get; set; }
        /// <summary>The namespace's name inside the cluster.</summary>
        [JsonPropertyName("namespace")] public string? Namespace { get; set; }
        /// <summary>The namespace's hard quota.</summary>
        [JsonPropertyName("hard")] public Dictionary<string, string>? Hard { get; set; }
    }

    /// <summary>The <c>status</c> of a project namespace.</summary>
    public sealed class ProjectNamespaceStatus
    {
        /// <summary>Pending, Available, Locked, Failed or Terminating.</summary>
        [JsonPropertyName("phase")] public string? Phase { get; set; }
        /// <summary>Why it is in its phase.</summary>
        [JsonPropertyName("reason")] public string? Reason { get; set; }
        /// <summary>What the phase means, in words.</summary>
        [JsonPropertyName("message")] public string? Message { get; set; }
        /// <summary>What the namespace's pods take now.</summary>
        [JsonPropertyName("used")] public Dictionary<string, string>? Used { get; set; }
    }
}
