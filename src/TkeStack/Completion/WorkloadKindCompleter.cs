using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace TkeStack.Completion
{
    /// <summary>Completes workload kinds: the four kinds and kubectl's plural and short names.</summary>
    public sealed class WorkloadKindCompleter : TkeCompleter
    {
        internal override IEnumerable<Candidate> Candidates(TkeSession session, IDictionary fakeBoundParameters) =>
            WorkloadKinds.AllNames.Select(n => new Candidate(n, n));
    }
}
