using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>The base of the cmdlets that act on one workload per input, named by cluster, namespace,
    /// kind and name (each binds from a piped Workload, ImageChange or ReplicaChange), throttled, with
    /// -TimeoutSec for their wait: Set-TkeWorkloadImage, Set-TkeWorkloadReplica, Restart-TkeWorkload
    /// and Wait-TkeWorkload.</summary>
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

        /// <summary>Starts this input's work on its workload, read first (names checked before, in
        /// input order, as every throttled input is).</summary>
        internal void StartOnWorkload(TkeSession session, Func<WorkloadOperations, Workload, ThrottledPipeline.ItemOutput, CancellationToken, Task> work)
        {
            if (!CheckTarget()) return;
            var target = Target();
            var api = session.Api.Workloads;
            Pipeline.Start(Name, async (output, ct) =>
            {
                var w = await api.GetAsync(target.ClusterName, target.Namespace, target.Kind, target.Name, output, ct).ConfigureAwait(false);
                await work(api, w, output, ct).ConfigureAwait(false);
            });
        }

        /// <summary>Follows the rollout of a change that reached the server; a failure is an error
        /// about <paramref name="change"/> (an ImageChange, a ReplicaChange, the workload), so a runbook
        /// has what it needs to undo it in the error's TargetObject. The workload as it ended, or null.</summary>
        internal async Task<Workload?> WaitReportingAsync(WorkloadOperations api, RolloutWait.Target target, object change,
            ThrottledPipeline.ItemOutput output, CancellationToken ct)
        {
            try
            {
                return await RolloutWait.UntilDoneAsync(api, target, TimeoutSec, PollInterval, output, ct).ConfigureAwait(false);
            }
            catch (TkeException e)
            {
                output.Error(ErrorPipeline.ToRecord(e, change)!);
                return null;
            }
        }

        /// <summary>The workload of this input, for the wait (taken on the pipeline thread).</summary>
        internal RolloutWait.Target Target(string? container = null, string? image = null, string? previousImage = null) =>
            new RolloutWait.Target(ClusterName, Namespace, Kind, Name, container, image, previousImage);
    }
}
