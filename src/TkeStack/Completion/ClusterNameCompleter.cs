using System.Collections;
using System.Collections.Generic;
using TkeStack.Api;

namespace TkeStack.Completion
{
    /// <summary>Completes cluster ids (cls-xxxxxxxx) from the clusters of the session (guide 1.2),
    /// with the display name and phase as tooltip. For -ClusterName, and -Name of Get-TkeCluster.</summary>
    public sealed class ClusterNameCompleter : TkeCompleter
    {
        internal override IEnumerable<Candidate> Candidates(TkeSession session, IDictionary fakeBoundParameters) =>
            CompletionSource.Names(session, ApiRequest.Get(ApiRoutes.Clusters(session)),
                c => $"{CompletionSource.Text(c, "metadata", "name")}: {CompletionSource.Text(c, "spec", "displayName")} ({CompletionSource.Text(c, "spec", "type")}, {CompletionSource.Text(c, "status", "phase")})");
    }
}
