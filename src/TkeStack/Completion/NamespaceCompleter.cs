using System.Collections;
using System.Collections.Generic;
using TkeStack.Api;

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
            return CompletionSource.Names(session, ApiRequest.Get(ApiRoutes.Namespaces(session)).WithCluster(cluster),
                n => $"{CompletionSource.Text(n, "metadata", "name")} in {cluster} ({CompletionSource.Text(n, "status", "phase")})");
        }
    }
}
