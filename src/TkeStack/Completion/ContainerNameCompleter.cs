using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace TkeStack.Completion
{
    /// <summary>Completes the container names of the workload already typed (<c>-ClusterName</c>,
    /// <c>-Namespace</c>, <c>-Kind</c>, <c>-Name</c>), read as Get-TkeWorkload reads it, with each
    /// container's current image as tooltip. Without -Kind, every kind is tried. Nothing until
    /// cluster, namespace and name are given. For -Container of Set-TkeWorkloadImage.</summary>
    public sealed class ContainerNameCompleter : TkeCompleter
    {
        internal override IEnumerable<Candidate> Candidates(TkeSession session, IDictionary fakeBoundParameters)
        {
            var cluster = CompletionSource.BoundText(fakeBoundParameters, "ClusterName");
            var ns = CompletionSource.BoundText(fakeBoundParameters, "Namespace");
            var name = CompletionSource.BoundText(fakeBoundParameters, "Name");
            if (cluster is null || ns is null || name is null) return new Candidate[0];
            var kinds = WorkloadKinds.Parse(CompletionSource.BoundText(fakeBoundParameters, "Kind"));
            var reads = kinds.Select(kind => Task.Run(() => CompletionSource.Get(session, $"containers|{kind}|{cluster}|{ns}|{name}", async ct =>
            {
                var w = await session.Api.Workloads.GetAsync(cluster, ns, kind, name, Api.NullRequestLog.Instance, ct).ConfigureAwait(false);
                return w.Containers.Select(c => new Candidate(c.Name, $"{c.Name}: {c.Image} ({kind} {ns}/{name} in {cluster})")).ToArray();
            }))).ToArray();
            Task.WaitAll(reads);
            return reads.SelectMany(r => r.Result).GroupBy(c => c.Name).Select(g => g.First()).ToList();
        }
    }
}
