using System.Collections;
using System.Collections.Generic;

namespace TkeStack.Completion
{
    /// <summary>Completes namespace names from the namespaces of the cluster already typed as
    /// <c>-ClusterName</c> (guide 1.3, through the cluster proxy); nothing until a cluster is given.
    /// For -Namespace, and -Name of Get-TkeNamespace.</summary>
    public sealed class NamespaceCompleter : TkeCompleter
    {
        internal override IEnumerable<Candidate> Candidates(TkeSession session, IDictionary fakeBoundParameters)
        {
            var cluster = CompletionSource.BoundText(fakeBoundParameters, "ClusterName");
            if (cluster is null) return new Candidate[0];
            return CompletionSource.Names(session, "namespaces|" + cluster, api => api.Namespaces.List(cluster),
                n => new Candidate(n.Name, $"{n.Name} in {cluster} ({n.Phase})"));
        }
    }
}
