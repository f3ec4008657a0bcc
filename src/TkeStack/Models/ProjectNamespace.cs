using System;
using System.Collections;
using System.Text.Json;
using TkeStack.Models;

namespace TkeStack
{
    /// <summary>A namespace of a project, as Get-TkeProjectNamespace emits it: a namespace of one cluster
    /// given to the project. Its ClusterName and Namespace bind to the next cmdlet in a pipeline
    /// (Get-TkeNamespace, Get-TkeWorkload), so a user walks from a project to its workloads.</summary>
    public sealed class ProjectNamespace : TkeObject
    {
        internal ProjectNamespace(ProjectNamespaceResource r, ReadOnlyMemory<byte> json, TkeSession? session) : base(json, session)
        {
            Name = r.Metadata?.Name ?? string.Empty;
            ProjectName = r.Metadata?.Namespace ?? string.Empty;
            TenantId = r.Spec?.TenantId;
            ClusterName = r.Spec?.ClusterName ?? string.Empty;
            ClusterDisplayName = r.Spec?.ClusterDisplayName;
            ClusterType = r.Spec?.ClusterType;
            Namespace = r.Spec?.Namespace ?? string.Empty;
            Phase = r.Status?.Phase;
            Reason = string.IsNullOrEmpty(r.Status?.Reason) ? null : r.Status!.Reason;
            Message = string.IsNullOrEmpty(r.Status?.Message) ? null : r.Status!.Message;
            Hard = QuotaText.ToHashtable(r.Spec?.Hard);
            Used = QuotaText.ToHashtable(r.Status?.Used);
            CreationTimestamp = r.Metadata?.CreationTimestamp;
        }

        /// <summary>TKEStack's name for it: <c>&lt;cluster&gt;-&lt;namespace&gt;</c>, such as cls-a1b2c3d4-shop.</summary>
        public string Name { get; }

        /// <summary>The project (prj-xxx) it belongs to.</summary>
        public string ProjectName { get; }

        /// <summary>The tenant.</summary>
        public string? TenantId { get; }

        /// <summary>The cluster id.</summary>
        public string ClusterName { get; }

        /// <summary>The cluster's display name.</summary>
        public string? ClusterDisplayName { get; }

        /// <summary>The cluster's type (Baremetal, Imported, ...).</summary>
        public string? ClusterType { get; }

        /// <summary>The namespace's name inside the cluster, such as shop.</summary>
        public string Namespace { get; }

        /// <summary>Pending, Available, Locked, Failed or Terminating.</summary>
        public string? Phase { get; }

        /// <summary>Why it is in its phase (for Failed, for example).</summary>
        public string? Reason { get; }

        /// <summary>What the phase means, in words.</summary>
        public string? Message { get; }

        /// <summary>The namespace's hard quota, resource name to quantity.</summary>
        public Hashtable Hard { get; }

        /// <summary>What the namespace's pods take now, resource name to quantity.</summary>
        public Hashtable Used { get; }

        /// <summary>When it was created.</summary>
        public DateTime? CreationTimestamp { get; }

        /// <summary>Used over hard, such as "requests.cpu 1500m/4, requests.memory 3Gi/8Gi".</summary>
        public string Quota => QuotaText.Format(Hard, Used);

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
