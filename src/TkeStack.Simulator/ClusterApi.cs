using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>Clusters (guide 1.2): list with paging and one by name. A caller sees only its tenant's
/// clusters; another tenant's answers 404 (tkestack/tke
/// <c>pkg/platform/registry/cluster/storage/storage.go</c> filters by tenant).</summary>
internal static class ClusterApi
{
    public const string Group = "platform.tkestack.io";
    public const string Base = "/apis/platform.tkestack.io/v1";

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet(Base + "/clusters", (HttpContext ctx, SimulatorState s) =>
        {
            var caller = ctx.Caller();
            lock (s.World.Sync)
            {
                return Paging.List(ctx.Request, s.World, "ClusterList", Group + "/v1", s.World.Clusters, c => Visible(c, caller));
            }
        });

        g.MapGet(Base + "/clusters/{name}", (string name, HttpContext ctx, SimulatorState s) =>
        {
            lock (s.World.Sync)
            {
                // The store's own 404 names the resource (clusters); another tenant's cluster is
                // refused by FilterCluster, whose 404 names the singular kind (pkg/platform/util/filter.go).
                if (!s.World.Clusters.TryGetValue(name, out var c)) return Status.NotFound(Group, "clusters", name);
                return Visible(c, ctx.Caller())
                    ? Results.Text(c.ToJsonString(), "application/json")
                    : Status.NotFound(Group, "cluster", name);
            }
        });
    }

    public static bool Visible(JsonObject cluster, ApiKey caller) =>
        (string?)cluster["spec"]?["tenantID"] == caller.Tenant;
}
