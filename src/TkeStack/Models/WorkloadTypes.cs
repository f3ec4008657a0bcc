using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace TkeStack.Models
{
    /// <summary>A Deployment, StatefulSet or DaemonSet (k8s.io/api <c>apps/v1/types.go</c>) or a TApp
    /// (tkestack/tapp <c>pkg/apis/tappcontroller/v1/types.go</c>): the fields the module reads.</summary>
    public sealed class WorkloadResource
    {
        /// <summary>The object's metadata.</summary>
        [JsonPropertyName("metadata")] public ObjectMeta? Metadata { get; set; }
        /// <summary>What the workload should be.</summary>
        [JsonPropertyName("spec")] public WorkloadSpec? Spec { get; set; }
        /// <summary>What the controller reports.</summary>
        [JsonPropertyName("status")] public WorkloadStatus? Status { get; set; }
    }

    /// <summary>The <c>spec</c> of a workload.</summary>
    public sealed class WorkloadSpec
    {
        /// <summary>Desired pods (absent for a DaemonSet).</summary>
        [JsonPropertyName("replicas")] public int? Replicas { get; set; }
        /// <summary>The pod template.</summary>
        [JsonPropertyName("template")] public PodTemplate? Template { get; set; }
        /// <summary>StatefulSet and DaemonSet: RollingUpdate or OnDelete (and a StatefulSet's partition).</summary>
        [JsonPropertyName("updateStrategy")] public UpdateStrategy? UpdateStrategy { get; set; }
        /// <summary>TApp: instance id to the name of a template in the template pool.</summary>
        [JsonPropertyName("templates")] public Dictionary<string, string>? Templates { get; set; }
        /// <summary>TApp: the template instances follow unless pinned; "default" (or none) is spec.template, any other name an entry of the pool.</summary>
        [JsonPropertyName("defaultTemplateName")] public string? DefaultTemplateName { get; set; }
        /// <summary>TApp: the named templates.</summary>
        [JsonPropertyName("templatePool")] public Dictionary<string, PodTemplate>? TemplatePool { get; set; }
    }

    /// <summary>A pod template.</summary>
    public sealed class PodTemplate
    {
        /// <summary>The pod spec.</summary>
        [JsonPropertyName("spec")] public PodSpec? Spec { get; set; }
    }

    /// <summary>The part of a pod spec the module reads.</summary>
    public sealed class PodSpec
    {
        /// <summary>The containers.</summary>
        [JsonPropertyName("containers")] public List<ContainerSpec>? Containers { get; set; }
        /// <summary>The node the pod runs on (a pod's spec; empty in a template).</summary>
        [JsonPropertyName("nodeName")] public string? NodeName { get; set; }
    }

    /// <summary>A container's name and image.</summary>
    public sealed class ContainerSpec
    {
        /// <summary>The container name.</summary>
        [JsonPropertyName("name")] public string? Name { get; set; }
        /// <summary>The image reference.</summary>
        [JsonPropertyName("image")] public string? Image { get; set; }
    }

    /// <summary>How a StatefulSet or DaemonSet replaces its pods.</summary>
    public sealed class UpdateStrategy
    {
        /// <summary>RollingUpdate or OnDelete.</summary>
        [JsonPropertyName("type")] public string? Type { get; set; }
        /// <summary>The rolling update's settings.</summary>
        [JsonPropertyName("rollingUpdate")] public RollingUpdate? RollingUpdate { get; set; }
    }

    /// <summary>A StatefulSet's rolling update: pods with an ordinal below the partition are not updated.</summary>
    public sealed class RollingUpdate
    {
        /// <summary>The partition.</summary>
        [JsonPropertyName("partition")] public int? Partition { get; set; }
    }

    /// <summary>The <c>status</c> of any of the four kinds (each uses some of these fields).</summary>
    public sealed class WorkloadStatus
    {
        /// <summary>The generation the controller has acted on.</summary>
        [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }
        /// <summary>Pods that exist.</summary>
        [JsonPropertyName("replicas")] public int? Replicas { get; set; }
        /// <summary>Pods on the current template.</summary>
        [JsonPropertyName("updatedReplicas")] public int? UpdatedReplicas { get; set; }
        /// <summary>Pods ready.</summary>
        [JsonPropertyName("readyReplicas")] public int? ReadyReplicas { get; set; }
        /// <summary>Deployment: pods available.</summary>
        [JsonPropertyName("availableReplicas")] public int? AvailableReplicas { get; set; }
        /// <summary>StatefulSet: pods on currentRevision.</summary>
        [JsonPropertyName("currentReplicas")] public int? CurrentReplicas { get; set; }
        /// <summary>StatefulSet: the revision pods run.</summary>
        [JsonPropertyName("currentRevision")] public string? CurrentRevision { get; set; }
        /// <summary>StatefulSet: the revision pods are updated to.</summary>
        [JsonPropertyName("updateRevision")] public string? UpdateRevision { get; set; }
        /// <summary>DaemonSet: nodes that should run the pod.</summary>
        [JsonPropertyName("desiredNumberScheduled")] public int? DesiredNumberScheduled { get; set; }
        /// <summary>DaemonSet: pods ready.</summary>
        [JsonPropertyName("numberReady")] public int? NumberReady { get; set; }
        /// <summary>DaemonSet: pods on the current template.</summary>
        [JsonPropertyName("updatedNumberScheduled")] public int? UpdatedNumberScheduled { get; set; }
        /// <summary>DaemonSet: pods available.</summary>
        [JsonPropertyName("numberAvailable")] public int? NumberAvailable { get; set; }
        /// <summary>TApp: Pending, Running, Failed, Succ or Killed.</summary>
        [JsonPropertyName("appStatus")] public string? AppStatus { get; set; }
        /// <summary>TApp: instance id to its state (Running, Updating, Pending, ...).</summary>
        [JsonPropertyName("statuses")] public Dictionary<string, string>? Statuses { get; set; }
        /// <summary>Deployment: Available and Progressing.</summary>
        [JsonPropertyName("conditions")] public List<Condition>? Conditions { get; set; }
    }

    /// <summary>A pod, as the pods subresources answer it: the fields that say whether it started.</summary>
    public sealed class PodResource
    {
        /// <summary>The pod's metadata.</summary>
        [JsonPropertyName("metadata")] public ObjectMeta? Metadata { get; set; }
        /// <summary>The pod's containers.</summary>
        [JsonPropertyName("spec")] public PodSpec? Spec { get; set; }
        /// <summary>The pod's status.</summary>
        [JsonPropertyName("status")] public PodStatus? Status { get; set; }
    }

    /// <summary>The <c>status</c> of a pod.</summary>
    public sealed class PodStatus
    {
        /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
        [JsonPropertyName("phase")] public string? Phase { get; set; }
        /// <summary>One per container.</summary>
        [JsonPropertyName("containerStatuses")] public List<ContainerStatus>? ContainerStatuses { get; set; }
        /// <summary>One per init container.</summary>
        [JsonPropertyName("initContainerStatuses")] public List<ContainerStatus>? InitContainerStatuses { get; set; }
        /// <summary>The pod's address in the cluster network.</summary>
        [JsonPropertyName("podIP")] public string? PodIp { get; set; }
        /// <summary>The address of the node it runs on.</summary>
        [JsonPropertyName("hostIP")] public string? HostIp { get; set; }
        /// <summary>When the kubelet took the pod.</summary>
        [JsonPropertyName("startTime")] public DateTime? StartTime { get; set; }
        /// <summary>Why the pod is in its phase (Evicted, ...).</summary>
        [JsonPropertyName("reason")] public string? Reason { get; set; }
    }

    /// <summary>A container's state in a pod.</summary>
    public sealed class ContainerStatus
    {
        /// <summary>The container name.</summary>
        [JsonPropertyName("name")] public string? Name { get; set; }
        /// <summary>The image it runs.</summary>
        [JsonPropertyName("image")] public string? Image { get; set; }
        /// <summary>Whether it passes its readiness probe.</summary>
        [JsonPropertyName("ready")] public bool Ready { get; set; }
        /// <summary>How often it restarted.</summary>
        [JsonPropertyName("restartCount")] public int RestartCount { get; set; }
        /// <summary>Its current state.</summary>
        [JsonPropertyName("state")] public ContainerState? State { get; set; }
        /// <summary>How its previous run ended.</summary>
        [JsonPropertyName("lastState")] public ContainerState? LastState { get; set; }
    }

    /// <summary>A container's state: waiting, running or terminated.</summary>
    public sealed class ContainerState
    {
        /// <summary>Set while the container does not run.</summary>
        [JsonPropertyName("waiting")] public ContainerStateWaiting? Waiting { get; set; }
        /// <summary>Set while it runs.</summary>
        [JsonPropertyName("running")] public ContainerStateRunning? Running { get; set; }
        /// <summary>Set when it ended.</summary>
        [JsonPropertyName("terminated")] public ContainerStateTerminated? Terminated { get; set; }
    }

    /// <summary>A running container.</summary>
    public sealed class ContainerStateRunning
    {
        /// <summary>When it started.</summary>
        [JsonPropertyName("startedAt")] public DateTime? StartedAt { get; set; }
    }

    /// <summary>A container that ended.</summary>
    public sealed class ContainerStateTerminated
    {
        /// <summary>Its exit code.</summary>
        [JsonPropertyName("exitCode")] public int ExitCode { get; set; }
        /// <summary>OOMKilled, Error, Completed, ...</summary>
        [JsonPropertyName("reason")] public string? Reason { get; set; }
        /// <summary>What the kubelet says.</summary>
        [JsonPropertyName("message")] public string? Message { get; set; }
        /// <summary>When it ended.</summary>
        [JsonPropertyName("finishedAt")] public DateTime? FinishedAt { get; set; }
    }

    /// <summary>Why a container waits.</summary>
    public sealed class ContainerStateWaiting
    {
        /// <summary>ImagePullBackOff, ErrImagePull, CrashLoopBackOff, ContainerCreating, ...</summary>
        [JsonPropertyName("reason")] public string? Reason { get; set; }
        /// <summary>What the kubelet says.</summary>
        [JsonPropertyName("message")] public string? Message { get; set; }
    }

    /// <summary>A Kubernetes event (core/v1), as the events subresources answer it.</summary>
    public sealed class EventResource
    {
        /// <summary>The event's own metadata.</summary>
        [JsonPropertyName("metadata")] public ObjectMeta? Metadata { get; set; }
        /// <summary>When it first happened.</summary>
        [JsonPropertyName("firstTimestamp")] public DateTime? FirstTimestamp { get; set; }
        /// <summary>Who reported it (kubelet, deployment-controller, ...).</summary>
        [JsonPropertyName("source")] public EventSource? Source { get; set; }
        /// <summary>The object the event is about.</summary>
        [JsonPropertyName("involvedObject")] public InvolvedObject? InvolvedObject { get; set; }
        /// <summary>A one-word reason, such as Failed or BackOff.</summary>
        [JsonPropertyName("reason")] public string? Reason { get; set; }
        /// <summary>What happened.</summary>
        [JsonPropertyName("message")] public string? Message { get; set; }
        /// <summary>Normal or Warning.</summary>
        [JsonPropertyName("type")] public string? Type { get; set; }
        /// <summary>How often it happened.</summary>
        [JsonPropertyName("count")] public int? Count { get; set; }
        /// <summary>When it last happened.</summary>
        [JsonPropertyName("lastTimestamp")] public DateTime? LastTimestamp { get; set; }
    }

    /// <summary>The object an event is about.</summary>
    public sealed class InvolvedObject
    {
        /// <summary>Pod, Deployment, ...</summary>
        [JsonPropertyName("kind")] public string? Kind { get; set; }
        /// <summary>Its name.</summary>
        [JsonPropertyName("name")] public string? Name { get; set; }
        /// <summary>Its namespace.</summary>
        [JsonPropertyName("namespace")] public string? Namespace { get; set; }
    }

    /// <summary>Who reported an event.</summary>
    public sealed class EventSource
    {
        /// <summary>kubelet, deployment-controller, ...</summary>
        [JsonPropertyName("component")] public string? Component { get; set; }
        /// <summary>The node, for the kubelet.</summary>
        [JsonPropertyName("host")] public string? Host { get; set; }
    }
}
