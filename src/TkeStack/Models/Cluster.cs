using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using TkeStack.Models;

namespace TkeStack
{
    /// <summary>A TKEStack cluster, as Get-TkeCluster emits it. <c>ClusterName</c> (an alias of
    /// Name) lets it bind to <c>-ClusterName</c> of the next cmdlet in a pipeline.</summary>
    public sealed class Cluster : TkeObject
    {
        internal Cluster(ClusterResource r, ReadOnlyMemory<byte> json, TkeSession? session) : base(json, session)
        {
            Name = r.Metadata?.Name ?? string.Empty;
            DisplayName = r.Spec?.DisplayName;
            Type = r.Spec?.Type;
            Version = r.Status?.Version ?? r.Spec?.Version;
            Phase = r.Status?.Phase;
            Locked = r.Status?.Locked ?? false;
            TenantId = r.Spec?.TenantId;
            Addresses = (r.Status?.Addresses ?? new List<ClusterAddress>()).ToArray();
            Conditions = (r.Status?.Conditions ?? new List<Condition>()).ToArray();
            CreationTimestamp = r.Metadata?.CreationTimestamp;
        }

        /// <summary>The cluster id, such as cls-a1b2c3d4 (global for the platform's own).</summary>
        public string Name { get; }

        /// <summary>The name people see in the console.</summary>
        public string? DisplayName { get; }

        /// <summary>Baremetal (created by TKEStack, takes machines) or Imported.</summary>
        public string? Type { get; }

        /// <summary>The Kubernetes version running (status.version), else the one asked for.</summary>
        public string? Version { get; }

        /// <summary>Initializing, Running, Failed, Terminating, ...</summary>
        public string? Phase { get; }

        /// <summary>A locked cluster answers no call through the proxy.</summary>
        public bool Locked { get; }

        /// <summary>The tenant that owns the cluster.</summary>
        public string? TenantId { get; }

        /// <summary>Where the cluster's API server answers.</summary>
        public ClusterAddress[] Addresses { get; }

        /// <summary>The install steps and health check.</summary>
        public Condition[] Conditions { get; }

        /// <summary>When the cluster was created.</summary>
        public DateTime? CreationTimestamp { get; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
