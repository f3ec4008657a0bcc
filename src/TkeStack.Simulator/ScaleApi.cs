using System.Text.Json;
using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>The <c>scale</c> subresource of Deployments and StatefulSets through the cluster proxy
/// (tkestack/tke <c>pkg/platform/proxy/apps/rest/rest.go</c>: "deployments/scale",
/// "statefulsets/scale"; DaemonSets have none), answering autoscaling/v1 <c>Scale</c> as the API
/// server does (kubernetes <c>pkg/registry/apps/deployment/storage/storage.go</c> ScaleREST): GET
/// reads it, PATCH (merge or strategic) and PUT change <c>spec.replicas</c>, which must not be negative.</summary>
internal static class ScaleApi
{
    private const string Route = "/apis/apps/v1/namespaces/{ns}/{plural}/{name}/scale";

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet(Route, (string ns, string plural, string name, HttpContext ctx, SimulatorState s) =>
            WithScalable(ctx, s, ns, plural, name, w => ProxyApi.Json(Scale(w))));

        g.MapMethods(Route, new[] { "PATCH", "PUT" }, async (string ns, string plural, string name, HttpContext ctx, SimulatorState s) =>
        {
            var text = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            JsonNode? body;
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                return Status.BadRequest("error decoding patch: " + e.Message);
            }
            var media = (ctx.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
            if (ctx.Request.Method == "PATCH" && media != Patch.MergePatchType && media != Patch.StrategicMergePatchType)
            {
                return Status.UnsupportedMediaType(media);
            }
            return WithScalable(ctx, s, ns, plural, name, w =>
            {
                if (body?["spec"]?["replicas"] is not JsonValue v || !v.TryGetValue<int>(out var replicas))
                {
                    return Status.Invalid("autoscaling", "Scale", name, "spec.replicas", "Required value");
                }
                if (replicas < 0)
                {
                    return Status.Invalid("autoscaling", "Scale", name, "spec.replicas", $"Invalid value: {replicas}: must be greater than or equal to 0");
                }
                var spec = (JsonObject)w.Object["spec"]!;
                if (Workloads.Long(spec["replicas"]) != replicas)
                {
                    spec["replicas"] = replicas;
                    var meta = (JsonObject)w.Object["metadata"]!;
                    meta["generation"] = (Workloads.Long(meta["generation"]) ?? 1) + 1;
                    meta["resourceVersion"] = s.World.NextResourceVersion();
                    Workloads.UpdateStatus(w, s.World.WorkloadRules);
                }
                return ProxyApi.Json(Scale(w));
            });
        });
    }

    private static IResult WithScalable(HttpContext ctx, SimulatorState s, string ns, string plural, string name, Func<SimWorkload, IResult> answer)
    {
        lock (s.World.Sync)
        {
            if (plural is not ("deployments" or "statefulsets")) return Status.NoRoute();
            if (ProxyApi.Resolve(ctx, s, out var contents) is { } error) return error;
            var w = contents!.FindWorkload(plural, ns, name);
            if (w is null) return Status.NotFound("apps", plural, name);
            Workloads.Poll(w, s.World.WorkloadRules);
            return answer(w);
        }
    }

    private static JsonObject Scale(SimWorkload w)
    {
        var meta = w.Object["metadata"]!;
        var labels = (JsonObject?)w.Object["spec"]?["selector"]?["matchLabels"] ?? new JsonObject();
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = w.Name, ["namespace"] = w.Namespace, ["uid"] = meta["uid"]?.DeepClone(),
                ["resourceVersion"] = meta["resourceVersion"]?.DeepClone(), ["creationTimestamp"] = meta["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = Workloads.Long(w.Object["spec"]?["replicas"]) ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = Workloads.Long(w.Object["status"]?["replicas"]) ?? 0,
                ["selector"] = string.Join(",", labels.Select(p => p.Key + "=" + (string?)p.Value)),
            },
        };
    }
}
