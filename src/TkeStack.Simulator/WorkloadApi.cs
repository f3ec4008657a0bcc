using System.Text.Json;
using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>Workloads (guide 2.1 to 2.3). Deployments, StatefulSets and DaemonSets are the cluster's
/// own apps/v1 API reached through the cluster proxy (X-TKE-ClusterName), with the pods and events
/// subresources TKEStack adds (tkestack/tke <c>pkg/platform/proxy/apps/rest/rest.go</c>,
/// <c>pkg/platform/proxy/apps/deployment/storage/pod.go</c> and <c>event.go</c>). TApps go through
/// <c>/clusters/{cluster}/tapps?namespace=&amp;name=</c>, which forwards the request as it came to
/// the cluster's <c>/apis/apps.tkestack.io/v1/namespaces/{ns}/tapps/{name}</c>, or with
/// <c>action=pods|events</c> answers the TApp's pods and events (tkestack/tke
/// <c>pkg/platform/registry/cluster/storage/tappcontroller.go</c>).</summary>
internal static class WorkloadApi
{
    private const string Apps = "/apis/apps/v1/namespaces/{ns}/{plural}";

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet(Apps, (string ns, string plural, HttpContext ctx, SimulatorState s) =>
        {
            lock (s.World.Sync)
            {
                if (!IsAppsPlural(plural)) return Status.NoRoute();
                if (ProxyApi.Resolve(ctx, s, out var contents) is { } error) return error;
                var items = contents!.WorkloadsIn(plural, ns).ToList();
                foreach (var w in items) Workloads.Poll(w, s.World.WorkloadRules);
                return Paging.List(ctx.Request, s.World, Kind(plural) + "List", "apps/v1",
                    items.Select(w => KeyValuePair.Create(w.Name, w.Object)), _ => true);
            }
        });

        g.MapGet(Apps + "/{name}", (string ns, string plural, string name, HttpContext ctx, SimulatorState s) =>
            WithWorkload(ctx, s, ns, plural, name, "", w => ProxyApi.Json(w.Object)));

        // TKEStack's subresources: pods and events of a Deployment, StatefulSet or DaemonSet.
        g.MapGet(Apps + "/{name}/pods", (string ns, string plural, string name, HttpContext ctx, SimulatorState s) =>
            WithWorkload(ctx, s, ns, plural, name, "/pods", w => ProxyApi.Json(Workloads.Pods(w, s.World.WorkloadRules))));
        g.MapGet(Apps + "/{name}/events", (string ns, string plural, string name, HttpContext ctx, SimulatorState s) =>
            WithWorkload(ctx, s, ns, plural, name, "/events", w => ProxyApi.Json(Workloads.Events(w, s.World.WorkloadRules))));

        g.MapMethods(Apps + "/{name}", new[] { "PATCH" }, async (string ns, string plural, string name, HttpContext ctx, SimulatorState s) =>
        {
            var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            lock (s.World.Sync)
            {
                if (!IsAppsPlural(plural)) return Status.NoRoute();
                if (ProxyApi.Resolve(ctx, s, out var contents) is { } error) return error;
                return ApplyPatch(s, contents!, plural, ns, name, ctx.Request.ContentType, body, customResource: false);
            }
        });

        g.MapGet(ClusterApi.Base + "/clusters/{cluster}/tapps", (string cluster, HttpContext ctx, SimulatorState s) =>
        {
            lock (s.World.Sync)
            {
                if (ResolveTApps(ctx, s, cluster, out var contents, out var ns, out var name, out var action) is { } error) return error;
                if (action.Length > 0) return TAppAction(s, contents!, ns, name, action);
                if (ns.Length == 0 && name.Length == 0 || name.Length == 0)
                {
                    var items = contents!.WorkloadsIn("tapps", ns.Length == 0 ? null : ns).ToList();
                    foreach (var w in items) Workloads.Poll(w, s.World.WorkloadRules);
                    return Paging.List(ctx.Request, s.World, "TAppList", "apps.tkestack.io/v1",
                        items.Select(w => KeyValuePair.Create(w.Namespace + "/" + w.Name, w.Object)), _ => true);
                }
                var tapp = contents!.FindWorkload("tapps", ns, name);
                if (tapp is null) return Status.NotFound("apps.tkestack.io", "tapps", name);
                Workloads.Poll(tapp, s.World.WorkloadRules);
                return ProxyApi.Json(tapp.Object);
            }
        });

        g.MapMethods(ClusterApi.Base + "/clusters/{cluster}/tapps", new[] { "PATCH" }, async (string cluster, HttpContext ctx, SimulatorState s) =>
        {
            var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            lock (s.World.Sync)
            {
                if (ResolveTApps(ctx, s, cluster, out var contents, out var ns, out var name, out _) is { } error) return error;
                if (name.Length == 0) return Status.Error(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
                return ApplyPatch(s, contents!, "tapps", ns, name, ctx.Request.ContentType, body, customResource: true);
            }
        });
    }

    /// <summary>Test control: the next <c>count</c> PATCHes of a workload find that another writer
    /// changed it in between (its resourceVersion moves on first).</summary>
    public static void MapControl(RouteGroupBuilder g)
    {
        g.MapPost("/workloads/concurrent-writes", async (HttpContext ctx, SimulatorState s) =>
        {
            var body = await JsonNode.ParseAsync(ctx.Request.Body) as JsonObject ?? new JsonObject();
            lock (s.World.Sync)
            {
                var cluster = (string?)body["cluster"] ?? "";
                var w = s.World.Contents.TryGetValue(cluster, out var contents)
                    ? contents.FindWorkload(Workloads.Plural((string?)body["kind"] ?? "Deployment"), (string?)body["namespace"] ?? "", (string?)body["name"] ?? "")
                    : null;
                if (w is null) return Results.NotFound();
                w.PendingConcurrentWrites = (int?)body["count"] ?? 1;
                return Results.NoContent();
            }
        });
    }

    private static bool IsAppsPlural(string plural) => plural is "deployments" or "statefulsets" or "daemonsets";

    private static string Kind(string plural) => plural switch
    {
        "deployments" => "Deployment",
        "statefulsets" => "StatefulSet",
        "daemonsets" => "DaemonSet",
        _ => "TApp",
    };

    private static IResult WithWorkload(HttpContext ctx, SimulatorState s, string ns, string plural, string name, string sub, Func<SimWorkload, IResult> answer)
    {
        lock (s.World.Sync)
        {
            if (!IsAppsPlural(plural)) return Status.NoRoute();
            if (ProxyApi.Resolve(ctx, s, out var contents) is { } error) return error;
            var w = contents!.FindWorkload(plural, ns, name);
            if (w is null) return Status.NotFound("apps", plural + sub, name);
            Workloads.Poll(w, s.World.WorkloadRules);
            return answer(w);
        }
    }

    /// <summary>The cluster in the TApp path, checked as the platform checks it (unknown or another
    /// tenant's: 404; not Running: 503; locked: 403), and then whether the cluster serves the TApp kind at all.</summary>
    private static IResult? ResolveTApps(HttpContext ctx, SimulatorState s, string cluster, out ClusterContents? contents,
        out string ns, out string name, out string action)
    {
        contents = null;
        ns = ctx.Request.Query["namespace"].ToString();
        name = ctx.Request.Query["name"].ToString();
        action = ctx.Request.Query["action"].ToString();
        // TappControllerREST.Connect (pkg/platform/registry/cluster/storage/tappcontroller.go, v1.4.0 to
        // v1.9.2): the store's 404 (clusters), FilterCluster's for another tenant (cluster), then
        // APIServerLocationByCluster (pkg/platform/util/location.go): a cluster not Running answers
        // 503 "status is abnormal", a locked one 403 "cluster is been locked".
        if (!s.World.Clusters.TryGetValue(cluster, out var c)) return Status.NotFound(ClusterApi.Group, "clusters", cluster);
        if (!ClusterApi.Visible(c, ctx.Caller())) return Status.NotFound(ClusterApi.Group, "cluster", cluster);
        if ((string?)c["status"]?["phase"] != "Running") return Status.ServiceUnavailable($"cluster {cluster} status is abnormal");
        if ((bool?)c["status"]?["locked"] == true) return Status.ForbiddenBecause(ClusterApi.Group, "clusters", cluster, "cluster is been locked");
        contents = s.World.Contents[cluster];
        if (!contents.HasTApp)
        {
            // The request reaches a kube-apiserver without the apps.tkestack.io group. With an
            // action, getTapp's error comes back as an InternalError written raw ({"ErrStatus":...}).
            return action.Length > 0
                ? Status.Error(500, "InternalError", "Internal error occurred: the server could not find the requested resource", wrapped: true)
                : Status.NoRoute();
        }
        return null;
    }

    private static IResult TAppAction(SimulatorState s, ClusterContents contents, string ns, string name, string action)
    {
        if (ns.Length == 0 || name.Length == 0) return Status.BadRequest("namespace and name must be specified", wrapped: true);
        if (action != "pods" && action != "events") return Status.BadRequest("unsupported action", wrapped: true);
        var tapp = contents.FindWorkload("tapps", ns, name);
        if (tapp is null) return Status.Error(500, "InternalError", $"Internal error occurred: tapps.apps.tkestack.io \"{name}\" not found", wrapped: true);
        Workloads.Poll(tapp, s.World.WorkloadRules);
        return ProxyApi.Json(action == "pods" ? Workloads.Pods(tapp, s.World.WorkloadRules) : Workloads.Events(tapp, s.World.WorkloadRules));
    }

    /// <summary>PATCH as the API server's patch handler does it (k8s.io/apiserver
    /// <c>pkg/endpoints/handlers/patch.go</c>): the patch type is checked first (415), then the object
    /// is read (404), patched, checked against the resourceVersion the patch carries (409), validated
    /// (422) and written; generation rises only when the spec changed, resourceVersion on any change.</summary>
    private static IResult ApplyPatch(SimulatorState s, ClusterContents contents, string plural, string ns, string name,
        string? contentType, string body, bool customResource)
    {
        var group = customResource ? "apps.tkestack.io" : "apps";
        var media = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var accepted = customResource
            ? "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
            : "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json";
        var strategic = media == Patch.StrategicMergePatchType;
        var jsonPatch = media == Patch.JsonPatchType;
        if (media != Patch.MergePatchType && !jsonPatch && !(strategic && !customResource))
        {
            return Status.Error(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {accepted}");
        }
        var w = contents.FindWorkload(plural, ns, name);
        if (w is null) return Status.NotFound(group, plural, name);

        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            return Status.BadRequest("error decoding patch: " + e.Message);
        }
        if (jsonPatch ? patch is not JsonArray : patch is not JsonObject)
        {
            return Status.BadRequest("error decoding patch: the patch is not a JSON " + (jsonPatch ? "array of operations" : "object"));
        }

        if (w.PendingConcurrentWrites > 0)
        {
            // Another writer got there first: the object moved on since the client read it.
            w.PendingConcurrentWrites--;
            var meta = (JsonObject)w.Object["metadata"]!;
            var annotations = meta["annotations"] as JsonObject ?? new JsonObject();
            annotations["tkesim/concurrent-write"] = s.World.NextResourceVersion();
            meta["annotations"] = annotations;
            meta["resourceVersion"] = s.World.NextResourceVersion();
        }

        var before = w.Object;
        JsonObject after;
        if (jsonPatch)
        {
            try
            {
                after = Patch.JsonPatch(before, (JsonArray)patch!) as JsonObject ?? new JsonObject();
            }
            catch (InvalidOperationException e)
            {
                // The API server answers a patch it cannot apply with 422 (k8s.io/apiserver patch.go, interpretPatchError).
                return Status.Error(422, "Invalid", "the server rejected our request due to an error in our request: " + e.Message);
            }
        }
        else
        {
            after = strategic ? Patch.StrategicMerge(before, (JsonObject)patch!) : Patch.MergePatch(before, patch) as JsonObject ?? new JsonObject();
        }
        var currentVersion = (string?)before["metadata"]?["resourceVersion"];
        var askedVersion = (string?)(after["metadata"]?["resourceVersion"] as JsonValue);
        if (askedVersion != currentVersion)
        {
            return Status.Conflict(group, plural, name, "the object has been modified; please apply your changes to the latest version and try again");
        }
        // What a PATCH of the main resource cannot change: status, identity, generation.
        after["status"] = before["status"]?.DeepClone();
        after["kind"] = before["kind"]?.DeepClone();
        after["apiVersion"] = before["apiVersion"]?.DeepClone();
        var afterMeta = after["metadata"] as JsonObject ?? new JsonObject();
        after["metadata"] = afterMeta;
        foreach (var key in new[] { "name", "namespace", "uid", "generation", "creationTimestamp", "resourceVersion", "selfLink" })
        {
            if (before["metadata"]?[key] is { } kept) afterMeta[key] = kept.DeepClone();
            else afterMeta.Remove(key);
        }
        if (after["spec"]?["template"]?["spec"]?["containers"] is not JsonArray containers || containers.Count == 0)
        {
            return Status.Invalid(group, w.Kind, name, "spec.template.spec.containers", "Required value");
        }
        for (var i = 0; i < containers.Count; i++)
        {
            if (string.IsNullOrEmpty((string?)(containers[i]?["name"] as JsonValue))) return Status.Invalid(group, w.Kind, name, $"spec.template.spec.containers[{i}].name", "Required value");
            if (string.IsNullOrEmpty((string?)(containers[i]?["image"] as JsonValue))) return Status.Invalid(group, w.Kind, name, $"spec.template.spec.containers[{i}].image", "Required value");
        }

        if (JsonNode.DeepEquals(before, after)) return ProxyApi.Json(w.Object);
        // What the instances run changed: for a TApp, the template they follow by default (a pool
        // entry when spec.defaultTemplateName names one; a change to spec.template then runs nowhere).
        var templateChanged = !JsonNode.DeepEquals(Workloads.DefaultTemplate(before), Workloads.DefaultTemplate(after));
        if (!JsonNode.DeepEquals(before["spec"], after["spec"]))
        {
            afterMeta["generation"] = (Workloads.Long(before["metadata"]?["generation"]) ?? 1) + 1;
        }
        afterMeta["resourceVersion"] = s.World.NextResourceVersion();
        if (templateChanged)
        {
            w.OldContainers ??= (JsonArray)Workloads.DefaultTemplate(before)["spec"]!["containers"]!.DeepClone();
            w.RolloutStarted = DateTime.UtcNow;
            w.Polls = 0;
            if (w.Kind == "Deployment")
            {
                var annotations = afterMeta["annotations"] as JsonObject ?? new JsonObject();
                var revision = int.TryParse((string?)annotations["deployment.kubernetes.io/revision"], out var r) ? r : 1;
                annotations["deployment.kubernetes.io/revision"] = (revision + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                afterMeta["annotations"] = annotations;
            }
        }
        w.Object = after;
        Workloads.UpdateStatus(w, s.World.WorkloadRules);
        return ProxyApi.Json(w.Object);
    }
}
