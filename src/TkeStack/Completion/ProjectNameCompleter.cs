using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace TkeStack.Completion
{
    /// <summary>Completes project ids (prj-xxxxxxxx, 业务) with the display name as tooltip: the
    /// projects the portal says the user is in (guide 4.1), or, for an administrator, whose portal
    /// lists none, every project.</summary>
    public sealed class ProjectNameCompleter : TkeCompleter
    {
        internal override IEnumerable<Candidate> Candidates(TkeSession session, IDictionary fakeBoundParameters) =>
            CompletionSource.Get(session, "projects", async ct =>
            {
                var projects = session.Api.Projects;
                var portal = await projects.PortalAsync(Api.NullRequestLog.Instance, ct).ConfigureAwait(false);
                if (!portal.Administrator)
                {
                    return portal.Projects.Cast<DictionaryEntry>()
                        .Select(p => new Candidate((string)p.Key, p.Value is string display ? $"{p.Key}: {display}" : (string)p.Key))
                        .OrderBy(c => c.Name, System.StringComparer.OrdinalIgnoreCase).ToArray();
                }
                using var list = projects.List();
                return (await list.ReadAllAsync(Api.NullRequestLog.Instance, ct, CompletionSource.MaxPages).ConfigureAwait(false))
                    .Select(p => new Candidate(p.Name, $"{p.Name}: {p.DisplayName}"))
                    .OrderBy(c => c.Name, System.StringComparer.OrdinalIgnoreCase).ToArray();
            });
    }
}
