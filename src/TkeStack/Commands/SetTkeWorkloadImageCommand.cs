using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Api;
using TkeStack.Models;

namespace TkeStack.Commands
{
    /// <summary>Set-TkeWorkloadImage: changes one container's image. Deployments, StatefulSets and
    /// DaemonSets get guide 2.1's strategic merge patch; a TApp is read and patched whole as guide 2.2
    /// and 2.3 say, guarded by its resourceVersion. With -Wait, follows the rollout to its end.</summary>
    [Cmdlet(VerbsCommon.Set, "TkeWorkloadImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImageChange))]
    public sealed class SetTkeWorkloadImageCommand : TkeThrottledCmdlet
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

        /// <summary>A workload piped from Get-TkeWorkload: its containers (and a TApp's resourceVersion)
        /// are taken from it instead of reading it again, so a bulk change sends one request per
        /// workload. Used only when it is the workload the other parameters name, on the same session.</summary>
        [Parameter(ValueFromPipeline = true)]
        public Workload? InputObject { get; set; }

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

        /// <summary>What one input asks, taken from the parameters on the pipeline thread.</summary>
        private sealed class Job
        {
            public Job(SetTkeWorkloadImageCommand c, TkeSession session)
            {
                Session = session;
                ClusterName = c.ClusterName;
                Namespace = c.Namespace;
                Kind = c.Kind;
                Name = c.Name;
                Container = c.Container;
                var w = c.InputObject;
                if (w != null && ReferenceEquals(w.Session, session) && w.ClusterName == ClusterName && w.Namespace == Namespace && w.Kind == Kind && w.Name == Name)
                {
                    Known = w;
                }
            }

            /// <summary>The workload as it was piped in, when it is this one; null to read it.</summary>
            public Workload? Known { get; }

            public TkeSession Session { get; }
            public string ClusterName { get; }
            public string Namespace { get; }
            public WorkloadKind Kind { get; }
            public string Name { get; }
            public string Container { get; }
            public string What => $"{Kind} {Namespace}/{Name} in {ClusterName}";
        }

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
            // A container name is a DNS-1123 label, as a namespace is (Kubernetes ValidateContainers).
            if (!CheckNames(Pipeline, (ClusterName, TkeNameKind.Cluster), (Namespace, TkeNameKind.Namespace),
                    (Name, TkeNameKind.Object), (Container, TkeNameKind.Namespace)))
            {
                return;
            }
            var job = new Job(this, ActiveSession);
            Pipeline.Start(job.Name, async (output, ct) =>
            {
                try
                {
                    await ChangeAsync(job, output, ct).ConfigureAwait(false);
                }
                catch (TkeApiException e)
                {
                    throw WorkloadAnswers.Explain(e, job.Kind, job.ClusterName);
                }
            });
        }

        private static async Task<Workload> ReadAsync(Job job, IRequestLog log, CancellationToken ct)
        {
            using var doc = await job.Session.Client.SendAsync(WorkloadRequests.Get(job.Session, job.ClusterName, job.Namespace, job.Kind, job.Name), log, ct).ConfigureAwait(false);
            return new Workload(doc.RootElement.Clone(), job.ClusterName, job.Kind, job.Session);
        }

        /// <summary>Read, ask, change, then (with -Wait) follow the rollout. Runs off the pipeline
        /// thread: everything it writes goes through <paramref name="output"/>.</summary>
        private async Task ChangeAsync(Job job, ThrottledPipeline.ItemOutput output, CancellationToken ct)
        {
            // A workload just read by Get-TkeWorkload is not read again: a changed image since then only
            // makes PreviousImage stale, and a TApp's resourceVersion guards its patch (409, read again).
            var w = job.Known ?? await ReadAsync(job, output, ct).ConfigureAwait(false);
            var current = w.Containers.FirstOrDefault(c => c.Name == job.Container);
            if (current is null)
            {
                output.Error(NoSuchContainer(w, job.Container));
                return;
            }
            if (current.Image == Image)
            {
                output.Warning($"{w.Describe()}: container '{job.Container}' already runs {Image}; nothing was sent.");
                return;
            }
            var previous = current.Image;
            if (!await output.ShouldProcessAsync(w.Describe(), $"Set the image of container '{job.Container}' from '{previous}' to '{Image}'").ConfigureAwait(false)) return;

            if (job.Kind == WorkloadKind.TApp)
            {
                if (!await PatchTAppAsync(job, w, output, ct).ConfigureAwait(false)) return;
            }
            else
            {
                using var _ = await job.Session.Client.SendAsync(WorkloadRequests.SetImage(job.Session, job.ClusterName, job.Namespace, job.Kind, job.Name, job.Container, Image), output, ct).ConfigureAwait(false);
            }
            var change = new ImageChange(w, job.Container, previous, Image);
            output.Verbose($"{w.Describe()}: container '{job.Container}' changed from {previous} to {Image}.");
            // Written before any wait: the change is made, and a runbook needs PreviousImage to roll
            // back even when the rollout then fails (the wait's error carries it as TargetObject too).
            if (PassThru) output.Object(change);
            if (!Wait) return;
            // The change reached the server: its ImageChange goes out now, not after the waits of the
            // inputs before it, so Ctrl+C during the rollouts loses none of a rollback list.
            output.Changed();
            await WaitForRolloutAsync(job, change, output, ct).ConfigureAwait(false);
        }

        /// <summary>Guide 2.3 with a lost-update guard: on 409, read again, rebuild, send again, a
        /// bounded number of times. False when there is nothing left to send.</summary>
        private async Task<bool> PatchTAppAsync(Job job, Workload w, ThrottledPipeline.ItemOutput output, CancellationToken ct)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var _ = await job.Session.Client.SendAsync(WorkloadRequests.SetTAppImage(job.Session, job.ClusterName, job.Namespace, job.Name, w.Raw, job.Container, Image), output, ct).ConfigureAwait(false);
                    return true;
                }
                catch (TkeApiException e) when (e.StatusCode == 409 && attempt <= MaxConflictRetries)
                {
                    output.Verbose($"{w.Describe()} changed since it was read ({e.Message}); reading it again (retry {attempt} of {MaxConflictRetries}).");
                }
                w = await ReadAsync(job, output, ct).ConfigureAwait(false);
                var current = w.Containers.FirstOrDefault(c => c.Name == job.Container);
                if (current is null)
                {
                    output.Error(NoSuchContainer(w, job.Container));
                    return false;
                }
                // An earlier attempt that did land (its answer lost), or another writer, set it already.
                if (current.Image == Image) return true;
            }
        }

        private static ErrorRecord NoSuchContainer(Workload w, string container)
        {
            var names = ConsoleText.SafeLine(string.Join(", ", w.Containers.Select(c => c.Name)));
            return new ErrorRecord(
                new ItemNotFoundException($"{w.Describe()} has no container '{container}'; its containers are: {names}."),
                "TkeContainerNotFound", ErrorCategory.ObjectNotFound, container);
        }

        private async Task WaitForRolloutAsync(Job job, ImageChange change, ThrottledPipeline.ItemOutput output, CancellationToken ct)
        {
            var what = job.What;
            var session = job.Session;
            try
            {
                var (final, finalPods) = await AsyncWait.UntilAsync(output, $"Rollout of {what}", TimeoutSec, async c =>
                {
                    var w = await ReadAsync(job, output, c).ConfigureAwait(false);
                    using var pods = await session.Client.SendAsync(WorkloadRequests.Pods(session, job.ClusterName, job.Namespace, job.Kind, job.Name), output, c).ConfigureAwait(false);
                    return (w, WorkloadAnswers.Items(pods.RootElement, TkeJsonContext.Default.PodResource));
                }, (state, c) => CheckAsync(job, state.w, state.Item2, change.PreviousImage, output, c), PollInterval, false, ct).ConfigureAwait(false);
                var done = Rollout.Describe(final, finalPods, job.Container, Image);
                if (done.LeftToDo != null) output.Warning($"{what}: {done.LeftToDo}.");
                else output.Verbose($"{what}: rollout complete ({done.Detail}).");
            }
            catch (TkeApiException e)
            {
                output.Error(ToErrorRecord(e, change));
            }
        }

        private async Task<WaitCheck> CheckAsync(Job job, Workload w, List<PodResource> pods, string previous, IRequestLog log, CancellationToken ct)
        {
            var what = job.What;
            var container = job.Container;
            foreach (var pod in pods)
            {
                var onNew = (pod.Spec?.Containers ?? new List<ContainerSpec>()).Any(c => c.Name == container && c.Image == Image);
                if (!onNew) continue;
                var stuck = (pod.Status?.ContainerStatuses ?? new List<ContainerStatus>())
                    .Concat(pod.Status?.InitContainerStatuses ?? new List<ContainerStatus>())
                    .FirstOrDefault(c => c.State?.Waiting?.Reason is { } reason && StuckReasons.Contains(reason));
                if (stuck != null) return WaitCheck.Failed(await PodCannotStartAsync(job, pod, stuck, log, ct).ConfigureAwait(false));
            }
            if (w.Kind == WorkloadKind.Deployment && w.Resource.Status?.Conditions?.FirstOrDefault(c => c.Type == "Progressing") is { Reason: "ProgressDeadlineExceeded" } stalled)
            {
                return WaitCheck.Failed(new TkeApiException($"{what} did not progress: {stalled.Message}", "TkeRolloutFailed", ErrorCategory.InvalidResult, null, null,
                    $"Look at its pods and events; roll back with -Image '{previous}'."));
            }
            var r = Rollout.Describe(w, pods, container, Image);
            return r.Done ? WaitCheck.Done(r.Detail) : WaitCheck.Pending(r.Detail, r.Percent);
        }

        /// <summary>The error for a new pod that cannot start, with the pod's latest events.</summary>
        private static async Task<TkeApiException> PodCannotStartAsync(Job job, PodResource pod, ContainerStatus stuck, IRequestLog log, CancellationToken ct)
        {
            var what = job.What;
            var podName = pod.Metadata?.Name ?? "?";
            var reason = stuck.State!.Waiting!.Reason;
            var events = "none found";
            try
            {
                using var doc = await job.Session.Client.SendAsync(WorkloadRequests.Events(job.Session, job.ClusterName, job.Namespace, job.Kind, job.Name), log, ct).ConfigureAwait(false);
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
