using System;
using System.Collections.Generic;
using System.Linq;
using TkeStack.Models;

namespace TkeStack
{
    /// <summary>A container of a pod, with how it is doing.</summary>
    public sealed class PodContainer
    {
        internal PodContainer(string name, string image, bool ready, int restarts, string state, string? reason, string? lastReason)
        {
            Name = name;
            Image = image;
            Ready = ready;
            Restarts = restarts;
            State = state;
            Reason = reason;
            LastReason = lastReason;
        }

        /// <summary>The container name.</summary>
        public string Name { get; }

        /// <summary>The image it runs.</summary>
        public string Image { get; }

        /// <summary>Whether it passes its readiness probe.</summary>
        public bool Ready { get; }

        /// <summary>How often it restarted.</summary>
        public int Restarts { get; }

        /// <summary>Waiting, Running or Terminated.</summary>
        public string State { get; }

        /// <summary>Why it waits or ended: ImagePullBackOff, CrashLoopBackOff, OOMKilled, Completed, ...</summary>
        public string? Reason { get; }

        /// <summary>How its previous run ended (Error, OOMKilled), when it restarted.</summary>
        public string? LastReason { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Name}={Image}";
    }

    /// <summary>A pod of a workload or a namespace, as Get-TkePod emits it: kubectl's columns (ready,
    /// status, restarts, node, IP, age) and what it runs (images, revision, owner). Its ClusterName,
    /// Namespace and Name bind to Get-TkePodLog and Get-TkeEvent in a pipeline.</summary>
    public sealed class Pod : TkeObject
    {
        internal Pod(PodResource r, ReadOnlyMemory<byte> json, string clusterName, TkeSession? session) : base(json, session)
        {
            Resource = r;
            ClusterName = clusterName;
            Name = r.Metadata?.Name ?? string.Empty;
            Namespace = r.Metadata?.Namespace ?? string.Empty;
            Phase = r.Status?.Phase;
            var statuses = r.Status?.ContainerStatuses ?? new List<ContainerStatus>();
            Containers = (r.Spec?.Containers ?? new List<ContainerSpec>()).Select(c =>
            {
                var s = statuses.FirstOrDefault(x => x.Name == c.Name);
                var state = s?.State?.Waiting != null ? "Waiting" : s?.State?.Terminated != null ? "Terminated" : s?.State?.Running != null ? "Running" : "Waiting";
                var reason = s?.State?.Waiting?.Reason ?? s?.State?.Terminated?.Reason;
                return new PodContainer(c.Name ?? string.Empty, c.Image ?? string.Empty, s?.Ready ?? false, s?.RestartCount ?? 0, state, reason, s?.LastState?.Terminated?.Reason);
            }).ToArray();
            ReadyContainers = Containers.Count(c => c.Ready);
            Restarts = Containers.Sum(c => c.Restarts);
            Status = PodStatusText.Of(r);
            Node = r.Spec?.NodeName;
            PodIP = r.Status?.PodIp;
            Images = Containers.Select(c => c.Image).ToArray();
            var owner = r.Metadata?.OwnerReferences?.FirstOrDefault();
            Owner = owner is null ? null : $"{owner.Kind}/{owner.Name}";
            var labels = r.Metadata?.Labels ?? new Dictionary<string, string>();
            // Which template the pod runs: a Deployment's pod-template-hash, a StatefulSet's or
            // DaemonSet's controller-revision-hash, a TApp's instance id (tkestack/tapp tapp_instance_key).
            Revision = labels.TryGetValue("pod-template-hash", out var h) ? h
                : labels.TryGetValue("controller-revision-hash", out var c) ? c
                : labels.TryGetValue("tapp_instance_key", out var i) ? "instance " + i
                : null;
            CreationTimestamp = r.Metadata?.CreationTimestamp;
        }

        /// <summary>The cluster id.</summary>
        public string ClusterName { get; }

        /// <summary>The namespace.</summary>
        public string Namespace { get; }

        /// <summary>The pod's name.</summary>
        public string Name { get; }

        /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
        public string? Phase { get; }

        /// <summary>What kubectl's STATUS column says: the phase, or why a container waits or ended
        /// (ImagePullBackOff, CrashLoopBackOff, OOMKilled, ...), or Terminating.</summary>
        public string Status { get; }

        /// <summary>Containers ready.</summary>
        public int ReadyContainers { get; }

        /// <summary>"1/2": containers ready of all.</summary>
        public string Ready => $"{ReadyContainers}/{Containers.Length}";

        /// <summary>Restarts of all its containers.</summary>
        public int Restarts { get; }

        /// <summary>The node it runs on.</summary>
        public string? Node { get; }

        /// <summary>Its address in the cluster network.</summary>
        public string? PodIP { get; }

        /// <summary>The images of its containers.</summary>
        public string[] Images { get; }

        /// <summary>Its containers, each with its state.</summary>
        public PodContainer[] Containers { get; }

        /// <summary>The object that owns it: ReplicaSet/web-5d9c7, StatefulSet/db, TApp/cart.</summary>
        public string? Owner { get; }

        /// <summary>The template it runs: a pod-template-hash, a controller revision, or a TApp instance.</summary>
        public string? Revision { get; }

        /// <summary>When the pod was created.</summary>
        public DateTime? CreationTimestamp { get; }

        /// <summary>The pod as read, for judgement (is a new pod stuck).</summary>
        internal PodResource Resource { get; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }

    /// <summary>kubectl's STATUS of a pod as a pure function (kubernetes
    /// <c>pkg/printers/internalversion/printers.go</c> printPod): the pod's reason or phase, then a
    /// failing init container, then the last container that waits or ended, and Terminating while
    /// it is being deleted.</summary>
    internal static class PodStatusText
    {
        public static string Of(PodResource r)
        {
            var reason = string.IsNullOrEmpty(r.Status?.Reason) ? r.Status?.Phase ?? "Unknown" : r.Status!.Reason!;
            foreach (var c in r.Status?.InitContainerStatuses ?? new List<ContainerStatus>())
            {
                if (c.State?.Terminated is { ExitCode: not 0 } t) return "Init:" + (t.Reason ?? $"ExitCode:{t.ExitCode}");
                if (c.State?.Waiting?.Reason is { Length: > 0 } w && w != "PodInitializing") return "Init:" + w;
            }
            foreach (var c in Enumerable.Reverse(r.Status?.ContainerStatuses ?? new List<ContainerStatus>()))
            {
                if (c.State?.Waiting?.Reason is { Length: > 0 } w) { reason = w; break; }
                if (c.State?.Terminated is { } t) { reason = t.Reason ?? $"ExitCode:{t.ExitCode}"; break; }
            }
            return r.Metadata?.DeletionTimestamp != null ? "Terminating" : reason;
        }
    }
}
