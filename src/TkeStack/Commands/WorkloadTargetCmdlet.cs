using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>The base of the cmdlets that act on one workload per input, named by cluster, namespace,
    /// kind and name (each binds from a piped Workload, ImageChange or ReplicaChange), throttled, with
    /// -Wait and -TimeoutSec: Set-TkeWorkloadReplica, Restart-TkeWorkload and Wait-TkeWorkload.</summary>
    public abstract class WorkloadTargetCmdlet : TkeThrottledCmdlet
    {
        /// <summary>The cluster id (cls-xxxxxxxx). Binds from piped workloads.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ClusterNameCompleter))]
        public string ClusterName { get; set; } = string.Empty;

        /// <summary>The namespace. Binds from piped workloads.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.NamespaceCompleter))]
        public string Namespace { get; set; } = string.Empty;

        /// <summary>Deployment, StatefulSet, DaemonSet or TApp. Binds from piped workloads.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public WorkloadKind Kind { get; set; }

        /// <summary>The workload's name. Binds from piped workloads.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.WorkloadNameCompleter))]
        public string Name { get; set; } = string.Empty;

        /// <summary>How long -Wait waits, in seconds (each workload).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TimeoutSec { get; set; } = 300;

        /// <summary>The names checked (a bad one is an error in its turn, nothing sent).</summary>
        internal bool CheckTarget() =>
            CheckNames((ClusterName, TkeNameKind.Cluster), (Namespace, TkeNameKind.Namespace), (Name, TkeNameKind.Object));

        /// <summary>The workload of this input, for messages and the wait.</summary>
        internal RolloutWait.Target Target(string? container = null, string? image = null, string? previousImage = null) =>
            new RolloutWait.Target(ClusterName, Namespace, Kind, Name, container, image, previousImage);
    }
}
