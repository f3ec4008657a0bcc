using System.Text.Json;
using System.Text.Json.Serialization;

namespace TkeStack.Simulator;

/// <summary>The world a simulator starts from: the default one, or a JSON file given with
/// <c>--seed</c> in this shape (property names in camelCase).</summary>
internal sealed partial class Seed
{
    public List<SeedCluster> Clusters { get; set; } = new();

    /// <summary>The TKEStack release to model (1.4, 1.6, 1.8 or 1.9); <c>--tke-version</c> wins; the newest when neither says.</summary>
    public string? TkeVersion { get; set; }

    /// <summary>A stress option: list pages filtered after they are read, so they may hold fewer items
    /// than the limit while more follow. TKEStack fills its pages (Paging.cs).</summary>
    public bool ShortPages { get; set; }

    /// <summary>Adds this many generated clusters (cls-g0000001, ...) for big-list benchmarks.</summary>
    public int GenerateClusters { get; set; }

    /// <summary>API keys to issue at start; the plain <c>--token</c> keys come on top.</summary>
    public List<SeedKey> Keys { get; set; } = new();

    /// <summary>Users with passwords (local identities), for the open-source gateway's login and API
    /// keys made from a password: admin / Admin@2026 (an administrator) and alice / Alice@2026, the
    /// users of the default keys, unless the seed names its own (<c>"users": []</c> for none).</summary>
    public List<SeedUser> Users { get; set; } = new()
    {
        new SeedUser { Name = "admin", Password = "Admin@2026", Administrator = true },
        new SeedUser { Name = "alice", Password = "Alice@2026" },
    };

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Seed Load(string? path) =>
        path is null ? Default() : JsonSerializer.Deserialize<Seed>(File.ReadAllText(path), Json) ?? new Seed();

    /// <summary>The default world: the platform's own cluster, two clusters TKEStack created, one
    /// imported, one locked, and keys for an administrator and a project member.</summary>
    public static Seed Default() => new()
    {
        Clusters =
        {
            new SeedCluster { Name = "global", DisplayName = "global", Namespaces = { "default", "kube-system", "tke" } },
            new SeedCluster { Name = "cls-a1b2c3d4", DisplayName = "prod-beijing", Namespaces = { "default", "kube-system", "shop", "payments" } },
            new SeedCluster { Name = "cls-e5f6g7h8", DisplayName = "staging-shanghai", Version = "1.18.3", Namespaces = { "default", "kube-system", "shop" } },
            new SeedCluster { Name = "cls-imp0rt01", DisplayName = "imported-gz", Type = "Imported", Version = "1.21.4", Namespaces = { "default", "kube-system" } },
            new SeedCluster { Name = "cls-l0cked01", DisplayName = "locked-cd", Locked = true, Namespaces = { "default" } },
            new SeedCluster { Name = "cls-0ther001", DisplayName = "other-tenant", TenantId = "acme", Namespaces = { "default" } },
        },
        Keys =
        {
            new SeedKey { User = "admin", Tenant = "default", Administrator = true },
            new SeedKey { User = "alice", Tenant = "default" },
        },
        Projects = DefaultProjects(),
    };
}

internal sealed partial class SeedCluster
{
    public string Name { get; set; } = "";
    public string? DisplayName { get; set; }
    public string Type { get; set; } = "Baremetal";
    public string Version { get; set; } = "1.20.4";
    public string Phase { get; set; } = "Running";
    public string TenantId { get; set; } = "default";
    public bool Locked { get; set; }
    public List<string> Namespaces { get; set; } = new();
}

internal sealed class SeedKey
{
    public string User { get; set; } = "admin";
    public string Tenant { get; set; } = "default";
    public bool Administrator { get; set; }
    public bool Disabled { get; set; }
    /// <summary>Seconds until the key expires (negative: already expired); ten years when not given.</summary>
    public double? ExpiresInSeconds { get; set; }
}
