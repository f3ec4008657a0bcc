using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>Get-TkeEvent: the events of a workload and its pods (TKEStack's events subresource),
    /// of a pod (pods/events), or of a namespace, oldest first and newest last, as kubectl shows them.
    /// The same reader the fail-fast -Wait uses.</summary>
    [Cmdlet(VerbsCommon.Get, "TkeEvent", DefaultParameterSetName = WorkloadSet)]
    [OutputType(typeof(Event))]
    public sealed class GetTkeEventCommand : TkeApiCmdlet
    {
        private const string NamespaceSet = "Namespace";
        private const string WorkloadSet = "Workload";
        private const string PodSet = "Pod";

        /// <summary>A workload piped from Get-TkeWorkload: its events and its pods'.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = WorkloadSet)]
        public Workload? Workload { get; set; }

        /// <summary>A pod piped from Get-TkePod: its events.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PodSet)]
        public Pod? Pod { get; set; }

        /// <summary>The cluster id (cls-xxxxxxxx). Binds from piped namespaces.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = NamespaceSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ClusterNameCompleter))]
        public string ClusterName { get; set; } = string.Empty;

        /// <summary>The namespace. Binds from piped namespaces.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = NamespaceSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.NamespaceCompleter))]
        public string Namespace { get; set; } = string.Empty;

        /// <summary>Only the events of this pod of the namespace.</summary>
        [Parameter(ParameterSetName = NamespaceSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.PodNameCompleter))]
        public string? PodName { get; set; }

        /// <summary>Only events of this type: Warning or Normal.</summary>
        [Parameter]
        [ValidateSet("Normal", "Warning")]
        public string? Type { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            var pods = session.Api.Pods;
            if (Workload is { } w)
            {
                ForTarget(w, () => Write(Call((log, ct) => session.Api.Workloads.EventsAsync(w, log, ct))));
                return;
            }
            if (Pod is { } p)
            {
                ForTarget(p, () => Write(Call((log, ct) => pods.EventsAsync(p.ClusterName, p.Namespace, p.Name, log, ct))));
                return;
            }
            if (!CheckName(ClusterName, TkeNameKind.Cluster) || !CheckName(Namespace, TkeNameKind.Namespace)) return;
            if (PodName != null && !CheckName(PodName, TkeNameKind.Object)) return;
            var (cluster, ns, pod) = (ClusterName, Namespace, PodName);
            if (pod != null)
            {
                ForTarget(pod, () => Write(Call((log, ct) => pods.EventsAsync(cluster, ns, pod, log, ct))));
                return;
            }
            // A namespace's events come in pages ordered by name: read them all, then sort by time.
            ForTarget(ns, () => Write(Items(pods.NamespaceEvents(cluster, ns)).ToList()));
        }

        private void Write(IEnumerable<Event> events)
        {
            foreach (var e in Event.Chronological(events))
            {
                if (Type is null || e.Type == Type) WriteObject(e);
            }
        }
    }
}
