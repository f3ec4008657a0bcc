using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TkeStack.Api;
using TkeStack.Models;

namespace TkeStack
{
    /// <summary>The judgement of a rollout being waited on, as pure functions of what was read: is it
    /// done, still going, or stuck (a new pod that will not start by itself, a Deployment past its
    /// progress deadline), and the words for each. Set-TkeWorkloadImage -Wait reads, this judges.</summary>
    internal static class RolloutCheck
    {
        /// <summary>What a container waiting for one of these reasons will not get out of by itself.</summary>
        internal static readonly HashSet<string> StuckReasons = new HashSet<string>(StringComparer.Ordinal)
        {
            "ImagePullBackOff", "ErrImagePull", "ErrImageNeverPull", "InvalidImageName", "CrashLoopBackOff",
            "CreateContainerConfigError", "CreateContainerError", "RunContainerError",
        };

        /// <summary>A new pod (one running <paramref name="image"/> in <paramref name="container"/>, or any pod when they are null)
        /// whose container or init container waits for a reason it will not leave by itself, and that
        /// container's status; null when there is none.</summary>
        public static (PodResource Pod, ContainerStatus Container)? StuckPod(IEnumerable<PodResource> pods, string? container, string? image)
        {
            foreach (var pod in pods)
            {
                // Without an image (a restart, a scale), every pod is the rollout's.
                var onNew = container is null || image is null ||
                            (pod.Spec?.Containers ?? new List<ContainerSpec>()).Any(c => c.Name == container && c.Image == image);
                if (!onNew) continue;
                var stuck = (pod.Status?.ContainerStatuses ?? new List<ContainerStatus>())
                    .Concat(pod.Status?.InitContainerStatuses ?? new List<ContainerStatus>())
                    .FirstOrDefault(c => c.State?.Waiting?.Reason is { } reason && StuckReasons.Contains(reason));
                if (stuck != null) return (pod, stuck);
            }
            return null;
        }

        /// <summary>The message of a Deployment whose Progressing condition says ProgressDeadlineExceeded; else null.</summary>
        public static string? DeadlineExceeded(Workload w) =>
            w.Kind == WorkloadKind.Deployment && w.Resource.Status?.Conditions?.FirstOrDefault(c => c.Type == "Progressing") is { Reason: "ProgressDeadlineExceeded" } stalled
                ? stalled.Message ?? "ProgressDeadlineExceeded"
                : null;

        /// <summary>Where the rollout stands, short of a stuck pod (which needs the pod's events): failed
        /// past its deadline, done, or still going.</summary>
        public static WaitCheck Judge(Workload w, IList<PodResource> pods, string? container, string? image, string? previousImage)
        {
            if (DeadlineExceeded(w) is { } message)
            {
                return WaitCheck.Failed(new TkeOperationException($"{w.Describe()} did not progress: {message}", "TkeRolloutFailed", ErrorCategory.InvalidResult,
                    container != null && previousImage != null
                        ? $"Look at its pods and events, or roll back with: {RollbackCommand(w, container, previousImage)}"
                        : $"Look at its pods and events: {EventsCommand(w)}"));
            }
            var r = Rollout.Describe(w, pods, container, image);
            return r.Done ? WaitCheck.Done(r.Detail) : WaitCheck.Pending(r.Detail, r.Percent);
        }

        /// <summary>The failure of a rollout whose new pod cannot start, with the pod's latest events.</summary>
        public static TkeOperationException PodCannotStart(Workload w, PodResource pod, ContainerStatus stuck, string events, string? container, string? previousImage)
        {
            var waiting = stuck.State!.Waiting!;
            var detail = string.IsNullOrEmpty(waiting.Message) ? "" : $" ({waiting.Message})";
            var podName = pod.Metadata?.Name ?? "?";
            return new TkeOperationException(
                $"Pod {podName} of {w.Describe()} cannot start: container '{stuck.Name}' is in {waiting.Reason}{detail}. Latest events: {events}",
                "TkeRolloutFailed", ErrorCategory.InvalidResult,
                container != null && previousImage != null
                    ? $"Fix the image, or roll back with: {RollbackCommand(w, container, previousImage)}"
                    : $"Read its log: Get-TkePodLog -ClusterName {w.ClusterName} -Namespace {w.Namespace} -Name {podName} -Container {stuck.Name} -Tail 50");
        }

        /// <summary>The command that lists a workload's events, ready to paste.</summary>
        public static string EventsCommand(Workload w) =>
            $"Get-TkeWorkload -ClusterName {w.ClusterName} -Namespace {w.Namespace} -Kind {w.Kind} -Name {w.Name} | Get-TkeEvent";

        /// <summary>The latest <paramref name="count"/> events of one object, oldest first, in a line;
        /// "none found" when there are none.</summary>
        public static string LatestEvents(IEnumerable<Event> events, string objectName, int count = 3)
        {
            var latest = Event.Chronological(events.Where(e => e.ObjectName == objectName))
                .Reverse().Take(count).Reverse()
                .Select(e => $"{e.Type} {e.Reason}: {e.Message}" + (e.Count > 1 ? $" (x{e.Count})" : ""))
                .ToList();
            return latest.Count > 0 ? string.Join("; ", latest) : "none found";
        }

        /// <summary>The command that puts the previous image back, ready to paste.</summary>
        public static string RollbackCommand(Workload w, string container, string previousImage) =>
            $"Set-TkeWorkloadImage -ClusterName {w.ClusterName} -Namespace {w.Namespace} -Kind {w.Kind} -Name {w.Name} -Container {container} -Image '{previousImage.Replace("'", "''")}'";
    }
}
