using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace TkeStack.Models
{
    /// <summary>An object whose kind and name are checked when it is read (an answer of the wrong
    /// kind must not become a half-built object).</summary>
    internal interface IKubeObject
    {
        string? Kind { get; }
        ObjectMeta? Metadata { get; }
    }

    /// <summary>Kubernetes <c>metadata</c> of an object, as the API servers answer it.</summary>
    public sealed class ObjectMeta
    {
        /// <summary>The object's name.</summary>
        [JsonPropertyName("name")] public string? Name { get; set; }
        /// <summary>The prefix the server used to make the name.</summary>
        [JsonPropertyName("generateName")] public string? GenerateName { get; set; }
        /// <summary>The namespace, for namespaced objects.</summary>
        [JsonPropertyName("namespace")] public string? Namespace { get; set; }
        /// <summary>The object's unique id.</summary>
        [JsonPropertyName("uid")] public string? Uid { get; set; }
        /// <summary>The version a write must carry to avoid a lost update.</summary>
        [JsonPropertyName("resourceVersion")] public string? ResourceVersion { get; set; }
        /// <summary>Rises on every change of the spec.</summary>
        [JsonPropertyName("generation")] public long Generation { get; set; }
        /// <summary>When the object was created.</summary>
        [JsonPropertyName("creationTimestamp")] public DateTime? CreationTimestamp { get; set; }
        /// <summary>When deletion was asked for; set while finalizers run.</summary>
        [JsonPropertyName("deletionTimestamp")] public DateTime? DeletionTimestamp { get; set; }
        /// <summary>The object's labels.</summary>
        [JsonPropertyName("labels")] public Dictionary<string, string>? Labels { get; set; }
        /// <summary>The object's annotations.</summary>
        [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
        /// <summary>The objects that own it (a pod's ReplicaSet, StatefulSet, ...).</summary>
        [JsonPropertyName("ownerReferences")] public List<OwnerReference>? OwnerReferences { get; set; }
    }

    /// <summary>An owner of an object.</summary>
    public sealed class OwnerReference
    {
        /// <summary>The owner's kind.</summary>
        [JsonPropertyName("kind")] public string? Kind { get; set; }
        /// <summary>The owner's name.</summary>
        [JsonPropertyName("name")] public string? Name { get; set; }
    }

    /// <summary>Kubernetes <c>metadata</c> of a list: where the next page starts.</summary>
    public sealed class ListMeta
    {
        /// <summary>The token for the next page; empty on the last one.</summary>
        [JsonPropertyName("continue")] public string? Continue { get; set; }
        /// <summary>The list's resource version.</summary>
        [JsonPropertyName("resourceVersion")] public string? ResourceVersion { get; set; }
    }

    /// <summary>A Kubernetes condition (one install step of a cluster or machine, for example).</summary>
    public sealed class Condition
    {
        /// <summary>What the condition is about, such as EnsureDocker or HealthCheck.</summary>
        [JsonPropertyName("type")] public string? Type { get; set; }
        /// <summary>True, False or Unknown.</summary>
        [JsonPropertyName("status")] public string? Status { get; set; }
        /// <summary>A one-word reason, such as Waiting or FailedInit.</summary>
        [JsonPropertyName("reason")] public string? Reason { get; set; }
        /// <summary>What happened, in words.</summary>
        [JsonPropertyName("message")] public string? Message { get; set; }
        /// <summary>When the condition was last checked.</summary>
        [JsonPropertyName("lastProbeTime")] public DateTime? LastProbeTime { get; set; }
        /// <summary>When the status last changed.</summary>
        [JsonPropertyName("lastTransitionTime")] public DateTime? LastTransitionTime { get; set; }

        /// <inheritdoc />
        public override string ToString() => Reason is null ? $"{Type}={Status}" : $"{Type}={Status} ({Reason})";
    }

    /// <summary>The Kubernetes <c>Status</c> object an API server answers an error with.</summary>
    public sealed class KubeStatus
    {
        /// <summary>Always <c>Status</c>.</summary>
        [JsonPropertyName("kind")] public string? Kind { get; set; }
        /// <summary>Success or Failure.</summary>
        [JsonPropertyName("status")] public string? Status { get; set; }
        /// <summary>What went wrong, in words.</summary>
        [JsonPropertyName("message")] public string? Message { get; set; }
        /// <summary>A machine-readable reason such as NotFound, Conflict or Invalid.</summary>
        [JsonPropertyName("reason")] public string? Reason { get; set; }
        /// <summary>The object the error concerns.</summary>
        [JsonPropertyName("details")] public StatusDetails? Details { get; set; }
        /// <summary>The HTTP status code.</summary>
        [JsonPropertyName("code")] public int Code { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{Code} {Reason}: {Message}";
    }

    /// <summary>The <c>details</c> of a <see cref="KubeStatus"/>.</summary>
    public sealed class StatusDetails
    {
        /// <summary>The name of the object.</summary>
        [JsonPropertyName("name")] public string? Name { get; set; }
        /// <summary>The API group.</summary>
        [JsonPropertyName("group")] public string? Group { get; set; }
        /// <summary>The kind (resource) of the object.</summary>
        [JsonPropertyName("kind")] public string? Kind { get; set; }
        /// <summary>The seconds after which a retry may succeed.</summary>
        [JsonPropertyName("retryAfterSeconds")] public int RetryAfterSeconds { get; set; }
        /// <summary>The field-level causes of an Invalid error.</summary>
        [JsonPropertyName("causes")] public List<StatusCause>? Causes { get; set; }
    }

    /// <summary>One cause of a Kubernetes <c>Status</c> error.</summary>
    public sealed class StatusCause
    {
        /// <summary>The cause's reason, such as FieldValueInvalid.</summary>
        [JsonPropertyName("reason")] public string? Reason { get; set; }
        /// <summary>What is wrong.</summary>
        [JsonPropertyName("message")] public string? Message { get; set; }
        /// <summary>The field, such as spec.ip.</summary>
        [JsonPropertyName("field")] public string? Field { get; set; }
    }

    /// <summary>The <c>{"ErrStatus": {...}}</c> wrapper some TKEStack paths answer errors with.</summary>
    internal sealed class WrappedStatus
    {
        [JsonPropertyName("ErrStatus")] public KubeStatus? ErrStatus { get; set; }
    }

    /// <summary>A Kubernetes list: its metadata and items.</summary>
    internal sealed class KubeList<T>
    {
        [JsonPropertyName("kind")] public string? Kind { get; set; }
        [JsonPropertyName("metadata")] public ListMeta? Metadata { get; set; }
        [JsonPropertyName("items")] public List<T>? Items { get; set; }
    }
}
