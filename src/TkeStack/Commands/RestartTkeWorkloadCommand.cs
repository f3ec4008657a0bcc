using System;
using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>Restart-TkeWorkload: a rolling restart as <c>kubectl rollout restart</c> does it, for
    /// the four kinds: the pod template gets the restartedAt annotation, and the controller replaces
    /// every pod the way it rolls out any template change.</summary>
    [Cmdlet(VerbsLifecycle.Restart, "TkeWorkload", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Workload))]
    public sealed class RestartTkeWorkloadCommand : WorkloadTargetCmdlet
    {
        /// <summary>Write the workload as it was after the restart was asked for (or, with -Wait, when it ended).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Wait until every pod was replaced and is ready, failing fast when a new pod cannot start.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            StartOnWorkload(session, async (api, w, output, ct) =>
            {
                if (!await output.ShouldProcessAsync(w.Describe(), "Restart every pod (rolling)").ConfigureAwait(false)) return;
                await api.RestartAsync(w, DateTime.UtcNow, output, ct).ConfigureAwait(false);
                output.Verbose($"{w.Describe()}: restart asked for; the controller replaces its pods one by one.");
                if (Wait)
                {
                    output.Changed();
                    if (await WaitReportingAsync(api, RolloutWait.Target.Of(w), w, output, ct).ConfigureAwait(false) is not { } ended) return;
                    w = ended;
                }
                else if (PassThru)
                {
                    w = await api.GetAsync(w.ClusterName, w.Namespace, w.Kind, w.Name, output, ct).ConfigureAwait(false);
                }
                if (PassThru) output.Object(w);
            });
        }
    }
}
