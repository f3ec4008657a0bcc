using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>Complete-TkeWorkloadRollout: finishes the rollout that a StatefulSet's or DaemonSet's
    /// update strategy leaves to a person, the command -Wait's warning names. An OnDelete StatefulSet or
    /// DaemonSet has its pods on the old template deleted one at a time, each after the replacement of
    /// the one before is Ready (failing fast, as -Wait does, when a replacement cannot start); a
    /// partitioned StatefulSet has its partition lowered (to 0, or to -Partition) and is waited on.
    /// "Complete" is PowerShell's approved verb for finishing an operation that is under way.</summary>
    [Cmdlet(VerbsLifecycle.Complete, "TkeWorkloadRollout", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(Workload))]
    public sealed class CompleteTkeWorkloadRolloutCommand : WorkloadTargetCmdlet
    {
        /// <summary>For a partitioned StatefulSet: the partition to lower to (0, every pod, by default).</summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int? Partition { get; set; }

        /// <summary>Go ahead without asking for confirmation (-WhatIf still only shows).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write the workload as it ended.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            // Taken on the pipeline thread: the next input rebinds the parameters.
            var ask = !(Force && !WhatIfRequested);
            var partition = Partition;
            var passThru = PassThru.IsPresent;
            var timeoutSec = TimeoutSec;
            var pods = session.Api.Pods;
            StartOnWorkload(session, async (api, w, output, ct) =>
            {
                var strategy = w.Resource.Spec?.UpdateStrategy?.Type;
                Workload? ended;
                if (w.Kind == WorkloadKind.StatefulSet && strategy != "OnDelete")
                {
                    ended = await LowerPartitionAsync(api, w, partition ?? 0, ask, output, ct).ConfigureAwait(false);
                }
                else if (partition != null)
                {
                    output.Warning($"{w.Describe()} has no partition to lower (-Partition is for a StatefulSet with the RollingUpdate strategy); nothing was sent.");
                    return;
                }
                else if (w.Kind is WorkloadKind.StatefulSet or WorkloadKind.DaemonSet && strategy == "OnDelete")
                {
                    ended = await ReplaceOldPodsAsync(api, pods, w, ask, timeoutSec, output, ct).ConfigureAwait(false);
                }
                else
                {
                    output.Warning($"{w.Describe()} is rolled out by its controller; nothing is left to do by hand. To wait for it, run: " +
                                   $"Wait-TkeWorkload -ClusterName {w.ClusterName} -Namespace {w.Namespace} -Kind {w.Kind} -Name {w.Name}");
                    ended = w;
                }
                if (passThru && ended != null) output.Object(ended);
            });
        }

        /// <summary>Lowers the partition and waits for the controller to update the pods it frees.</summary>
        private async Task<Workload?> LowerPartitionAsync(WorkloadOperations api, Workload w, int to, bool ask, ThrottledPipeline.ItemOutput output, CancellationToken ct)
        {
            var current = w.Resource.Spec?.UpdateStrategy?.RollingUpdate?.Partition ?? 0;
            if (current <= to)
            {
                output.Warning($"{w.Describe()} is partitioned at {current}, not above {to}; nothing was sent.");
                return w;
            }
            if (ask && !await output.ShouldProcessAsync(w.Describe(),
                    $"Lower the partition from {current} to {to}: the controller updates the pods with an ordinal from {to} up").ConfigureAwait(false))
            {
                return null;
            }
            await api.SetPartitionAsync(w, to, output, ct).ConfigureAwait(false);
            output.Verbose($"{w.Describe()}: partition lowered from {current} to {to}.");
            output.Changed();
            return await WaitReportingAsync(api, RolloutWait.Target.Of(w), w, output, ct).ConfigureAwait(false);
        }

        /// <summary>Deletes the pods on the old template one at a time, each after the replacement of
        /// the one before is Ready; the workload as it ended, or null after a failure (written).</summary>
        private async Task<Workload?> ReplaceOldPodsAsync(WorkloadOperations api, PodOperations pods, Workload w, bool ask, int timeoutSec,
            ThrottledPipeline.ItemOutput output, CancellationToken ct)
        {
            var old = Rollout.PodsOnOldTemplate(w, await api.PodsAsync(w, output, ct).ConfigureAwait(false));
            if (old.Count == 0)
            {
                output.Verbose($"{w.Describe()}: every pod runs the current template; nothing to delete.");
                return w;
            }
            var names = old.Select(p => p.Name).ToList();
            if (ask && !await output.ShouldProcessAsync(w.Describe(),
                    $"Delete its {names.Count} pods on the old template one at a time ({string.Join(", ", names)}), each after the one before is back and Ready").ConfigureAwait(false))
            {
                return null;
            }
            var clock = Stopwatch.StartNew();
            try
            {
                for (var i = 0; i < names.Count; i++)
                {
                    string? uid;
                    try
                    {
                        uid = (await pods.DeleteAsync(w.ClusterName, w.Namespace, names[i], output, ct).ConfigureAwait(false)).Resource.Metadata?.Uid;
                        output.Verbose($"{w.Describe()}: deleted pod {names[i]} ({i + 1} of {names.Count}); waiting for its replacement to be Ready.");
                    }
                    catch (TkeApiException e) when (e.StatusCode == 404)
                    {
                        // Gone already (deleted by someone else): its replacement is what counts.
                        uid = null;
                        output.Verbose($"{w.Describe()}: pod {names[i]} was already gone; waiting for its replacement.");
                    }
                    output.Changed();
                    var left = Math.Max(1, timeoutSec - (int)clock.Elapsed.TotalSeconds);
                    await WaitForReplacementAsync(api, w, old[i], uid, $"Replacing pod {names[i]} of {w.Describe()} ({i + 1} of {names.Count})", left, output, ct).ConfigureAwait(false);
                }
            }
            catch (TkeException e)
            {
                output.Error(ErrorPipeline.ToRecord(e, w)!);
                return null;
            }
            return await WaitReportingAsync(api, RolloutWait.Target.Of(w), w, output, ct).ConfigureAwait(false);
        }

        /// <summary>Waits until the replacement of the deleted pod runs and is Ready; fails fast, as
        /// -Wait does, when it cannot start (naming its reason and latest events). A StatefulSet makes
        /// the pod again under its name; a DaemonSet makes a pod of another name on the same node
        /// (kubernetes pkg/controller/daemon/daemon_controller.go syncNodes).</summary>
        private async Task WaitForReplacementAsync(WorkloadOperations api, Workload w, Pod deleted, string? deletedUid, string activity, int timeoutSec,
            ThrottledPipeline.ItemOutput output, CancellationToken ct)
        {
            var name = deleted.Name;
            var node = deleted.Node;
            await AsyncWait.UntilAsync(output, activity, timeoutSec, c => api.PodsAsync(w, output, c), async (list, c) =>
            {
                var pod = list.FirstOrDefault(p => (deletedUid is null || p.Resource.Metadata?.Uid != deletedUid) &&
                                                   (w.Kind == WorkloadKind.DaemonSet ? p.Name != name && p.Node == node && Rollout.RunsTemplate(w, p) : p.Name == name));
                if (pod is null) return WaitCheck.Pending(w.Kind == WorkloadKind.DaemonSet ? $"waiting for the controller to replace pod {name} on node {node}" : $"waiting for the controller to create pod {name} again");
                if (RolloutCheck.StuckPod(new[] { pod.Resource }, null, null) is { } stuck)
                {
                    string events;
                    try
                    {
                        events = RolloutCheck.LatestEvents(await api.EventsAsync(w, output, c).ConfigureAwait(false), pod.Name);
                    }
                    catch (TkeApiException e)
                    {
                        events = "could not be read: " + e.Message;
                    }
                    return WaitCheck.Failed(RolloutCheck.PodCannotStart(w, stuck.Pod, stuck.Container, events, null, null));
                }
                return pod.Phase == "Running" && pod.ReadyContainers == pod.Containers.Length
                    ? WaitCheck.Done($"pod {pod.Name} is Ready")
                    : WaitCheck.Pending($"pod {pod.Name}: {pod.Status}, {pod.Ready} containers ready");
            }, PollInterval, false, ct).ConfigureAwait(false);
        }

        private bool WhatIfRequested =>
            (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && LanguagePrimitives.IsTrue(w)) ||
            LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
    }
}
