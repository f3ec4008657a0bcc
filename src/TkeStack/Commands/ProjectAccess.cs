using System;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>What a 403 on a project means. TKEStack's authorizer answers a member 403 Forbidden for
    /// any project they are not in, whether it exists or not (the policies live in tke-auth, keyed by
    /// project), so the error says that and what to do, keeping the server's Status and the error id.</summary>
    internal static class ProjectAccess
    {
        public static void Explain(string project, TkeSession session, Action action)
        {
            try
            {
                action();
            }
            catch (TkeApiException e) when (e.StatusCode == 403)
            {
                var who = session.User is null ? "The API key's user" : $"User '{session.User}'";
                throw new TkeApiException(
                    $"{who} is not a member of the project (业务) '{project}', or no such project exists. {e.Message}",
                    e.ErrorId, e.Category, e.StatusCode, e.Status,
                    $"Ask an administrator of the project or of the platform to add {(session.User ?? "the user")} to the project's members (业务成员). Get-TkeProject lists the projects you are in.",
                    e);
            }
        }
    }
}
