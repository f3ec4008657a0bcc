using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>The one wait on a workload's rollout, used by Wait-TkeWorkload and by the -Wait of
    /// Set-TkeWorkloadImage, Set-TkeWorkloadReplica and Restart-TkeWorkload: read the workload and
    /// its pods, let <see cref="RolloutCheck"/> judge, fail fast on a new pod that cannot start
    /// (naming it, its reason and its latest events), and warn of what a person must still do
    /// (OnDelete, a partition).</summary>
    internal static class RolloutWait
    {
        /// <summary>What the wait is about: the workload and, for an image change, the container,
        /// its new image and the image it replaced (for the rollback command).</summary>
        internal sealed class Target
        {
            public Target(string cluster, string ns, WorkloadKind kind, string name, string? container = null, string? image = null, string? previousImage = null)
            {
                ClusterName = cluster;
                Namespace = ns;
                Kind = kind;
                Name = name;
                Container = container;
                Image = image;
                PreviousImage = previousImage;
            }

            public string ClusterName { get; }
            public string Namespace { get; }
            public WorkloadKind Kind { get; }
            public string Name { get; }
            public string? Container { get; }
            public string? Image { get; }
            public string? PreviousImage { get; }
            public string What => $"{Kind} {Namespace}/{Name} in {ClusterName}";

            /// <summary>The wait on a workload as read (safe off the pipeline thread, unlike the cmdlet's
            /// parameters, which the next input rebinds).</summary>
            public static Target Of(Workload w, string? container = null, string? image = null, string? previousImage = null) =>
                new Target(w.ClusterName, w.Namespace, w.Kind, w.Name, container, image, previousImage);
        }

        /// <summary>Waits until the rollout is done (the workload as it ended is returned), or throws
        /// the failure (TkeRolloutFailed) or the timeout (TkeWaitTimeout).</summary>
        public static async Task<Workload> UntilDoneAsync(WorkloadOperations api, Target t, int timeoutSec, TimeSpan interval,
            ThrottledPipeline.ItemOutput output, CancellationToken cancel)
        {
            var (final, pods) = await AsyncWait.UntilAsync(output, $"Rollout of {t.What}", timeoutSec, async c =>
            {
                var w = await api.GetAsync(t.ClusterName, t.Namespace, t.Kind, t.Name, output, c).ConfigureAwait(false);
                return (w, (await api.PodsAsync(w, output, c).ConfigureAwait(false)).Select(p => p.Resource).ToList());
            }, async (state, c) =>
            {
                if (RolloutCheck.StuckPod(state.Item2, t.Container, t.Image) is { } stuck)
                {
                    string events;
                    try
                    {
                        events = RolloutCheck.LatestEvents(await api.EventsAsync(state.w, output, c).ConfigureAwait(false), stuck.Pod.Metadata?.Name ?? "?");
                    }
                    catch (TkeApiException e)
                    {
                        events = "could not be read: " + e.Message;
                    }
                    return WaitCheck.Failed(RolloutCheck.PodCannotStart(state.w, stuck.Pod, stuck.Container, events, t.Container, t.PreviousImage));
                }
                return RolloutCheck.Judge(state.w, state.Item2, t.Container, t.Image, t.PreviousImage);
            }, interval, false, cancel).ConfigureAwait(false);
            var done = Rollout.Describe(final, pods, t.Container, t.Image);
            if (done.LeftToDo != null) output.Warning($"{t.What}: {done.LeftToDo}.");
            else output.Verbose($"{t.What}: rollout complete ({done.Detail}).");
            return final;
        }
    }
}
