using System.Collections;
using System.Collections.Generic;

namespace TkeStack.Completion
{
    /// <summary>Completes the namespaces of the project already typed as <c>-ProjectName</c> (guide
    /// 4.2), by TKEStack's name (cls-xxx-shop), with cluster and namespace as tooltip; nothing until
    /// a project is given. For -Name of Get-TkeProjectNamespace.</summary>
    public sealed class ProjectNamespaceCompleter : TkeCompleter
    {
        internal override IEnumerable<Candidate> Candidates(TkeSession session, IDictionary fakeBoundParameters)
        {
            var project = CompletionSource.BoundText(fakeBoundParameters, "ProjectName") ?? CompletionSource.BoundText(fakeBoundParameters, "ProjectId");
            if (project is null) return new Candidate[0];
            return CompletionSource.Names(session, "projectnamespaces|" + project, api => api.Projects.Namespaces(project),
                n => new Candidate(n.Name, $"{n.Name}: {n.Namespace} in {n.ClusterName} ({n.Phase})"));
        }
    }
}
