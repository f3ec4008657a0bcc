using System.Globalization;
using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>The simulator's state: every object as the API would answer it, behind one lock, with a
/// resourceVersion that rises on every write.</summary>
internal sealed partial class World
{
    private long _resourceVersion = 1000;

    /// <summary>Hold while reading or writing anything below.</summary>
    public object Sync { get; } = new();

    /// <summary>Clusters by name, in name order (the order lists and continue tokens follow).</summary>
    public SortedDictionary<string, JsonObject> Clusters { get; } = new(StringComparer.Ordinal);

    /// <summary>What lives inside each cluster, reached through the proxy.</summary>
    public Dictionary<string, ClusterContents> Contents { get; } = new(StringComparer.Ordinal);

    public string NextResourceVersion() => Interlocked.Increment(ref _resourceVersion).ToString(CultureInfo.InvariantCulture);

    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The TKEStack release whose rules this world follows.</summary>
    public TkeRelease Release { get; private init; } = TkeRelease.Parse(null);

    /// <summary>The stress mode of list paging (seed <c>shortPages</c>): pages filtered after they are
    /// read, so they may come short (Paging.cs).</summary>
    public bool ShortPages { get; set; }

    public static World FromSeed(Seed seed)
    {
        var world = new World { Release = TkeRelease.Parse(seed.TkeVersion), ShortPages = seed.ShortPages };
        foreach (var c in seed.Clusters) world.AddCluster(c);
        for (var i = 1; i <= seed.GenerateClusters; i++)
        {
            world.AddCluster(new SeedCluster { Name = $"cls-g{i:0000000}", DisplayName = $"generated-{i}", Namespaces = { "default" } });
        }
        // Each API area seeds its own part of the world here (in its own World.*.cs file).
        world.AddProjects(seed.Projects);
        world.SeedWorkloads(seed);
        world.SeedMachines(seed);
        return world;
    }

    /// <summary>A cluster shaped as tkestack/tke <c>api/platform/v1/types.go</c> Cluster.</summary>
    public void AddCluster(SeedCluster c)
    {
        var created = Now();
        var cluster = new JsonObject
        {
            ["kind"] = "Cluster",
            ["apiVersion"] = "platform.tkestack.io/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = c.Name,
                ["selfLink"] = $"/apis/platform.tkestack.io/v1/clusters/{c.Name}",
                ["uid"] = Guid.NewGuid().ToString(),
                ["resourceVersion"] = NextResourceVersion(),
                ["creationTimestamp"] = created,
            },
            ["spec"] = new JsonObject
            {
                ["finalizers"] = new JsonArray("cluster"),
                ["tenantID"] = c.TenantId,
                ["displayName"] = c.DisplayName ?? c.Name,
                ["type"] = c.Type,
                ["version"] = c.Version,
                ["networkDevice"] = "eth0",
                ["clusterCIDR"] = "10.244.0.0/16",
                ["serviceCIDR"] = "10.96.0.0/16",
                ["dnsDomain"] = "cluster.local",
            },
            ["status"] = new JsonObject
            {
                ["locked"] = c.Locked,
                ["version"] = c.Version,
                ["phase"] = c.Phase,
                ["conditions"] = new JsonArray(
                    new JsonObject { ["type"] = "EnsureKubeadmInitPhase", ["status"] = "True", ["lastProbeTime"] = created, ["lastTransitionTime"] = created },
                    new JsonObject { ["type"] = "HealthCheck", ["status"] = c.Phase == "Running" ? "True" : "False", ["lastProbeTime"] = created, ["lastTransitionTime"] = created }),
                ["addresses"] = new JsonArray(new JsonObject { ["type"] = "Advertise", ["host"] = "10.0.0." + (Clusters.Count + 10), ["port"] = 6443 }),
                ["resource"] = new JsonObject { ["capacity"] = new JsonObject(), ["allocatable"] = new JsonObject(), ["allocated"] = new JsonObject() },
            },
        };
        // An Imported cluster has no clusterCIDR: pkg/platform/provider/imported never writes one.
        if (c.Type == "Imported") cluster["spec"]!.AsObject().Remove("clusterCIDR");
        Clusters[c.Name] = cluster;
        var contents = new ClusterContents(c.Name, c.Type);
        foreach (var ns in c.Namespaces) contents.AddNamespace(this, ns);
        Contents[c.Name] = contents;
    }
}

/// <summary>The Kubernetes objects of one cluster.</summary>
internal sealed partial class ClusterContents(string clusterName, string type)
{
    public string ClusterName { get; } = clusterName;
    public string Type { get; } = type;
    public SortedDictionary<string, JsonObject> Namespaces { get; } = new(StringComparer.Ordinal);

    public void AddNamespace(World world, string name)
    {
        Namespaces[name] = new JsonObject
        {
            ["kind"] = "Namespace",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["uid"] = Guid.NewGuid().ToString(),
                ["resourceVersion"] = world.NextResourceVersion(),
                ["creationTimestamp"] = World.Now(),
                ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name },
            },
            ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
            ["status"] = new JsonObject { ["phase"] = "Active" },
        };
    }
}
