using System;
using System.Linq;
using System.Collections.Generic;
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
                ? ApiRequest.Get(ApiRoutes.TApps(cluster)).WithQuery("namespace", ns).WithQuery("name", name)
                : ApiRequest.Get(ApiRoutes.Workload(ns, Plural(kind), name)).WithCluster(cluster);
            using var answer = await SendAsync(request, kind, cluster, log, cancel).ConfigureAwait(false);
            return answer.One(TkeJsonContext.Default.WorkloadResource, (r, json) => new Workload(r, json, cluster, kind, Owner));
        }

        /// <summary>Every workload of a kind in a namespace.</summary>
        public ListReader<Workload> List(string cluster, string ns, WorkloadKind kind)
        {
            var request = kind == WorkloadKind.TApp
                ? ApiRequest.Get(ApiRoutes.TApps(cluster)).WithQuery("namespace", ns)
                : ApiRequest.Get(ApiRoutes.Workloads(ns, Plural(kind))).WithCluster(cluster);
            return ListReader.Of(Client, request, Plural(kind), TkeJsonContext.Default.WorkloadResource,
                (r, json) => new Workload(r, json, cluster, kind, Owner), null, e => Explain(e, kind, cluster));
        }

        /// <summary>The pods of a workload (TKEStack's pods subresource; a TApp's <c>action=pods</c>).</summary>
        public async Task<List<PodResource>> PodsAsync(Workload w, IRequestLog log, CancellationToken cancel)
        {
            using var answer = await SendAsync(Subresource(w, "pods"), w.Kind, w.ClusterName, log, cancel).ConfigureAwait(false);
            return answer.Items(TkeJsonContext.Default.PodResource, "pods");
        }

        /// <summary>The events of a workload and its pods (TKEStack's events subresource; a TApp's <c>action=events</c>).</summary>
        public async Task<List<EventResource>> EventsAsync(Workload w, IRequestLog log, CancellationToken cancel)
        {
            using var answer = await SendAsync(Subresource(w, "events"), w.Kind, w.ClusterName, log, cancel).ConfigureAwait(false);
            return answer.Items(TkeJsonContext.Default.EventResource, "events");
        }

        /// <summary>A subresource of a workload: <c>.../{name}/pods</c> through the proxy, or the TApp
        /// route's <c>action=pods</c> (tkestack/tke <c>api/platform/v1/types.go</c> TappProxyOptions).</summary>
        private static ApiRequest Subresource(Workload w, string action) => w.Kind == WorkloadKind.TApp
            ? ApiRequest.Get(ApiRoutes.TApps(w.ClusterName)).WithQuery("namespace", w.Namespace).WithQuery("name", w.Name).WithQuery("action", action)
            : ApiRequest.Get(ApiRoutes.WorkloadSubresource(w.Namespace, Plural(w.Kind), w.Name, action)).WithCluster(w.ClusterName);

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
                var patch = new ApiRequest(ApiRequest.Patch, ApiRoutes.Workload(w.Namespace, Plural(w.Kind), w.Name)).WithCluster(w.ClusterName)
                    .WithBody(WorkloadPatch.ContainerImage(container, image), StrategicMergePatch).AsIdempotent();
                using var answer = await SendAsync(patch, w.Kind, w.ClusterName, log, cancel).ConfigureAwait(false);
                answer.Ignore();
                return;
            }
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var patch = new ApiRequest(ApiRequest.Patch, ApiRoutes.TApps(w.ClusterName)).WithQuery("namespace", w.Namespace).WithQuery("name", w.Name)
                        .WithCluster(w.ClusterName).WithBody(WorkloadPatch.TAppContainerImage(w.Raw, container, image), MergePatch).AsIdempotent();
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
