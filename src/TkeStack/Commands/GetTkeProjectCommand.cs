using System.Linq;
using System.Management.Automation;
using TkeStack.Api;

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
        protected override void ProcessRecordCore()
        {
            var given = Name?.Where(n => CheckName(n, TkeNameKind.Object, wildcards: true)).ToArray();
            if (given != null && given.Length == 0) return;
            var session = ActiveSession;
            if (Portal)
            {
                WriteObject(ReadPortal(session));
                return;
            }

            var names = new NameFilter(given);
            foreach (var name in names.Literals)
            {
                ForTarget(name, () => WriteProject(session, name));
            }
            if (!names.NeedsList) return;

            var portal = ReadPortal(session);
            if (portal.Administrator)
            {
                foreach (var item in ListItems(ApiRequest.Get(ApiRoutes.Projects(session)), "projects"))
                {
                    var project = new Project(item.Clone(), session);
                    if (names.Matches(project.Name) && !names.Literals.Contains(project.Name)) WriteObject(project);
                }
                return;
            }
            foreach (var name in portal.ProjectNames)
            {
                if (names.Matches(name) && !names.Literals.Contains(name)) ForTarget(name, () => WriteProject(session, name));
            }
        }

        private Portal ReadPortal(TkeSession session)
        {
            using var doc = Send(ApiRequest.Get(ApiRoutes.Portal(session)));
            return new Portal(doc.RootElement.Clone(), session);
        }

        private void WriteProject(TkeSession session, string name) => ProjectAccess.Explain(name, session, () =>
        {
            using var doc = Send(ApiRequest.Get(ApiRoutes.Project(session, name)));
            WriteObject(new Project(doc.RootElement.Clone(), session));
        });
    }
}
