using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>Set-TkeWorkloadReplica: scales a Deployment or StatefulSet through its scale
    /// subresource, or a TApp through its spec.replicas. The name follows PowerShell's Set- for a
    /// property of a thing (Set-AzVmss -Capacity, Set-Service -StartupType): "Scale" is not an
    /// approved verb, and the property is Kubernetes' spec.replicas.</summary>
    [Cmdlet(VerbsCommon.Set, "TkeWorkloadReplica", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ReplicaChange))]
    public sealed class SetTkeWorkloadReplicaCommand : WorkloadTargetCmdlet
    {
        /// <summary>How many pods the workload should run (0 stops it).</summary>
        [Parameter(Mandatory = true)]
        [ValidateRange(0, 100000)]
        [Alias("Count")]
        public int Replicas { get; set; }

        /// <summary>Write a TkeStack.ReplicaChange with the previous count, for a one-line undo.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Wait until the workload runs that many ready pods.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            var replicas = Replicas;
            StartOnWorkload(session, async (api, w, output, ct) =>
            {
                if (w.Kind == WorkloadKind.DaemonSet)
                {
                    await api.ScaleAsync(w, replicas, output, ct).ConfigureAwait(false);
                    return;
                }
                var previous = w.Replicas;
                if (previous == replicas)
                {
                    output.Warning($"{w.Describe()} already asks for {replicas} replicas; nothing was sent.");
                }
                else
                {
                    if (!await output.ShouldProcessAsync(w.Describe(), $"Scale from {previous} to {replicas} replicas").ConfigureAwait(false)) return;
                    await api.ScaleAsync(w, replicas, output, ct).ConfigureAwait(false);
                    output.Verbose($"{w.Describe()}: scaled from {previous} to {replicas} replicas.");
                }
                var change = new ReplicaChange(w, previous, replicas);
                if (PassThru) output.Object(change);
                if (!Wait) return;
                // The change reached the server: what it wrote goes out now, even if Ctrl+C ends the wait.
                output.Changed();
                await WaitReportingAsync(api, RolloutWait.Target.Of(w), change, output, ct).ConfigureAwait(false);
            });
        }
    }
}
