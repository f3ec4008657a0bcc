using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>Get-TkeProject: the projects (业务) I am in, from the portal (guide 4.1), or one
    /// project by id (guide 4.3). An administrator's portal lists no projects (tkestack/tke
    /// <c>pkg/business/registry/portal/storage/storage.go</c>), so for them the project list is read
    /// instead. <c>-Portal</c> emits the portal itself: am I an administrator, which projects am I in.</summary>
    [Cmdlet(VerbsCommon.Get, "TkeProject", DefaultParameterSetName = ProjectSet)]
    [OutputType(typeof(Project), ParameterSetName = new[] { ProjectSet })]
    [OutputType(typeof(Portal), ParameterSetName = new[] { PortalSet })]
    public sealed class GetTkeProjectCommand : TkeApiCmdlet
    {
        private const string ProjectSet = "Project";
        private const string PortalSet = "Portal";

        /// <summary>Project ids (prj-xxx, the guide's 业务 id); wildcards filter the projects I am in (all
        /// projects for an administrator). Every project I am in when not given.</summary>
        [Parameter(ParameterSetName = ProjectSet, Position = 0, ValueFromPipeline = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [Alias("Id")]
        [ArgumentCompleter(typeof(Completion.ProjectNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Emit the portal instead: whether the key's user is an administrator and which projects they are in.</summary>
        [Parameter(ParameterSetName = PortalSet, Mandatory = true)]
        public SwitchParameter Portal { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            var projects = session.Api.Projects;
            if (Portal)
            {
                WriteObject(Call(projects.PortalAsync));
                return;
            }
            WriteNamed(Name, TkeNameKind.Object, p => p.Name,
                name => Call((log, ct) => projects.GetAsync(name, log, ct)),
                filter => Mine(session, filter), null);
        }

        /// <summary>The projects I am in: the portal's, each read; for an administrator, every project.</summary>
        private IEnumerable<Project> Mine(TkeSession session, NameFilter filter)
        {
            var projects = session.Api.Projects;
            var portal = Call(projects.PortalAsync);
            if (portal.Administrator) return Items(projects.List());
            return portal.ProjectNames.Where(n => filter.Matches(n) && !filter.Literals.Contains(n)).Select(name =>
            {
                Project? project = null;
                ForTarget(name, () => project = Call((log, ct) => projects.GetAsync(name, log, ct)));
                return project;
            }).Where(p => p != null)!;
        }
    }
}
