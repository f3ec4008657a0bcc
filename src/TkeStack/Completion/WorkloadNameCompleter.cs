using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace TkeStack.Completion
{
    /// <summary>Completes workload names from the cluster, namespace and kind already typed
    /// (<c>-ClusterName</c>, <c>-Namespace</c>, <c>-Kind</c>), listed as Get-TkeWorkload lists them.
    /// Without -Kind, every kind. Nothing until cluster and namespace are given.</summary>
    public sealed class WorkloadNameCompleter : TkeCompleter
    {
        internal override IEnumerable<Candidate> Candidates(TkeSession session, IDictionary fakeBoundParameters)
        {
            var cluster = CompletionSource.BoundText(fakeBoundParameters, "ClusterName");
            var ns = CompletionSource.BoundText(fakeBoundParameters, "Namespace");
            if (cluster is null || ns is null) return new Candidate[0];
            var kinds = WorkloadKinds.Parse(CompletionSource.BoundText(fakeBoundParameters, "Kind"));
            // Every kind asked for is read at once, so the deadline holds for all of them together.
            var reads = kinds.Select(kind => Task.Run(() => CompletionSource.Names(session, $"workloads|{kind}|{cluster}|{ns}",
                api => api.Workloads.List(cluster, ns, kind), w => new Candidate(w.Name, $"{kind} {ns}/{w.Name} in {cluster}")))).ToArray();
            Task.WaitAll(reads);
            return reads.SelectMany(r => r.Result).GroupBy(c => c.Name).Select(g => g.First()).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }
}
