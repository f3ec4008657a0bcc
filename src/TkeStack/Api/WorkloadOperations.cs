using System;
using System.Linq;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Models;

namespace TkeStack.Api
{
    /// <summary>Guide 2.1 to 2.3 for the four workload kinds behind one shape: Deployments,
    /// StatefulSets and DaemonSets through the cluster proxy (X-TKE-ClusterName), TApps through the
    /// platform's <c>/clusters/{cluster}/tapps</c> with namespace and name in the query.</summary>
    internal sealed class WorkloadOperations : ResourceOperations
    {
        public const string StrategicMergePatch = "application/strategic-merge-patch+json";
        public const string MergePatch = "application/merge-patch+json";

        /// <summary>How often a TApp PATCH is sent again after a 409 conflict, each after a fresh read.</summary>
        internal const int MaxConflictRetries = 5;

        public WorkloadOperations(TkeClient client, TkeSession? owner) : base(client, owner)
        {
        }

        /// <summary>The resource name of a kind in the apps/v1 API (tapps for a TApp).</summary>
        public static string Plural(WorkloadKind kind) => kind switch
        {
            WorkloadKind.Deployment => "deployments",
            WorkloadKind.StatefulSet => "statefulsets",
            WorkloadKind.DaemonSet => "daemonsets",
            _ => "tapps",
        };

        /// <summary>One workload. Guide 2.2.1 reads a TApp without X-TKE-ClusterName (the cluster is in the path).</summary>
        public async Task<Workload> GetAsync(string cluster, string ns, WorkloadKind kind, string name, IRequestLog log, CancellationToken cancel)
        {
            var request = kind == WorkloadKind.TApp
                ? TApp(HttpMethod.Get, cluster, ns, name)
                : ApiRequest.Get(ApiRoutes.Workload(ns, Plural(kind), name)).WithCluster(cluster);
            using var answer = await SendAsync(request, kind, cluster, log, cancel).ConfigureAwait(false);
            return answer.One(TkeJsonContext.Default.WorkloadResource, (r, json) => new Workload(r, json, cluster, kind, Owner));
        }

        /// <summary>Every workload of a kind in a namespace.</summary>
        public ListReader<Workload> List(string cluster, string ns, WorkloadKind kind)
        {
            var request = kind == WorkloadKind.TApp
                ? TApp(HttpMethod.Get, cluster, ns, null)
                : ApiRequest.Get(ApiRoutes.Workloads(ns, Plural(kind))).WithCluster(cluster);
            return ListReader.Of(Client, request, Plural(kind), TkeJsonContext.Default.WorkloadResource,
                (r, json) => new Workload(r, json, cluster, kind, Owner), null, e => Explain(e, kind, cluster));
        }

        /// <summary>The pods of a workload (TKEStack's pods subresource; a TApp's <c>action=pods</c>).</summary>
        public async Task<List<Pod>> PodsAsync(Workload w, IRequestLog log, CancellationToken cancel)
        {
            using var answer = await SendAsync(Subresource(w, "pods"), w.Kind, w.ClusterName, log, cancel).ConfigureAwait(false);
            return answer.Page(TkeJsonContext.Default.PodResource, (r, json) => new Pod(r, json, w.ClusterName, Owner), "pods", out _);
        }

        /// <summary>The events of a workload and its pods (TKEStack's events subresource; a TApp's <c>action=events</c>).</summary>
        public async Task<List<Event>> EventsAsync(Workload w, IRequestLog log, CancellationToken cancel)
        {
            using var answer = await SendAsync(Subresource(w, "events"), w.Kind, w.ClusterName, log, cancel).ConfigureAwait(false);
            return answer.Page(TkeJsonContext.Default.EventResource, (r, json) => new Event(r, json, w.ClusterName, Owner), "events", out _);
        }

        /// <summary>Sets the replica count: through the <c>scale</c> subresource for a Deployment or
        /// StatefulSet (tkestack/tke <c>pkg/platform/proxy/apps/rest/rest.go</c>), as a merge patch
        /// of <c>spec.replicas</c> for a TApp (its route forwards the PATCH, guide 2.3's way). A
        /// DaemonSet runs one pod per node and has no count. Setting a count twice leaves the same
        /// object, so it may be retried.</summary>
        public async Task ScaleAsync(Workload w, int replicas, IRequestLog log, CancellationToken cancel)
        {
            if (w.Kind == WorkloadKind.DaemonSet)
            {
                throw new TkeOperationException($"{w.Describe()} runs one pod on each node it selects; a DaemonSet has no replica count to set.",
                    "TkeCannotScale", System.Management.Automation.ErrorCategory.InvalidOperation,
                    "Change which nodes it runs on with its nodeSelector instead, in the console or with Invoke-TkeRequest.");
            }
            var body = System.Text.Encoding.UTF8.GetBytes("{\"spec\":{\"replicas\":" + replicas.ToString(CultureInfo.InvariantCulture) + "}}");
            using var answer = await SendAsync(PatchOf(w, "scale").WithBody(body, MergePatch).AsIdempotent(), w.Kind, w.ClusterName, log, cancel).ConfigureAwait(false);
            answer.Ignore();
        }

        /// <summary>Sets a StatefulSet's <c>spec.updateStrategy.rollingUpdate.partition</c> with a strategic
        /// merge patch: the controller updates the pods with an ordinal at or above it (kubernetes
        /// <c>pkg/controller/statefulset/stateful_set_control.go</c> updateStatefulSet reads it on each
        /// sync). Setting a value twice leaves the same object, so it may be retried.</summary>
        public async Task SetPartitionAsync(Workload w, int partition, IRequestLog log, CancellationToken cancel)
        {
            var body = System.Text.Encoding.UTF8.GetBytes("{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":" + partition.ToString(CultureInfo.InvariantCulture) + "}}}}");
            using var answer = await SendAsync(PatchOf(w).WithBody(body, StrategicMergePatch).AsIdempotent(), w.Kind, w.ClusterName, log, cancel).ConfigureAwait(false);
            answer.Ignore();
        }

        /// <summary>A rolling restart as <c>kubectl rollout restart</c> does it (kubectl
        /// <c>pkg/polymorphichelpers/objectrestarter.go</c>): the pod template gets the annotation
        /// <c>kubectl.kubernetes.io/restartedAt</c> with the time, so the controller replaces every pod
        /// as for any template change (a TApp's controller, tkestack/tapp, rolls instances onto a
        /// changed template the same way). A strategic merge patch for the apps/v1 kinds, a merge
        /// patch through the TApp route.</summary>
        public async Task RestartAsync(Workload w, DateTime at, IRequestLog log, CancellationToken cancel)
        {
            var stamp = at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var body = System.Text.Encoding.UTF8.GetBytes("{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"" + RestartedAt + "\":\"" + stamp + "\"}}}}}");
            var patch = PatchOf(w).WithBody(body, w.Kind == WorkloadKind.TApp ? MergePatch : StrategicMergePatch);
            // Safe to send again: a repeat carries the same time, so it leaves the same object.
            using var answer = await SendAsync(patch.AsIdempotent(), w.Kind, w.ClusterName, log, cancel).ConfigureAwait(false);
            answer.Ignore();
        }

        /// <summary>The pod template annotation kubectl rollout restart sets.</summary>
        public const string RestartedAt = "kubectl.kubernetes.io/restartedAt";

        /// <summary>A subresource of a workload: <c>.../{name}/pods</c> through the proxy, or the TApp
        /// route's <c>action=pods</c> (tkestack/tke <c>api/platform/v1/types.go</c> TappProxyOptions).</summary>
        private static ApiRequest Subresource(Workload w, string action) => w.Kind == WorkloadKind.TApp
            ? TApp(HttpMethod.Get, w.ClusterName, w.Namespace, w.Name).WithQuery("action", action)
            : ApiRequest.Get(ApiRoutes.WorkloadSubresource(w.Namespace, Plural(w.Kind), w.Name, action)).WithCluster(w.ClusterName);

        /// <summary>The platform's TApp route: the cluster in the path, namespace and name in the query
        /// (guide 2.2.1 reads it so, without X-TKE-ClusterName).</summary>
        private static ApiRequest TApp(HttpMethod method, string cluster, string ns, string? name) =>
            new ApiRequest(method, ApiRoutes.TApps(cluster)).WithQuery("namespace", ns).WithQuery("name", name);

        /// <summary>A PATCH of a workload (or of its <paramref name="subresource"/>): a TApp through its
        /// route, as guide 2.3 sends it (with X-TKE-ClusterName), the apps/v1 kinds through the cluster proxy.</summary>
        private static ApiRequest PatchOf(Workload w, string? subresource = null) => w.Kind == WorkloadKind.TApp
            ? TApp(ApiRequest.Patch, w.ClusterName, w.Namespace, w.Name).WithCluster(w.ClusterName)
            : new ApiRequest(ApiRequest.Patch, subresource is null
                ? ApiRoutes.Workload(w.Namespace, Plural(w.Kind), w.Name)
                : ApiRoutes.WorkloadSubresource(w.Namespace, Plural(w.Kind), w.Name, subresource)).WithCluster(w.ClusterName);

        /// <summary>Sets one container's image; the workload as read before. Deployments, StatefulSets
        /// and DaemonSets get guide 2.1's strategic merge patch (sending it twice leaves the same
        /// object, so it may be retried). A TApp gets guide 2.3's merge patch of its whole container
        /// list with the resourceVersion read, so a write in between answers 409 instead of being
        /// lost: it is read again and sent again, a bounded number of times. Throws
        /// TkeContainerNotFound when a fresh read no longer has the container.</summary>
        public async Task SetImageAsync(Workload w, string container, string image, IRequestLog log, CancellationToken cancel)
        {
            if (w.Kind != WorkloadKind.TApp)
            {
                var patch = PatchOf(w).WithBody(WorkloadPatch.ContainerImage(container, image), StrategicMergePatch).AsIdempotent();
                using var answer = await SendAsync(patch, w.Kind, w.ClusterName, log, cancel).ConfigureAwait(false);
                answer.Ignore();
                return;
            }
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var patch = PatchOf(w).WithBody(WorkloadPatch.TAppContainerImage(w.Raw, container, image), MergePatch).AsIdempotent();
                    using var answer = await SendAsync(patch, w.Kind, w.ClusterName, log, cancel).ConfigureAwait(false);
                    answer.Ignore();
                    return;
                }
                catch (TkeApiException e) when (e.StatusCode == 409 && attempt <= MaxConflictRetries)
                {
                    log.Verbose($"{w.Describe()} changed since it was read ({e.Message}); reading it again (retry {attempt} of {MaxConflictRetries}).");
                }
                w = await GetAsync(w.ClusterName, w.Namespace, w.Kind, w.Name, log, cancel).ConfigureAwait(false);
                var current = w.ContainerNamed(container) ?? throw NoSuchContainer(w, container);
                // An earlier attempt that did land (its answer lost), or another writer, set it already.
                if (current.Image == image) return;
            }
        }

        /// <summary>The error for a container the workload does not have, listing those it has.</summary>
        public static TkeOperationException NoSuchContainer(Workload w, string container) =>
            new TkeOperationException($"{w.Describe()} has no container '{container}'; its containers are: {string.Join(", ", w.Containers.Select(c => c.Name))}.",
                "TkeContainerNotFound", ErrorCategory.ObjectNotFound) { Target = container };

        private async Task<ApiAnswer> SendAsync(ApiRequest request, WorkloadKind kind, string cluster, IRequestLog log, CancellationToken cancel)
        {
            try
            {
                return await Client.SendAsync(request, log, cancel).ConfigureAwait(false);
            }
            catch (TkeApiException e)
            {
                throw Explain(e, kind, cluster);
            }
        }

        /// <summary>A cluster without the TApp kind answers its API server's bare 404; say what it means.</summary>
        internal static TkeApiException Explain(TkeApiException e, WorkloadKind kind, string cluster)
        {
            if (kind != WorkloadKind.TApp || e.StatusCode != 404 || e.Message.IndexOf("could not find the requested resource", StringComparison.Ordinal) < 0) return e;
            return e.Explained($"Cluster {cluster} does not serve the TApp kind (apps.tkestack.io/v1): {e.Message}",
                "Install the TApp add-on (tapp-controller) on the cluster, or choose another -Kind.", "TkeTAppNotInstalled", ErrorCategory.ObjectNotFound);
        }
    }
}
