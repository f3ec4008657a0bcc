using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TkeStack.Models;

namespace TkeStack
{
    /// <summary>The workload kinds whose images the module changes.</summary>
    public enum WorkloadKind
    {
        /// <summary>apps/v1 Deployment.</summary>
        Deployment,
        /// <summary>apps/v1 StatefulSet.</summary>
        StatefulSet,
        /// <summary>apps/v1 DaemonSet.</summary>
        DaemonSet,
        /// <summary>apps.tkestack.io/v1 TApp (TKEStack's own kind).</summary>
        TApp,
    }

    /// <summary>A container of a workload's pod template.</summary>
    public sealed class WorkloadContainer
    {
        internal WorkloadContainer(string name, string image)
        {
            Name = name;
            Image = image;
        }

        /// <summary>The container name.</summary>
        public string Name { get; }

        /// <summary>The image reference.</summary>
        public string Image { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Name}={Image}";
    }

    /// <summary>The containers of a workload: a list of (Name, Image) that reads as text where text is
    /// wanted. Export-Csv writes a property with its ToString(), so an array would be written as
    /// "TkeStack.WorkloadContainer[]" and the images lost; this list writes "app=nginx:1.25, sidecar=...".
    /// ConvertTo-Json writes it as an array of {Name, Image}.</summary>
    public sealed class WorkloadContainerList : System.Collections.ObjectModel.ReadOnlyCollection<WorkloadContainer>
    {
        internal WorkloadContainerList(IList<WorkloadContainer> containers) : base(containers)
        {
        }

        /// <summary>How many containers there are (as an array's Length).</summary>
        public int Length => Count;

        /// <inheritdoc />
        public override string ToString() => string.Join(", ", this.Select(c => c.ToString()));
    }

    /// <summary>A Deployment, StatefulSet, DaemonSet or TApp, as Get-TkeWorkload emits it. Its
    /// ClusterName, Namespace, Kind and Name bind to Set-TkeWorkloadImage in a pipeline.</summary>
    public sealed class Workload : TkeObject
    {
        internal Workload(WorkloadResource r, ReadOnlyMemory<byte> json, string clusterName, WorkloadKind kind, TkeSession? session) : base(json, session)
        {
            Resource = r;
            ClusterName = clusterName;
            Kind = kind;
            Name = r.Metadata?.Name ?? string.Empty;
            Namespace = r.Metadata?.Namespace ?? string.Empty;
            var s = r.Status ?? new WorkloadStatus();
            Replicas = kind == WorkloadKind.DaemonSet ? s.DesiredNumberScheduled ?? 0 : r.Spec?.Replicas ?? 1;
            ReadyReplicas = kind == WorkloadKind.DaemonSet ? s.NumberReady ?? 0 : s.ReadyReplicas ?? 0;
            // A TApp reports no such count, only each instance's state.
            UpdatedReplicas = kind == WorkloadKind.DaemonSet ? s.UpdatedNumberScheduled ?? 0 : kind == WorkloadKind.TApp ? (int?)null : s.UpdatedReplicas ?? 0;
            // A TApp's instances follow spec.template only while defaultTemplateName is "default"
            // (tkestack/tapp pkg/tapp/tapp_utils.go getPodTemplate): show the template they run.
            TemplateName = kind == WorkloadKind.TApp ? WorkloadPatch.TAppTemplateName(r.Spec) : null;
            var template = TemplateName is null || TemplateName == WorkloadPatch.TAppDefaultTemplate
                ? r.Spec?.Template
                : r.Spec?.TemplatePool != null && r.Spec.TemplatePool.TryGetValue(TemplateName, out var pooled) ? pooled : null;
            Containers = new WorkloadContainerList((template?.Spec?.Containers ?? new List<ContainerSpec>())
                .Select(c => new WorkloadContainer(c.Name ?? string.Empty, c.Image ?? string.Empty)).ToArray());
            Generation = r.Metadata?.Generation ?? 0;
            ObservedGeneration = s.ObservedGeneration ?? 0;
            ResourceVersion = r.Metadata?.ResourceVersion;
            CreationTimestamp = r.Metadata?.CreationTimestamp;
            Status = Rollout.Describe(this).Summary;
        }

        /// <summary>The cluster id.</summary>
        public string ClusterName { get; }

        /// <summary>TApp: the template its instances follow unless pinned, whose containers
        /// <see cref="Containers"/> lists: "default" (spec.template) or an entry of spec.templatePool
        /// named by spec.defaultTemplateName. Null for the other kinds.</summary>
        public string? TemplateName { get; }

        /// <summary>The namespace.</summary>
        public string Namespace { get; }

        /// <summary>Deployment, StatefulSet, DaemonSet or TApp.</summary>
        public WorkloadKind Kind { get; }

        /// <summary>The workload's name.</summary>
        public string Name { get; }

        /// <summary>Desired pods (for a DaemonSet, the nodes that should run one).</summary>
        public int Replicas { get; }

        /// <summary>Pods ready.</summary>
        public int ReadyReplicas { get; }

        /// <summary>Pods on the current template (none for a TApp, which reports per instance).</summary>
        public int? UpdatedReplicas { get; }

        /// <summary>The pod template's containers, each with its name and image.</summary>
        public WorkloadContainerList Containers { get; }

        /// <summary>Rises on every change of the spec.</summary>
        public long Generation { get; }

        /// <summary>The generation the controller has acted on.</summary>
        public long ObservedGeneration { get; }

        /// <summary>A TApp's appStatus; for the other kinds the rollout state (Complete, Updating,
        /// Pending, or what an OnDelete or partitioned StatefulSet leaves to do).</summary>
        public string Status { get; }

        /// <summary>The version a write must carry to avoid a lost update.</summary>
        public string? ResourceVersion { get; }

        /// <summary>When the workload was created.</summary>
        public DateTime? CreationTimestamp { get; }

        internal WorkloadResource Resource { get; }

        /// <summary>The container of that name, or null.</summary>
        internal WorkloadContainer? ContainerNamed(string name) => Containers.FirstOrDefault(c => c.Name == name);

        /// <summary>"Deployment shop/web in cls-xxx", for messages.</summary>
        internal string Describe() => $"{Kind} {Namespace}/{Name} in {ClusterName}";

        /// <inheritdoc />
        public override string ToString() => $"{Namespace}/{Name}";
    }

    /// <summary>One image change made by Set-TkeWorkloadImage: enough to roll it back with
    /// <c>$c | Set-TkeWorkloadImage -Image $c.PreviousImage</c>.</summary>
    public sealed class ImageChange
    {
        internal ImageChange(Workload w, string container, string previousImage, string image)
        {
            ClusterName = w.ClusterName;
            Namespace = w.Namespace;
            Kind = w.Kind;
            Name = w.Name;
            Container = container;
            PreviousImage = previousImage;
            Image = image;
            Session = w.Session;
        }

        /// <summary>The cluster id.</summary>
        public string ClusterName { get; }

        /// <summary>The namespace.</summary>
        public string Namespace { get; }

        /// <summary>The workload kind.</summary>
        public WorkloadKind Kind { get; }

        /// <summary>The workload's name.</summary>
        public string Name { get; }

        /// <summary>The container whose image changed.</summary>
        public string Container { get; }

        /// <summary>The image before the change.</summary>
        public string PreviousImage { get; }

        /// <summary>The image now set.</summary>
        public string Image { get; }

        /// <summary>The session the change was made with (hidden, as on every object of the module).</summary>
        [System.Management.Automation.Hidden]
        public TkeSession? Session { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Kind} {Namespace}/{Name} {Container}: {PreviousImage} -> {Image}";
    }

    /// <summary>The request bodies of guide 2.1 and 2.3.</summary>
    internal static class WorkloadPatch
    {
        /// <summary>Guide 2.1, a strategic merge patch that merges the container by name:
        /// <c>{"spec":{"template":{"spec":{"containers":[{"name":C,"image":I}]}}}}</c>.</summary>
        public static byte[] ContainerImage(string container, string image) => Write(w =>
        {
            w.WriteStartObject("spec");
            w.WriteStartObject("template");
            w.WriteStartObject("spec");
            w.WriteStartArray("containers");
            w.WriteStartObject();
            w.WriteString("name", container);
            w.WriteString("image", image);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });

        /// <summary>The name tkestack/tapp gives spec.template ("default").</summary>
        internal const string TAppDefaultTemplate = "default";

        /// <summary>The template a TApp's instances follow unless spec.templates pins them:
        /// spec.defaultTemplateName, "default" when empty (tkestack/tapp pkg/tapp/controller.go setDefaultValue).</summary>
        internal static string TAppTemplateName(WorkloadSpec? spec) =>
            string.IsNullOrEmpty(spec?.DefaultTemplateName) ? TAppDefaultTemplate : spec!.DefaultTemplateName!;

        /// <summary>Guide 2.3, a JSON merge patch: every container of the template the TApp's
        /// instances follow, whole, with only the named one's image changed (a merge patch replaces
        /// the list whole), and <c>"templates": null</c> so no instance stays pinned to another
        /// template. That template is spec.template while spec.defaultTemplateName is "default" (the
        /// guide's case); otherwise the pool entry it names, as patching spec.template would change
        /// nothing that runs (tkestack/tapp pkg/tapp/tapp_utils.go getPodTemplate). The
        /// resourceVersion read goes with it, so a write in between answers 409 instead of being lost.</summary>
        public static byte[] TAppContainerImage(JsonElement tapp, string container, string image) => Write(w =>
        {
            var spec = tapp.GetProperty("spec");
            var name = spec.TryGetProperty("defaultTemplateName", out var d) && d.ValueKind == JsonValueKind.String && d.GetString()!.Length > 0
                ? d.GetString()! : TAppDefaultTemplate;
            var pooled = name != TAppDefaultTemplate;
            var template = pooled ? spec.GetProperty("templatePool").GetProperty(name) : spec.GetProperty("template");
            var containers = template.GetProperty("spec").GetProperty("containers");
            w.WriteStartObject("spec");
            if (pooled)
            {
                w.WriteStartObject("templatePool");
                w.WriteStartObject(name);
            }
            else
            {
                w.WriteStartObject("template");
            }
            w.WriteStartObject("spec");
            w.WriteStartArray("containers");
            foreach (var c in containers.EnumerateArray())
            {
                var isTarget = c.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() == container;
                w.WriteStartObject();
                foreach (var p in c.EnumerateObject())
                {
                    if (isTarget && p.Name == "image") w.WriteString("image", image);
                    else p.WriteTo(w);
                }
                if (isTarget && !c.TryGetProperty("image", out _)) w.WriteString("image", image);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            if (pooled) w.WriteEndObject();
            w.WriteNull("templates");
            w.WriteEndObject();
            if (tapp.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("resourceVersion", out var rv) && rv.ValueKind == JsonValueKind.String)
            {
                w.WriteStartObject("metadata");
                w.WriteString("resourceVersion", rv.GetString());
                w.WriteEndObject();
            }
        });

        private static byte[] Write(Action<Utf8JsonWriter> body)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                body(w);
                w.WriteEndObject();
            }
            return stream.ToArray();
        }
    }
}

namespace TkeStack
{
    /// <summary>One replica count changed by Set-TkeWorkloadReplica: enough to undo it with
    /// <c>$c | Set-TkeWorkloadReplica -Replicas $c.PreviousReplicas</c>.</summary>
    public sealed class ReplicaChange
    {
        internal ReplicaChange(Workload w, int previousReplicas, int replicas)
        {
            ClusterName = w.ClusterName;
            Namespace = w.Namespace;
            Kind = w.Kind;
            Name = w.Name;
            PreviousReplicas = previousReplicas;
            Replicas = replicas;
            Session = w.Session;
        }

        /// <summary>The cluster id.</summary>
        public string ClusterName { get; }

        /// <summary>The namespace.</summary>
        public string Namespace { get; }

        /// <summary>The workload kind.</summary>
        public WorkloadKind Kind { get; }

        /// <summary>The workload's name.</summary>
        public string Name { get; }

        /// <summary>The count before the change.</summary>
        public int PreviousReplicas { get; }

        /// <summary>The count now asked for.</summary>
        public int Replicas { get; }

        /// <summary>The session the change was made with.</summary>
        public TkeSession? Session { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Kind} {Namespace}/{Name}: {PreviousReplicas} -> {Replicas}";
    }
}
