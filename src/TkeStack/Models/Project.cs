using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using TkeStack.Models;

namespace TkeStack
{
    /// <summary>A project (业务), as Get-TkeProject emits it. <c>ProjectName</c> (an alias of Name, in
    /// TkeStack.Types.ps1xml) binds it to <c>-ProjectName</c> of Get-TkeProjectNamespace.</summary>
    public sealed class Project : TkeObject
    {
        internal Project(ProjectResource r, ReadOnlyMemory<byte> json, TkeSession? session) : base(json, session)
        {
            Name = r.Metadata?.Name ?? string.Empty;
            DisplayName = r.Spec?.DisplayName;
            TenantId = r.Spec?.TenantId;
            Members = (r.Spec?.Members ?? new List<string>()).ToArray();
            ParentProjectName = string.IsNullOrEmpty(r.Spec?.ParentProjectName) ? null : r.Spec!.ParentProjectName;
            var hard = r.Spec?.Clusters ?? new Dictionary<string, HardQuantity>();
            var used = r.Status?.Clusters ?? new Dictionary<string, UsedQuantity>();
            Clusters = hard.Keys.Union(used.Keys).OrderBy(c => c, StringComparer.Ordinal)
                .Select(c => new ProjectClusterQuota(c,
                    hard.TryGetValue(c, out var h) ? h?.Hard : null,
                    used.TryGetValue(c, out var u) ? u?.Used : null))
                .ToArray();
            Phase = r.Status?.Phase;
            Locked = r.Status?.Locked ?? false;
            CreationTimestamp = r.Metadata?.CreationTimestamp;
        }

        /// <summary>The project id, such as prj-a1b2c3d4 (the guide's 业务 id).</summary>
        public string Name { get; }

        /// <summary>The name people see in the console.</summary>
        public string? DisplayName { get; }

        /// <summary>The tenant that owns the project.</summary>
        public string? TenantId { get; }

        /// <summary>The users who are members of the project.</summary>
        public string[] Members { get; }

        /// <summary>The superior project, if any.</summary>
        public string? ParentProjectName { get; }

        /// <summary>The clusters the project may use, each with its hard quota and what the project's
        /// namespaces have been given of it.</summary>
        public ProjectClusterQuota[] Clusters { get; }

        /// <summary>Active, Pending, Terminating or Failed.</summary>
        public string? Phase { get; }

        /// <summary>A locked project can't be changed.</summary>
        public bool Locked { get; }

        /// <summary>When the project was created.</summary>
        public DateTime? CreationTimestamp { get; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }

    /// <summary>A project's quota in one cluster: the hard limit (spec.clusters) and how much of it the
    /// project's namespaces have been given (status.clusters), resource name to quantity.</summary>
    public sealed class ProjectClusterQuota
    {
        internal ProjectClusterQuota(string clusterName, Dictionary<string, string>? hard, Dictionary<string, string>? used)
        {
            ClusterName = clusterName;
            Hard = QuotaText.ToHashtable(hard);
            Used = QuotaText.ToHashtable(used);
        }

        /// <summary>The cluster id.</summary>
        public string ClusterName { get; }

        /// <summary>The project's limit in this cluster, such as requests.cpu = 8.</summary>
        public Hashtable Hard { get; }

        /// <summary>What the project's namespaces have been given in this cluster.</summary>
        public Hashtable Used { get; }

        /// <summary>Used over hard, such as "requests.cpu 4/8, requests.memory 8Gi/16Gi".</summary>
        public string Quota => QuotaText.Format(Hard, Used);

        /// <inheritdoc />
        public override string ToString() => Quota.Length == 0 ? ClusterName : $"{ClusterName} ({Quota})";
    }

    /// <summary>Quotas as PowerShell shows them.</summary>
    internal static class QuotaText
    {
        public static Hashtable ToHashtable(Dictionary<string, string>? resources)
        {
            var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
            if (resources != null)
            {
                foreach (var pair in resources) table[pair.Key] = pair.Value;
            }
            return table;
        }

        /// <summary>"requests.cpu 4/8, requests.memory 8Gi/16Gi": used over hard, by resource name.</summary>
        public static string Format(Hashtable hard, Hashtable used) =>
            string.Join(", ", hard.Keys.Cast<string>().Union(used.Keys.Cast<string>(), StringComparer.OrdinalIgnoreCase)
                .OrderBy(k => k, StringComparer.Ordinal)
                .Select(k => $"{k} {used[k] ?? "0"}/{hard[k] ?? "-"}"));
    }
}
