using System.Net.Http;
using System.Text.Json;

namespace TkeStack.Api
{
    /// <summary>The calls of guide 2.1 to 2.3 for each workload kind: Deployments, StatefulSets and
    /// DaemonSets through the cluster proxy (X-TKE-ClusterName), TApps through the platform's
    /// <c>/clusters/{cluster}/tapps</c> with namespace and name in the query.</summary>
    internal static class WorkloadRequests
    {
        public const string StrategicMergePatch = "application/strategic-merge-patch+json";
        public const string MergePatch = "application/merge-patch+json";
        private static readonly HttpMethod Patch = new HttpMethod("PATCH");

        public static string Plural(WorkloadKind kind) => kind switch
        {
            WorkloadKind.Deployment => "deployments",
            WorkloadKind.StatefulSet => "statefulsets",
            WorkloadKind.DaemonSet => "daemonsets",
            _ => "tapps",
        };

        /// <summary>Guide 2.2.1 reads a TApp without X-TKE-ClusterName (the cluster is in the path).</summary>
        public static ApiRequest Get(TkeSession s, string cluster, string ns, WorkloadKind kind, string name) => kind == WorkloadKind.TApp
            ? ApiRequest.Get(ApiRoutes.TApps(s, cluster)).WithQuery("namespace", ns).WithQuery("name", name)
            : ApiRequest.Get(ApiRoutes.Workload(s, ns, Plural(kind), name)).WithCluster(cluster);

        public static ApiRequest List(TkeSession s, string cluster, string ns, WorkloadKind kind) => kind == WorkloadKind.TApp
            ? ApiRequest.Get(ApiRoutes.TApps(s, cluster)).WithQuery("namespace", ns)
            : ApiRequest.Get(ApiRoutes.Workloads(s, ns, Plural(kind))).WithCluster(cluster);

        public static ApiRequest Pods(TkeSession s, string cluster, string ns, WorkloadKind kind, string name) => kind == WorkloadKind.TApp
            ? ApiRequest.Get(ApiRoutes.TApps(s, cluster)).WithQuery("namespace", ns).WithQuery("name", name).WithQuery("action", "pods")
            : ApiRequest.Get(ApiRoutes.WorkloadPods(s, ns, Plural(kind), name)).WithCluster(cluster);

        public static ApiRequest Events(TkeSession s, string cluster, string ns, WorkloadKind kind, string name) => kind == WorkloadKind.TApp
            ? ApiRequest.Get(ApiRoutes.TApps(s, cluster)).WithQuery("namespace", ns).WithQuery("name", name).WithQuery("action", "events")
            : ApiRequest.Get(ApiRoutes.WorkloadEvents(s, ns, Plural(kind), name)).WithCluster(cluster);

        /// <summary>Guide 2.1: a strategic merge patch of one container's image. Sending it twice
        /// leaves the same object, so it may be retried.</summary>
        public static ApiRequest SetImage(TkeSession s, string cluster, string ns, WorkloadKind kind, string name, string container, string image) =>
            new ApiRequest(Patch, ApiRoutes.Workload(s, ns, Plural(kind), name)).WithCluster(cluster)
                .WithBody(WorkloadPatch.ContainerImage(container, image), StrategicMergePatch).AsIdempotent();

        /// <summary>Guide 2.3: the TApp's whole container list back as a JSON merge patch. It may be
        /// retried only because it carries the resourceVersion read: a repeat that finds the object
        /// changed answers 409 instead of writing again.</summary>
        public static ApiRequest SetTAppImage(TkeSession s, string cluster, string ns, string name, JsonElement tapp, string container, string image) =>
            new ApiRequest(Patch, ApiRoutes.TApps(s, cluster)).WithQuery("namespace", ns).WithQuery("name", name).WithCluster(cluster)
                .WithBody(WorkloadPatch.TAppContainerImage(tapp, container, image), MergePatch).AsIdempotent();
    }
}

namespace TkeStack.Api
{
    using System.Collections.Generic;
    using System.Management.Automation;
    using System.Text.Json.Serialization.Metadata;

    /// <summary>Reading the answers of the workload calls.</summary>
    internal static class WorkloadAnswers
    {
        /// <summary>The items of a Kubernetes list answer (a PodList or EventList of a subresource).</summary>
        public static List<T> Items<T>(JsonElement root, JsonTypeInfo<T> type)
        {
            var list = new List<T>();
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    var value = item.Deserialize(type);
                    if (value != null) list.Add(value);
                }
            }
            return list;
        }

        /// <summary>A cluster without the TApp kind answers its API server's bare 404; say what it means.</summary>
        public static TkeApiException Explain(TkeApiException e, WorkloadKind kind, string cluster)
        {
            if (kind != WorkloadKind.TApp || e.StatusCode != 404 || e.Message.IndexOf("could not find the requested resource", System.StringComparison.Ordinal) < 0) return e;
            return new TkeApiException($"Cluster {cluster} does not serve the TApp kind (apps.tkestack.io/v1): {e.Message}",
                "TkeTAppNotInstalled", ErrorCategory.ObjectNotFound, e.StatusCode, e.Status,
                "Install the TApp add-on (tapp-controller) on the cluster, or choose another -Kind.", e);
        }
    }
}
