using System;
using System.Collections.Generic;
using System.Linq;
using TkeStack.Models;

namespace TkeStack
{
    /// <summary>A Kubernetes event of a workload, a pod or a namespace, as Get-TkeEvent emits it.</summary>
    public sealed class Event : TkeObject
    {
        internal Event(EventResource r, ReadOnlyMemory<byte> json, string clusterName, TkeSession? session) : base(json, session)
        {
            ClusterName = clusterName;
            Namespace = r.Metadata?.Namespace ?? r.InvolvedObject?.Namespace ?? string.Empty;
            ObjectKind = r.InvolvedObject?.Kind;
            ObjectName = r.InvolvedObject?.Name;
            Type = r.Type;
            Reason = r.Reason;
            Message = r.Message;
            Count = r.Count ?? 1;
            FirstTimestamp = r.FirstTimestamp;
            LastTimestamp = r.LastTimestamp ?? r.FirstTimestamp;
            Source = r.Source?.Component;
        }

        /// <summary>The cluster id.</summary>
        public string ClusterName { get; }

        /// <summary>The namespace.</summary>
        public string Namespace { get; }

        /// <summary>The kind of the object it is about: Pod, Deployment, ...</summary>
        public string? ObjectKind { get; }

        /// <summary>The name of the object it is about.</summary>
        public string? ObjectName { get; }

        /// <summary>"Pod/web-5d9c7-x2b4k": the object it is about.</summary>
        public string Object => $"{ObjectKind}/{ObjectName}";

        /// <summary>Normal or Warning.</summary>
        public string? Type { get; }

        /// <summary>A one-word reason: Scheduled, Pulling, Failed, BackOff, ...</summary>
        public string? Reason { get; }

        /// <summary>What happened.</summary>
        public string? Message { get; }

        /// <summary>How often it happened.</summary>
        public int Count { get; }

        /// <summary>When it first happened.</summary>
        public DateTime? FirstTimestamp { get; }

        /// <summary>When it last happened.</summary>
        public DateTime? LastTimestamp { get; }

        /// <summary>Who reported it: kubelet, deployment-controller, ...</summary>
        public string? Source { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Type} {Reason} {Object}: {Message}";

        /// <summary>Events oldest first, newest last (by when they last happened), as kubectl sorts them.</summary>
        internal static IEnumerable<Event> Chronological(IEnumerable<Event> events) =>
            events.OrderBy(e => e.LastTimestamp ?? DateTime.MinValue);
    }
}
