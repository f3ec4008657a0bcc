using System.Linq;
using System.Management.Automation;

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
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            if (ClusterName != null && !CheckName(ClusterName, TkeNameKind.Cluster)) return;
            var cluster = ClusterName;
            var machines = session.Api.Machines;
            WriteNamed(Name, TkeNameKind.Object, m => m.Name, name =>
            {
                var machine = Call((log, ct) => machines.GetAsync(name, log, ct));
                if (cluster is null || machine.ClusterName == cluster) return machine;
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"Machine {name} is not in cluster {cluster} (it is in {ConsoleText.SafeLine(machine.ClusterName)})."),
                    "TkeMachineNotInCluster", ErrorCategory.ObjectNotFound, name));
                return null;
            }, _ => Items(machines.List(cluster)).Where(m => cluster is null || m.ClusterName == cluster), cluster);
        }
    }
}
