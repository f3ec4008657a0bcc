using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace TkeStack.Completion
{
    /// <summary>Completes machine names (mc-xxxxxxxx) from the machines of the session (guide 3.2),
    /// with IP, cluster and phase as tooltip; only those of the cluster already typed as -ClusterName
    /// when one is.</summary>
    public sealed class MachineNameCompleter : TkeCompleter
    {
        internal override IEnumerable<Candidate> Candidates(TkeSession session, IDictionary fakeBoundParameters)
        {
            var cluster = CompletionSource.BoundText(fakeBoundParameters, "ClusterName");
            var all = CompletionSource.Names(session, "machines", api => api.Machines.List(),
                m => new Candidate(m.Name, $"{m.Name}: {m.IP} in {m.ClusterName} ({m.Phase})", m.ClusterName));
            return cluster is null ? all : all.Where(c => string.Equals(c.Scope, cluster, System.StringComparison.OrdinalIgnoreCase));
        }
    }
}
