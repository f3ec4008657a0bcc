using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using TkeStack.Api;

namespace TkeStack.Completion
{
    /// <summary>Completes workload names from the cluster, namespace and kind already typed
    /// (<c>-ClusterName</c>, <c>-Namespace</c>, <c>-Kind</c>): Deployments, StatefulSets and DaemonSets
    /// through the cluster proxy (guide 2.1's path, listed), TApps through the platform's TApp route
    /// (guide 2.2.1, without a name). Without -Kind, every kind. Nothing until cluster and namespace are given.</summary>
    public sealed class WorkloadNameCompleter : TkeCompleter
    {
        /// <summary>The kinds the module knows, by the names and short names a user may type.</summary>
        private static readonly (string Kind, string Plural, string[] Names)[] Kinds =
        {
            ("Deployment", "deployments", new[] { "deployment", "deployments", "deploy" }),
            ("StatefulSet", "statefulsets", new[] { "statefulset", "statefulsets", "sts" }),
            ("DaemonSet", "daemonsets", new[] { "daemonset", "daemonsets", "ds" }),
            ("TApp", "tapps", new[] { "tapp", "tapps" }),
        };

        internal override IEnumerable<Candidate> Candidates(TkeSession session, IDictionary fakeBoundParameters)
        {
            var cluster = CompletionSource.BoundText(fakeBoundParameters, "ClusterName");
            var ns = CompletionSource.BoundText(fakeBoundParameters, "Namespace");
            if (cluster is null || ns is null) return new Candidate[0];
            var kind = CompletionSource.BoundText(fakeBoundParameters, "Kind");
            var kinds = kind is null
                ? Kinds
                : Kinds.Where(k => k.Names.Contains(kind, StringComparer.OrdinalIgnoreCase)).ToArray();
            // Every kind asked for is read at once, so the deadline holds for all of them together.
            var reads = kinds.Select(k => System.Threading.Tasks.Task.Run(() => Read(session, cluster, ns, k.Kind, k.Plural))).ToArray();
            System.Threading.Tasks.Task.WaitAll(reads);
            return reads.SelectMany(r => r.Result).GroupBy(c => c.Name).Select(g => g.First()).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }

        private static Candidate[] Read(TkeSession session, string cluster, string ns, string kind, string plural)
        {
            var list = plural == "tapps"
                ? ApiRequest.Get(ApiRoutes.TApps(session, cluster)).WithQuery("namespace", ns)
                : ApiRequest.Get(ApiRoutes.Workloads(session, ns, plural)).WithCluster(cluster);
            return CompletionSource.Names(session, list, w => $"{kind} {ns}/{CompletionSource.Text(w, "metadata", "name")} in {cluster}");
        }
    }
}
