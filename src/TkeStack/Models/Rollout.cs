using System.Collections.Generic;
using System.Linq;
using TkeStack.Models;

namespace TkeStack
{
    /// <summary>Where a workload's rollout stands, judged as kubectl's <c>rollout status</c> judges it
    /// (kubernetes <c>staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go</c>), plus
    /// what kubectl cannot do: a TApp (every instance Running on the new template), and a StatefulSet
    /// or DaemonSet with OnDelete or a partition, where the rollout ends with work left to a person.</summary>
    internal sealed class Rollout
    {
        private Rollout(bool done, string summary, string detail, int percent, string? leftToDo = null)
        {
            Done = done;
            Summary = summary;
            Detail = detail;
            Percent = percent;
            LeftToDo = leftToDo;
        }

        /// <summary>Nothing more will happen without a person: complete, or stopped by OnDelete or a partition.</summary>
        public bool Done { get; }

        /// <summary>One word or two: Complete, Updating, Pending, OnDelete, Partitioned (a TApp's appStatus).</summary>
        public string Summary { get; }

        /// <summary>The state in a sentence, for progress and timeout messages.</summary>
        public string Detail { get; }

        public int Percent { get; }

        /// <summary>What a person must still do (OnDelete, partition), when the controller will not,
        /// ending with the command that does it (Complete-TkeWorkloadRollout), ready to paste.</summary>
        public string? LeftToDo { get; }

        /// <summary>The command that finishes what an OnDelete strategy or a partition left, ready to paste.</summary>
        public static string CompleteCommand(Workload w) =>
            $"Complete-TkeWorkloadRollout -ClusterName {w.ClusterName} -Namespace {w.Namespace} -Kind {w.Kind} -Name {w.Name}";

        /// <summary>The pods of an OnDelete StatefulSet or DaemonSet that still run the old template, in
        /// the order to delete them: a StatefulSet's from the highest ordinal down, as its RollingUpdate
        /// controller replaces them (kubernetes <c>pkg/controller/statefulset/stateful_set_control.go</c>
        /// updateStatefulSet); a DaemonSet's by name. A StatefulSet's pod is old when its
        /// controller-revision-hash label is not status.updateRevision (<c>stateful_set_utils.go</c>
        /// getPodRevision); a DaemonSet reports no revision, so its pod is old when a container's image
        /// differs from the template's. Pods already being deleted are left out.</summary>
        public static List<Pod> PodsOnOldTemplate(Workload w, IEnumerable<Pod> pods)
        {
            var updateRevision = w.Resource.Status?.UpdateRevision;
            var old = pods.Where(p => p.Resource.Metadata?.DeletionTimestamp is null && (w.Kind == WorkloadKind.StatefulSet && !string.IsNullOrEmpty(updateRevision)
                ? p.Revision != updateRevision
                : !RunsTemplate(w, p)));
            return w.Kind == WorkloadKind.StatefulSet
                ? old.OrderByDescending(p => Ordinal(p.Name)).ThenBy(p => p.Name, System.StringComparer.Ordinal).ToList()
                : old.OrderBy(p => p.Name, System.StringComparer.Ordinal).ToList();
        }

        /// <summary>Whether every container of the workload's template runs its image in the pod.</summary>
        public static bool RunsTemplate(Workload w, Pod p) =>
            w.Containers.All(c => p.Containers.Any(pc => pc.Name == c.Name && pc.Image == c.Image));

        /// <summary>A StatefulSet pod's ordinal (the number after the last '-'), or -1.</summary>
        private static int Ordinal(string podName)
        {
            var dash = podName.LastIndexOf('-');
            return dash >= 0 && int.TryParse(podName.Substring(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;
        }

        private static int Share(int part, int whole) => whole <= 0 ? 100 : System.Math.Max(0, System.Math.Min(100, part * 100 / whole));

        /// <summary>The rollout state of <paramref name="w"/>; for a TApp, <paramref name="pods"/> and
        /// <paramref name="image"/> say whether every pod runs the new template.</summary>
        public static Rollout Describe(Workload w, IList<PodResource>? pods = null, string? container = null, string? image = null)
        {
            var r = w.Resource;
            var s = r.Status ?? new WorkloadStatus();
            var replicas = w.Replicas;
            if (w.ObservedGeneration < w.Generation)
            {
                return new Rollout(false, w.Kind == WorkloadKind.TApp ? s.AppStatus ?? "Pending" : "Pending",
                    $"waiting for the controller to see generation {w.Generation} (it has seen {w.ObservedGeneration})", 0);
            }
            switch (w.Kind)
            {
                case WorkloadKind.Deployment:
                {
                    var updated = s.UpdatedReplicas ?? 0;
                    var available = s.AvailableReplicas ?? 0;
                    var total = s.Replicas ?? 0;
                    if (updated < replicas) return new Rollout(false, "Updating", $"{updated} of {replicas} new pods created, {available} available", Share(updated, replicas));
                    if (total > updated) return new Rollout(false, "Updating", $"{total - updated} old pods pending termination", Share(updated, total));
                    if (available < updated) return new Rollout(false, "Updating", $"{available} of {updated} new pods available", Share(available, updated));
                    return new Rollout(true, "Complete", $"{updated} of {replicas} pods updated and available", 100);
                }
                case WorkloadKind.StatefulSet:
                {
                    var updated = s.UpdatedReplicas ?? 0;
                    var ready = s.ReadyReplicas ?? 0;
                    var onNewRevision = s.UpdateRevision == null || s.CurrentRevision == s.UpdateRevision;
                    if (r.Spec?.UpdateStrategy?.Type == "OnDelete")
                    {
                        return onNewRevision || updated >= replicas
                            ? new Rollout(true, "Complete", $"{replicas} of {replicas} pods on the new template", 100)
                            : new Rollout(true, "OnDelete", $"{updated} of {replicas} pods on the new template", Share(updated, replicas),
                                $"the StatefulSet uses the OnDelete update strategy: the controller replaces a pod only when it is deleted; {replicas - updated} of {replicas} pods still run the old template. To delete them one at a time, each after the one before is back and Ready, run: {CompleteCommand(w)}");
                    }
                    if (ready < replicas) return new Rollout(false, "Updating", $"{ready} of {replicas} pods ready, {updated} updated", Share(ready, replicas));
                    var partition = r.Spec?.UpdateStrategy?.RollingUpdate?.Partition ?? 0;
                    if (partition > 0 && !(onNewRevision && updated >= replicas))
                    {
                        var target = System.Math.Max(0, replicas - partition);
                        if (updated < target) return new Rollout(false, "Updating", $"{updated} of {target} pods updated (partition {partition})", Share(updated, target));
                        return new Rollout(true, "Partitioned", $"{updated} of {replicas} pods updated (partition {partition})", 100,
                            $"the StatefulSet is partitioned at {partition}: pods with an ordinal below {partition} ({System.Math.Min(partition, replicas)} of {replicas}) keep the old template until spec.updateStrategy.rollingUpdate.partition is lowered. To lower it to 0 and wait for the rest, run: {CompleteCommand(w)}");
                    }
                    if (updated < replicas || !onNewRevision) return new Rollout(false, "Updating", $"{updated} of {replicas} pods updated", Share(updated, replicas));
                    return new Rollout(true, "Complete", $"{replicas} of {replicas} pods updated and ready", 100);
                }
                case WorkloadKind.DaemonSet:
                {
                    var updated = s.UpdatedNumberScheduled ?? 0;
                    var available = s.NumberAvailable ?? 0;
                    if (r.Spec?.UpdateStrategy?.Type == "OnDelete" && updated < replicas)
                    {
                        return new Rollout(true, "OnDelete", $"{updated} of {replicas} pods on the new template", Share(updated, replicas),
                            $"the DaemonSet uses the OnDelete update strategy: {replicas - updated} of {replicas} pods still run the old template. To delete them one at a time, each after the one before is back and Ready, run: {CompleteCommand(w)}");
                    }
                    if (updated < replicas) return new Rollout(false, "Updating", $"{updated} of {replicas} pods updated", Share(updated, replicas));
                    if (available < replicas) return new Rollout(false, "Updating", $"{available} of {replicas} updated pods available", Share(available, replicas));
                    return new Rollout(true, "Complete", $"{replicas} of {replicas} pods updated and available", 100);
                }
                default:
                {
                    var app = s.AppStatus ?? "Pending";
                    var statuses = s.Statuses ?? new Dictionary<string, string>();
                    var running = statuses.Values.Count(v => v == "Running");
                    var ready = s.ReadyReplicas ?? 0;
                    if (running < statuses.Count || statuses.Count < replicas)
                    {
                        var others = string.Join(", ", statuses.Where(p => p.Value != "Running").OrderBy(p => p.Key).Select(p => $"instance {p.Key} {p.Value}"));
                        return new Rollout(false, app, $"{running} of {replicas} instances Running" + (others.Length > 0 ? $" ({others})" : ""), Share(running, replicas));
                    }
                    if (ready < replicas) return new Rollout(false, app, $"{ready} of {replicas} instances ready", Share(ready, replicas));
                    if (pods != null && container != null && image != null)
                    {
                        var onNew = pods.Count(p => (p.Spec?.Containers ?? new List<ContainerSpec>()).Any(c => c.Name == container && c.Image == image));
                        if (onNew < pods.Count) return new Rollout(false, app, $"{onNew} of {pods.Count} pods on the new template", Share(onNew, pods.Count));
                    }
                    return new Rollout(true, app, $"{replicas} of {replicas} instances Running", 100);
                }
            }
        }
    }
}
