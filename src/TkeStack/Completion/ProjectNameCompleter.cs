using System.Collections.Generic;
using System.Collections;
using System.Linq;
using System.Text.Json;
using TkeStack.Api;

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
                using (var portal = await session.Client.SendAsync(ApiRequest.Get(ApiRoutes.Portal(session)), NullRequestLog.Instance, ct).ConfigureAwait(false))
                {
                    var root = portal.RootElement;
                    var admin = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("administrator", out var a) && a.ValueKind == JsonValueKind.True;
                    if (!admin && root.ValueKind == JsonValueKind.Object && root.TryGetProperty("projects", out var projects) && projects.ValueKind == JsonValueKind.Object)
                    {
                        return projects.EnumerateObject()
                            .Select(p => new Candidate(p.Name, p.Value.ValueKind == JsonValueKind.String ? $"{p.Name}: {p.Value.GetString()}" : p.Name))
                            .OrderBy(c => c.Name, System.StringComparer.OrdinalIgnoreCase).ToArray();
                    }
                }
                return await CompletionSource.ReadList(session, ApiRequest.Get(ApiRoutes.Projects(session)),
                    p => $"{CompletionSource.Text(p, "metadata", "name")}: {CompletionSource.Text(p, "spec", "displayName")}", null, ct).ConfigureAwait(false);
            });
    }
}
