using System.Threading;
using System.Threading.Tasks;
using TkeStack.Models;

namespace TkeStack.Api
{
    /// <summary>Guide 4.1 to 4.3: the portal, the projects (业务) and their namespaces. TKEStack's
    /// authorizer answers a member 403 Forbidden for any project they are not in, whether it exists
    /// or not (the policies live in tke-auth, keyed by project), so a 403 here says that and what to do.</summary>
    internal sealed class ProjectOperations : ResourceOperations
    {
        public ProjectOperations(TkeClient client, TkeSession? owner) : base(client, owner)
        {
        }

        /// <summary>Guide 4.1: am I an administrator, which projects am I in.</summary>
        public async Task<Portal> PortalAsync(IRequestLog log, CancellationToken cancel)
        {
            using var answer = await Client.SendAsync(ApiRequest.Get(ApiRoutes.Portal, ApiGroup.Business), log, cancel).ConfigureAwait(false);
            return answer.One(TkeJsonContext.Default.PortalResource, (r, json) => new Portal(r, json, Owner));
        }

        /// <summary>Guide 4.3: one project.</summary>
        public async Task<Project> GetAsync(string name, IRequestLog log, CancellationToken cancel)
        {
            try
            {
                using var answer = await Client.SendAsync(ApiRequest.Get(ApiRoutes.Project(name), ApiGroup.Business), log, cancel).ConfigureAwait(false);
                return answer.One(TkeJsonContext.Default.ProjectResource, MakeProject);
            }
            catch (TkeApiException e)
            {
                throw Explain(e, name);
            }
        }

        /// <summary>Every project (an administrator's view).</summary>
        public ListReader<Project> List() =>
            ListReader.Of(Client, ApiRequest.Get(ApiRoutes.Projects, ApiGroup.Business), "projects", TkeJsonContext.Default.ProjectResource, MakeProject);

        private Project MakeProject(ProjectResource r, byte[] json) => new Project(r, json, Owner);

        /// <summary>Guide 4.2: the namespaces of a project.</summary>
        public ListReader<ProjectNamespace> Namespaces(string project) =>
            ListReader.Of(Client, ApiRequest.Get(ApiRoutes.ProjectNamespaces(project), ApiGroup.Business), "project namespaces",
                TkeJsonContext.Default.ProjectNamespaceResource, (r, json) => new ProjectNamespace(r, json, Owner), null, e => Explain(e, project));

        /// <summary>What a 403 on a project means.</summary>
        private TkeApiException Explain(TkeApiException e, string project)
        {
            if (e.StatusCode != 403) return e;
            var user = Owner?.User;
            var who = user is null ? "The API key's user" : $"User '{user}'";
            return e.Explained($"{who} is not a member of the project (业务) '{project}', or no such project exists. {e.Message}",
                $"Ask an administrator of the project or of the platform to add {user ?? "the user"} to the project's members (业务成员). Get-TkeProject lists the projects you are in.");
        }
    }
}
