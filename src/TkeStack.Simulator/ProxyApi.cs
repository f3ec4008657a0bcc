using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>The platform's proxy into each cluster's own API, chosen by the X-TKE-ClusterName header
/// (guide 1.3). As tkestack/tke <c>pkg/platform/proxy/client.go</c> ClientSet: no header answers 400
/// "clusterName is required", an unknown cluster (or another tenant's) 404, a locked one 500.</summary>
internal static class ProxyApi
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/api/v1/namespaces", (HttpContext ctx, SimulatorState s) =>
        {
            lock (s.World.Sync)
            {
                if (Resolve(ctx, s, out var contents) is { } error) return error;
                return Paging.List(ctx.Request, s.World, "NamespaceList", "v1", contents!.Namespaces, _ => true);
            }
        });

        g.MapGet("/api/v1/namespaces/{name}", (string name, HttpContext ctx, SimulatorState s) =>
        {
            lock (s.World.Sync)
            {
                if (Resolve(ctx, s, out var contents) is { } error) return error;
                return contents!.Namespaces.TryGetValue(name, out var ns)
                    ? Results.Text(ns.ToJsonString(), "application/json")
                    : Status.NotFound("", "namespaces", name);
            }
        });
    }

    /// <summary>The cluster the header names, or the proxy's error; call under the world's lock.</summary>
    public static IResult? Resolve(HttpContext ctx, SimulatorState s, out ClusterContents? contents)
    {
        contents = null;
        var name = ctx.Request.Headers["X-TKE-ClusterName"].ToString();
        if (string.IsNullOrEmpty(name)) return Status.BadRequest("clusterName is required");
        if (!s.World.Clusters.TryGetValue(name, out var cluster)) return Status.NotFound(ClusterApi.Group, "clusters", name);
        // pkg/platform/proxy/client.go ClientSet returns a plain error for a locked cluster, which
        // the API server answers as a 500 with no reason and the bare message. No phase check here.
        if ((bool?)cluster["status"]?["locked"] == true) return Status.PlainError($"cluster {name} has been locked");
        if (!ClusterApi.Visible(cluster, ctx.Caller())) return Status.NotFound(ClusterApi.Group, "clusters", name);
        contents = s.World.Contents[name];
        return null;
    }

    public static IResult Json(JsonNode node, int status = 200) => Results.Text(node.ToJsonString(), "application/json", statusCode: status);
}
