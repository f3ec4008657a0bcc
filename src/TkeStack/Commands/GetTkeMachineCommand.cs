using System.Linq;
using System.Management.Automation;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>Get-TkeMachine: guide 3.2, machines by name, or the list filtered by name and cluster.</summary>
    [Cmdlet(VerbsCommon.Get, "TkeMachine")]
    [OutputType(typeof(Machine))]
    public sealed class GetTkeMachineCommand : TkeApiCmdlet
    {
        /// <summary>Machine names (mc-xxxxxxxx); wildcards filter the list. All machines when not given.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.MachineNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Only the machines of this cluster id. Binds from a piped cluster.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ClusterNameCompleter))]
        public string? ClusterName { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            if (ClusterName != null && !CheckName(ClusterName, TkeNameKind.Cluster)) return;
            var given = Name?.Where(n => CheckName(n, TkeNameKind.Object, wildcards: true)).ToArray();
            if (given != null && given.Length == 0) return;
            var session = ActiveSession;
            var names = new NameFilter(given);
            foreach (var name in names.Literals)
            {
                ForTarget(name, () =>
                {
                    using var doc = Send(ApiRequest.Get(ApiRoutes.Machine(session, name)));
                    var machine = new Machine(doc.RootElement.Clone(), session);
                    if (ClusterName is null || machine.ClusterName == ClusterName)
                    {
                        WriteObject(machine);
                        return;
                    }
                    WriteError(new ErrorRecord(
                        new ItemNotFoundException($"Machine {name} is not in cluster {ClusterName} (it is in {ConsoleText.SafeLine(machine.ClusterName)})."),
                        "TkeMachineNotInCluster", ErrorCategory.ObjectNotFound, name));
                });
            }
            if (!names.NeedsList) return;
            var request = ApiRequest.Get(ApiRoutes.Machines(session));
            // The platform API indexes spec.clusterName (pkg/platform/registry/machine/strategy.go);
            // the filter below still applies, for a server that ignores the selector.
            if (ClusterName != null) request.WithQuery("fieldSelector", "spec.clusterName=" + ClusterName);
            foreach (var item in ListItems(request, "machines"))
            {
                var machine = new Machine(item.Clone(), session);
                if (ClusterName != null && machine.ClusterName != ClusterName) continue;
                if (names.Matches(machine.Name) && !names.Literals.Contains(machine.Name)) WriteObject(machine);
            }
        }
    }
}
