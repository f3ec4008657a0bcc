using System.Collections;
using System.Collections.Generic;

namespace TkeStack.Completion
{
    /// <summary>Completes pod names of the namespace already typed (<c>-ClusterName</c>,
    /// <c>-Namespace</c>), with status and node as tooltip; nothing until both are given.</summary>
    public sealed class PodNameCompleter : TkeCompleter
    {
        internal override IEnumerable<Candidate> Candidates(TkeSession session, IDictionary fakeBoundParameters)
        {
            var cluster = CompletionSource.BoundText(fakeBoundParameters, "ClusterName");
            var ns = CompletionSource.BoundText(fakeBoundParameters, "Namespace");
            if (cluster is null || ns is null) return new Candidate[0];
            return CompletionSource.Names(session, $"pods|{cluster}|{ns}", api => api.Pods.List(cluster, ns),
                p => new Candidate(p.Name, $"{p.Name}: {p.Status}, {p.Ready} ready, on {p.Node}"));
        }
    }
}
