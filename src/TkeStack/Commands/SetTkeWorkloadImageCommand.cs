using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TkeStack.Api;
using TkeStack.Models;

namespace TkeStack.Commands
{
    /// <summary>Set-TkeWorkloadImage: changes one container's image. Deployments, StatefulSets and
    /// DaemonSets get guide 2.1's strategic merge patch; a TApp is read and patched whole as guide 2.2
    /// and 2.3 say, guarded by its resourceVersion. With -Wait, follows the rollout to its end.</summary>
    [Cmdlet(VerbsCommon.Set, "TkeWorkloadImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImageChange))]
    public sealed class SetTkeWorkloadImageCommand : TkeApiCmdlet
    {
        /// <summary>How often a TApp PATCH is sent again after a 409 conflict, each after a fresh read.</summary>
        internal const int MaxConflictRetries = 5;

        /// <summary>What a container waiting for one of these reasons will not get out of by itself.</summary>
        private static readonly HashSet<string> StuckReasons = new HashSet<string>(StringComparer.Ordinal)
        {
            "ImagePullBackOff", "ErrImagePull", "ErrImageNeverPull", "InvalidImageName", "CrashLoopBackOff",
            "CreateContainerConfigError", "CreateContainerError", "RunContainerError",
        };

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

        /// <summary>The container whose image changes. Binds from a piped ImageChange (to roll it back).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ContainerNameCompleter))]
        public string Container { get; set; } = string.Empty;

        /// <summary>The new image, a Docker reference name[:tag][@digest].</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Image { get; set; } = string.Empty;

        /// <summary>Write a TkeStack.ImageChange for each change made.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Wait until the rollout is done, failing fast when a new pod cannot start.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long -Wait waits, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TimeoutSec { get; set; } = 300;

        /// <summary>Seconds between two looks at the rollout while waiting (tests use less than 1).</summary>
        internal TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (ImageReference.Check(Image) is { } why)
            {
                ThrowInvalid($"'{Image}' is not a valid image reference: {why}.", "TkeInvalidImage", Image);
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var session = ActiveSession;
            ForTarget(Name, () =>
            {
                try
                {
                    Change(session);
                }
                catch (TkeApiException e)
                {
                    throw WorkloadAnswers.Explain(e, Kind, ClusterName);
                }
            });
        }

        private Workload Read(TkeSession session)
        {
            using var doc = Send(WorkloadRequests.Get(session, ClusterName, Namespace, Kind, Name));
            return new Workload(doc.RootElement.Clone(), ClusterName, Kind, session);
        }

        private void Change(TkeSession session)
        {
            var w = Read(session);
            var current = w.Containers.FirstOrDefault(c => c.Name == Container);
            if (current is null)
            {
                WriteNoSuchContainer(w);
                return;
            }
            if (current.Image == Image)
            {
                WriteWarning($"{w.Describe()}: container '{Container}' already runs {Image}; nothing was sent.");
                return;
            }
            var previous = current.Image;
            if (!ShouldProcess(w.Describe(), $"Set the image of container '{Container}' from '{previous}' to '{Image}'")) return;

            if (Kind == WorkloadKind.TApp)
            {
                if (!PatchTApp(session, w)) return;
            }
            else
            {
                using var _ = Send(WorkloadRequests.SetImage(session, ClusterName, Namespace, Kind, Name, Container, Image));
            }
            var change = new ImageChange(w, Container, previous, Image);
            WriteVerbose($"{w.Describe()}: container '{Container}' changed from {previous} to {Image}.");
            // Written before any wait: the change is made, and a runbook needs PreviousImage to roll
            // back even when the rollout then fails (the wait's error carries it as TargetObject too).
            if (PassThru) WriteObject(change);
            if (Wait) WaitForRollout(session, change);
        }

        /// <summary>Guide 2.3 with a lost-update guard: on 409, read again, rebuild, send again, a
        /// bounded number of times. False when there is nothing left to send.</summary>
        private bool PatchTApp(TkeSession session, Workload w)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var _ = Send(WorkloadRequests.SetTAppImage(session, ClusterName, Namespace, Name, w.Raw, Container, Image));
                    return true;
                }
                catch (TkeApiException e) when (e.StatusCode == 409 && attempt <= MaxConflictRetries)
                {
                    WriteVerbose($"{w.Describe()} changed since it was read ({e.Message}); reading it again (retry {attempt} of {MaxConflictRetries}).");
                    w = Read(session);
                    var current = w.Containers.FirstOrDefault(c => c.Name == Container);
                    if (current is null)
                    {
                        WriteNoSuchContainer(w);
                        return false;
                    }
                    // An earlier attempt that did land (its answer lost), or another writer, set it already.
                    if (current.Image == Image) return true;
                }
            }
        }

        private void WriteNoSuchContainer(Workload w)
        {
            var names = string.Join(", ", w.Containers.Select(c => c.Name));
            WriteError(new ErrorRecord(
                new ItemNotFoundException($"{w.Describe()} has no container '{Container}'; its containers are: {names}."),
                "TkeContainerNotFound", ErrorCategory.ObjectNotFound, Container));
        }

        private void WaitForRollout(TkeSession session, ImageChange change)
        {
            var what = $"{Kind} {Namespace}/{Name} in {ClusterName}";
            try
            {
                var (final, finalPods) = WaitUntil($"Rollout of {what}", TimeoutSec, async ct =>
                {
                    using var doc = await session.Client.SendAsync(WorkloadRequests.Get(session, ClusterName, Namespace, Kind, Name), this, ct).ConfigureAwait(false);
                    var w = new Workload(doc.RootElement.Clone(), ClusterName, Kind, session);
                    using var pods = await session.Client.SendAsync(WorkloadRequests.Pods(session, ClusterName, Namespace, Kind, Name), this, ct).ConfigureAwait(false);
                    return (w, WorkloadAnswers.Items(pods.RootElement, TkeJsonContext.Default.PodResource));
                }, state => Check(session, state.w, state.Item2, what, change.PreviousImage), PollInterval);
                var done = Rollout.Describe(final, finalPods, Container, Image);
                if (done.LeftToDo != null) WriteWarning($"{what}: {done.LeftToDo}.");
                else WriteVerbose($"{what}: rollout complete ({done.Detail}).");
            }
            catch (TkeApiException e)
            {
                WriteError(ToErrorRecord(e, change));
            }
        }

        private WaitCheck Check(TkeSession session, Workload w, List<PodResource> pods, string what, string previous)
        {
            foreach (var pod in pods)
            {
                var onNew = (pod.Spec?.Containers ?? new List<ContainerSpec>()).Any(c => c.Name == Container && c.Image == Image);
                if (!onNew) continue;
                var stuck = (pod.Status?.ContainerStatuses ?? new List<ContainerStatus>())
                    .Concat(pod.Status?.InitContainerStatuses ?? new List<ContainerStatus>())
                    .FirstOrDefault(c => c.State?.Waiting?.Reason is { } reason && StuckReasons.Contains(reason));
                if (stuck != null) return WaitCheck.Failed(PodCannotStart(session, pod, stuck, what));
            }
            if (w.Kind == WorkloadKind.Deployment && w.Resource.Status?.Conditions?.FirstOrDefault(c => c.Type == "Progressing") is { Reason: "ProgressDeadlineExceeded" } stalled)
            {
                return WaitCheck.Failed(new TkeApiException($"{what} did not progress: {stalled.Message}", "TkeRolloutFailed", ErrorCategory.InvalidResult, null, null,
                    $"Look at its pods and events; roll back with -Image '{previous}'."));
            }
            var r = Rollout.Describe(w, pods, Container, Image);
            return r.Done ? WaitCheck.Done(r.Detail) : WaitCheck.Pending(r.Detail, r.Percent);
        }

        /// <summary>The error for a new pod that cannot start, with the pod's latest events.</summary>
        private TkeApiException PodCannotStart(TkeSession session, PodResource pod, ContainerStatus stuck, string what)
        {
            var podName = pod.Metadata?.Name ?? "?";
            var reason = stuck.State!.Waiting!.Reason;
            var events = "none found";
            try
            {
                using var doc = Send(WorkloadRequests.Events(session, ClusterName, Namespace, Kind, Name));
                var latest = WorkloadAnswers.Items(doc.RootElement, TkeJsonContext.Default.EventResource)
                    .Where(e => e.InvolvedObject?.Name == podName)
                    .OrderBy(e => e.LastTimestamp ?? DateTime.MinValue)
                    .Reverse().Take(3).Reverse()
                    .Select(e => $"{e.Type} {e.Reason}: {e.Message}" + (e.Count > 1 ? $" (x{e.Count})" : ""))
                    .ToList();
                if (latest.Count > 0) events = string.Join("; ", latest);
            }
            catch (TkeApiException e)
            {
                events = "could not be read: " + e.Message;
            }
            var detail = string.IsNullOrEmpty(stuck.State.Waiting.Message) ? "" : $" ({stuck.State.Waiting.Message})";
            return new TkeApiException(
                $"Pod {podName} of {what} cannot start: container '{stuck.Name}' is in {reason}{detail}. Latest events: {events}",
                "TkeRolloutFailed", ErrorCategory.InvalidResult, null, null,
                "Fix the image, or roll back: pipe the ImageChange (the error's TargetObject) to Set-TkeWorkloadImage -Image $_.PreviousImage.");
        }
    }
}
