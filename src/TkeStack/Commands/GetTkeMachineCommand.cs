using System;
using System.Collections.Generic;
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

        /// <summary>Only the machines of these cluster ids. Binds from a piped cluster.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ClusterNameCompleter))]
        public string[]? ClusterName { get; set; }

        /// <summary>What the pipeline brings: a machine name (<c>'mc-x' | Get-TkeMachine</c>) or a
        /// machine, read again by its name. Other objects (a cluster) bind <c>-ClusterName</c> by
        /// property name instead. A separate parameter, because a string[] -Name taking the pipeline
        /// by value would turn a piped cluster into a machine name (PowerShell converts it with ToString).</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public object? InputObject { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            var clusters = ClusterName?.Where(c => CheckName(c, TkeNameKind.Cluster)).Distinct(StringComparer.Ordinal).ToArray();
            if (clusters is { Length: 0 }) return;
            var machines = session.Api.Machines;
            var names = Name;
            switch (InputObject is PSObject pso ? pso.BaseObject : InputObject)
            {
                case string piped:
                    names = (names ?? new string[0]).Append(piped).ToArray();
                    break;
                case Machine machine:
                    names = (names ?? new string[0]).Append(machine.Name).ToArray();
                    break;
            }
            WriteNamed(names, TkeNameKind.Object, m => m.Name, name =>
            {
                var machine = Call((log, ct) => machines.GetAsync(name, log, ct));
                if (clusters is null || clusters.Contains(machine.ClusterName)) return machine;
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"Machine {name} is not in cluster {string.Join(" or ", clusters)} (it is in {ConsoleText.SafeLine(machine.ClusterName)})."),
                    "TkeMachineNotInCluster", ErrorCategory.ObjectNotFound, name));
                return null;
            }, _ => clusters is null ? Items(machines.List()) : clusters.SelectMany(c => InCluster(session, c)),
            clusters is { Length: 1 } ? clusters[0] : null);
        }

        /// <summary>The machines of one cluster; a cluster with none is checked, so a typo in
        /// -ClusterName is an ObjectNotFound error and not silence.</summary>
        private IEnumerable<Machine> InCluster(TkeSession session, string cluster) =>
            OrWhenEmpty(Items(session.Api.Machines.List(cluster)).Where(m => m.ClusterName == cluster),
                () => ForTarget(cluster, () => RequireCluster(session, cluster)));
    }
}
