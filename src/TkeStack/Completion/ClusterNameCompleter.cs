using System.Collections;
using System.Collections.Generic;

namespace TkeStack.Completion
{
    /// <summary>Completes cluster ids (cls-xxxxxxxx) from the clusters of the session (guide 1.2),
    /// with the display name and phase as tooltip. For -ClusterName, and -Name of Get-TkeCluster.</summary>
    public sealed class ClusterNameCompleter : TkeCompleter
    {
        internal override IEnumerable<Candidate> Candidates(TkeSession session, IDictionary fakeBoundParameters) =>
            CompletionSource.Names(session, "clusters", api => api.Clusters.List(),
                c => new Candidate(c.Name, $"{c.Name}: {c.DisplayName} ({c.Type}, {c.Phase})"));
    }
}
