using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TkeStack.Api;

namespace TkeStack.Models
{
    /// <summary>Judgement for a name that is not there: a cluster id that is really a display name (the
    /// console shows display names, the API takes ids), and a namespace missing from a cluster. Pure
    /// functions of the error and the clusters read, so a table of cases tests them.</summary>
    internal static class MissingName
    {
        /// <summary>True when a 404 from the cluster proxy is about the cluster, not the object asked
        /// for: TKEStack's proxy answers a Status whose details kind is "clusters"
        /// (tkestack/tke pkg/platform/proxy/client.go ClientSet looks the cluster up first and answers its NotFound).</summary>
        public static bool IsAboutCluster(TkeApiException e) =>
            e.StatusCode == 404 && string.Equals(e.Status?.Details?.Kind, "clusters", StringComparison.Ordinal);

        /// <summary>The ids of the clusters whose display name is <paramref name="name"/> (case-insensitive, as a person types it).</summary>
        public static string[] IdsWithDisplayName(IEnumerable<Cluster> clusters, string name) =>
            clusters.Where(c => string.Equals(c.DisplayName, name, StringComparison.OrdinalIgnoreCase) && c.Name != name)
                .Select(c => c.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray();

        /// <summary>A cluster's 404 told better: when <paramref name="name"/> is the display name of one
        /// or more clusters, the message says so and the advice is the command with the id.</summary>
        public static TkeApiException ExplainCluster(TkeApiException e, string name, IEnumerable<Cluster> clusters)
        {
            var ids = IdsWithDisplayName(clusters, name);
            if (ids.Length == 0) return e;
            var which = ids.Length == 1 ? $"cluster {ids[0]}" : "clusters " + string.Join(", ", ids);
            return e.Explained(
                $"Cluster '{name}' was not found: '{name}' looks like a display name (the console shows display names); it is the display name of {which}. The cmdlets take the cluster id. {e.Message}",
                $"Get-TkeCluster {string.Join(", ", ids)}");
        }

        /// <summary>The error for a namespace the cluster does not have (the list of a missing
        /// namespace is empty, not a 404, so the module asks for the namespace itself).</summary>
        public static TkeApiException ExplainNamespace(TkeApiException e, string cluster, string ns) =>
            e.Explained($"Namespace '{ns}' was not found in cluster {cluster}. {e.Message}",
                $"Get-TkeNamespace -ClusterName {cluster}");
    }
}
