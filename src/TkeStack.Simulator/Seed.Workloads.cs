namespace TkeStack.Simulator;

/// <summary>The workloads part of a seed: Deployments, StatefulSets, DaemonSets and TApps, the
/// images that cannot be pulled or that crash, and how fast a rollout goes.</summary>
internal sealed partial class Seed
{
    /// <summary>The workloads to start with; the default set when not given.</summary>
    public List<SeedWorkload>? Workloads { get; set; }

    /// <summary>Images whose pull fails: a new pod of a workload using one stays in ImagePullBackOff.</summary>
    public List<string>? UnpullableImages { get; set; }

    /// <summary>Images whose container exits at once: a new pod stays in CrashLoopBackOff.</summary>
    public List<string>? CrashingImages { get; set; }

    /// <summary>How many reads of a workload a rollout takes to finish (each read of the workload,
    /// its pods or its events is one poll). Used when <see cref="RolloutSeconds"/> is 0.</summary>
    public int RolloutPolls { get; set; } = 2;

    /// <summary>When above 0, a rollout takes this many seconds instead of a number of polls.</summary>
    public double RolloutSeconds { get; set; }

    /// <summary>How many lines each container's log holds (one a second, ending now); a large number
    /// makes a log that must be streamed.</summary>
    public int PodLogLines { get; set; } = 20;

    public IReadOnlyList<string> Unpullable => UnpullableImages ?? new List<string> { "registry.example.com/shop/web:missing", "nginx:does-not-exist" };

    public IReadOnlyList<string> Crashing => CrashingImages ?? new List<string> { "registry.example.com/shop/web:crash", "busybox:crash" };

    /// <summary>The default workloads: in cls-a1b2c3d4/shop, a Deployment and a TApp with two
    /// containers each, a StatefulSet, an OnDelete and a partitioned StatefulSet and a DaemonSet.</summary>
    public static List<SeedWorkload> DefaultWorkloads() => new()
    {
        new SeedWorkload { Kind = "Deployment", Name = "web", Replicas = 3, Containers = { new() { Name = "app", Image = "registry.example.com/shop/web:1.0" }, new() { Name = "sidecar", Image = "envoyproxy/envoy:v1.28.0" } } },
        new SeedWorkload { Kind = "Deployment", Name = "api", Replicas = 2, Containers = { new() { Name = "api", Image = "registry.example.com/shop/api:2.3.1" } } },
        new SeedWorkload { Kind = "StatefulSet", Name = "db", Replicas = 2, Containers = { new() { Name = "mysql", Image = "mysql:8.0.35" } } },
        new SeedWorkload { Kind = "StatefulSet", Name = "cache", Replicas = 3, UpdateStrategy = "OnDelete", Containers = { new() { Name = "redis", Image = "redis:7.2" } } },
        new SeedWorkload { Kind = "StatefulSet", Name = "queue", Replicas = 3, Partition = 2, Containers = { new() { Name = "rabbit", Image = "rabbitmq:3.12" } } },
        new SeedWorkload { Kind = "DaemonSet", Name = "log-agent", Replicas = 3, Containers = { new() { Name = "fluentd", Image = "fluent/fluentd:v1.16" } } },
        new SeedWorkload { Kind = "TApp", Name = "cart", Replicas = 2, Containers = { new() { Name = "app", Image = "registry.example.com/shop/cart:62" }, new() { Name = "sidecar", Image = "envoyproxy/envoy:v1.28.0" } } },
        new SeedWorkload { Kind = "Deployment", Name = "web", Cluster = "cls-e5f6g7h8", Replicas = 1, Containers = { new() { Name = "app", Image = "registry.example.com/shop/web:1.0" } } },
        new SeedWorkload { Kind = "Deployment", Name = "web", Cluster = "cls-imp0rt01", Namespace = "default", Replicas = 1, Containers = { new() { Name = "app", Image = "nginx:1.25" } } },
    };
}

/// <summary>Whether a cluster serves the TApp kind (tapp-controller installed); by default every
/// cluster TKEStack created does and an imported one does not.</summary>
internal sealed partial class SeedCluster
{
    public bool? TApp { get; set; }

    public bool HasTApp => TApp ?? Type != "Imported";
}

/// <summary>One workload of the seed.</summary>
internal sealed class SeedWorkload
{
    /// <summary>Deployment, StatefulSet, DaemonSet or TApp.</summary>
    public string Kind { get; set; } = "Deployment";
    public string Cluster { get; set; } = "cls-a1b2c3d4";
    public string Namespace { get; set; } = "shop";
    public string Name { get; set; } = "";
    /// <summary>Replicas; for a DaemonSet, the number of nodes it runs on.</summary>
    public int Replicas { get; set; } = 1;
    public List<SeedContainer> Containers { get; set; } = new();
    /// <summary>StatefulSet or DaemonSet: RollingUpdate (default) or OnDelete.</summary>
    public string? UpdateStrategy { get; set; }
    /// <summary>StatefulSet: rollingUpdate.partition.</summary>
    public int? Partition { get; set; }
    /// <summary>TApp: spec.defaultTemplateName, a template pool entry made from the containers, which
    /// the instances follow instead of spec.template.</summary>
    public string? DefaultTemplate { get; set; }
}

internal sealed class SeedContainer
{
    public string Name { get; set; } = "";
    public string Image { get; set; } = "";
}
