namespace TkeStack.Simulator;

/// <summary>The business part of the seed: projects (业务), their members, their clusters' quotas and
/// their namespaces, each tied to a cluster and a namespace of the cluster part of the seed.</summary>
internal sealed partial class Seed
{
    /// <summary>Projects to create; the default seed makes three (alice is a member of two).</summary>
    public List<SeedProject> Projects { get; set; } = new();

    /// <summary>The default projects: shop (alice, admin) on prod and staging, payments (alice) on
    /// prod, and ops (bob only) on the global cluster, which alice may not read.</summary>
    public static List<SeedProject> DefaultProjects() => new()
    {
        new SeedProject
        {
            Name = "prj-shop0001", DisplayName = "online-shop", Members = { "alice", "admin" },
            Clusters =
            {
                ["cls-a1b2c3d4"] = new() { ["requests.cpu"] = "8", ["requests.memory"] = "16Gi" },
                ["cls-e5f6g7h8"] = new() { ["requests.cpu"] = "4", ["requests.memory"] = "8Gi" },
            },
            Namespaces =
            {
                new SeedProjectNamespace { Cluster = "cls-a1b2c3d4", Namespace = "shop", Hard = { ["requests.cpu"] = "4", ["requests.memory"] = "8Gi" }, Used = { ["requests.cpu"] = "1500m", ["requests.memory"] = "3Gi" } },
                new SeedProjectNamespace { Cluster = "cls-e5f6g7h8", Namespace = "shop", Hard = { ["requests.cpu"] = "2", ["requests.memory"] = "4Gi" }, Used = { ["requests.cpu"] = "500m", ["requests.memory"] = "1Gi" } },
            },
        },
        new SeedProject
        {
            Name = "prj-pay00001", DisplayName = "payments", Members = { "alice" },
            Clusters = { ["cls-a1b2c3d4"] = new() { ["requests.cpu"] = "4", ["requests.memory"] = "8Gi" } },
            Namespaces =
            {
                new SeedProjectNamespace { Cluster = "cls-a1b2c3d4", Namespace = "payments", Hard = { ["requests.cpu"] = "2", ["requests.memory"] = "4Gi" }, Used = { ["requests.cpu"] = "250m", ["requests.memory"] = "512Mi" } },
            },
        },
        new SeedProject
        {
            Name = "prj-ops00001", DisplayName = "platform-ops", Members = { "bob" },
            Clusters = { ["global"] = new() { ["requests.cpu"] = "2" } },
            Namespaces = { new SeedProjectNamespace { Cluster = "global", Namespace = "tke", Hard = { ["requests.cpu"] = "1" } } },
        },
        new SeedProject
        {
            Name = "prj-acme0001", DisplayName = "acme-web", TenantId = "acme", Members = { "alice" },
            Clusters = { ["cls-0ther001"] = new() { ["requests.cpu"] = "2" } },
            Namespaces = { new SeedProjectNamespace { Cluster = "cls-0ther001", Namespace = "default", Hard = { ["requests.cpu"] = "1" } } },
        },
    };
}

/// <summary>A project (业务) of the seed.</summary>
internal sealed class SeedProject
{
    public string Name { get; set; } = "";
    public string? DisplayName { get; set; }
    public string TenantId { get; set; } = "default";
    public string Phase { get; set; } = "Active";
    public List<string> Members { get; set; } = new();
    public string? ParentProjectName { get; set; }
    /// <summary>Cluster id to the project's hard quota there (resource name to quantity).</summary>
    public Dictionary<string, Dictionary<string, string>> Clusters { get; set; } = new();
    public List<SeedProjectNamespace> Namespaces { get; set; } = new();
}

/// <summary>A namespace of a project: a namespace of one cluster, with its quota.</summary>
internal sealed class SeedProjectNamespace
{
    public string Cluster { get; set; } = "";
    public string Namespace { get; set; } = "";
    public string Phase { get; set; } = "Available";
    public Dictionary<string, string> Hard { get; set; } = new();
    /// <summary>What the namespace's pods request now (the namespace's ResourceQuota used).</summary>
    public Dictionary<string, string> Used { get; set; } = new();
}
