using System.Globalization;
using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>The business part of the world: projects (业务) and their namespaces, shaped as
/// tkestack/tke <c>api/business/v1/types.go</c> Project and Namespace.</summary>
internal sealed partial class World
{
    public const string BusinessGroup = "business.tkestack.io";

    /// <summary>Projects by name, in name order.</summary>
    public SortedDictionary<string, JsonObject> Projects { get; } = new(StringComparer.Ordinal);

    /// <summary>Each project's namespaces (<c>&lt;cluster&gt;-&lt;namespace&gt;</c>), in name order.</summary>
    public Dictionary<string, SortedDictionary<string, JsonObject>> ProjectNamespaces { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds the seed's projects and their namespaces. As the business namespace controller
    /// does (tkestack/tke <c>pkg/business/controller/namespace/namespace_controller.go</c>), each
    /// project namespace is created in its cluster when missing there, and its hard quota is added to
    /// the project's <c>status.clusters[cluster].used</c> (calculateProjectUsed).</summary>
    public void AddProjects(IEnumerable<SeedProject> projects)
    {
        foreach (var p in projects) AddProject(p);
    }

    public void AddProject(SeedProject p)
    {
        var created = Now();
        var hard = new JsonObject();
        foreach (var (cluster, quota) in p.Clusters) hard[cluster] = new JsonObject { ["hard"] = Resources(quota) };
        var spec = new JsonObject
        {
            ["finalizers"] = new JsonArray("project"),
            ["tenantID"] = p.TenantId,
            ["displayName"] = p.DisplayName ?? p.Name,
            ["members"] = new JsonArray(p.Members.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            ["clusters"] = hard,
        };
        if (p.ParentProjectName != null) spec["parentProjectName"] = p.ParentProjectName;

        var used = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var calculated = new JsonArray();
        var namespaces = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var n in p.Namespaces)
        {
            var ns = ProjectNamespace(p, n);
            var name = (string)ns["metadata"]!["name"]!;
            namespaces[name] = ns;
            calculated.Add(name);
            if (!used.TryGetValue(n.Cluster, out var sum)) used[n.Cluster] = sum = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (resource, quantity) in n.Hard)
            {
                sum[resource] = sum.TryGetValue(resource, out var before) ? Quantity.Add(before, quantity) : quantity;
            }
        }
        var usedJson = new JsonObject();
        foreach (var (cluster, quota) in used) usedJson[cluster] = new JsonObject { ["used"] = Resources(quota) };

        Projects[p.Name] = new JsonObject
        {
            ["kind"] = "Project",
            ["apiVersion"] = BusinessGroup + "/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = p.Name,
                ["selfLink"] = $"/apis/{BusinessGroup}/v1/projects/{p.Name}",
                ["uid"] = Guid.NewGuid().ToString(),
                ["resourceVersion"] = NextResourceVersion(),
                ["creationTimestamp"] = created,
            },
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["phase"] = p.Phase,
                ["clusters"] = usedJson,
                ["calculatedNamespaces"] = calculated,
                ["lastTransitionTime"] = created,
            },
        };
        ProjectNamespaces[p.Name] = namespaces;
    }

    private JsonObject ProjectNamespace(SeedProject p, SeedProjectNamespace n)
    {
        var name = n.Cluster + "-" + n.Namespace;
        var phase = n.Phase;
        string? reason = null, message = null;
        if (Contents.TryGetValue(n.Cluster, out var contents))
        {
            if (!contents.Namespaces.ContainsKey(n.Namespace)) contents.AddNamespace(this, n.Namespace);
        }
        else
        {
            // The controller could not create it: no such cluster. pkg/business/controller/namespace/
            // namespace_controller.go (v1.4.0 to v1.9.2) writes the fixed message
            // "ensureNamespaceOnCluster failed" and the error itself as the reason.
            phase = "Failed";
            message = "ensureNamespaceOnCluster failed";
            reason = $"clusters.platform.tkestack.io \"{n.Cluster}\" not found";
        }
        var status = new JsonObject
        {
            ["phase"] = phase,
            ["lastTransitionTime"] = Now(),
            ["resourceQuotaName"] = n.Namespace,
            ["used"] = Resources(n.Used),
        };
        if (reason != null)
        {
            status["reason"] = reason;
            status["message"] = message;
        }
        return new JsonObject
        {
            ["kind"] = "Namespace",
            ["apiVersion"] = BusinessGroup + "/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = p.Name,
                ["selfLink"] = $"/apis/{BusinessGroup}/v1/namespaces/{p.Name}/namespaces/{name}",
                ["uid"] = Guid.NewGuid().ToString(),
                ["resourceVersion"] = NextResourceVersion(),
                ["creationTimestamp"] = Now(),
            },
            ["spec"] = new JsonObject
            {
                ["finalizers"] = new JsonArray("namespace"),
                ["tenantID"] = p.TenantId,
                ["clusterName"] = n.Cluster,
                // clusterType, clusterVersion and clusterDisplayName are filled in at read time from
                // the cluster, as the namespace storage's patchNamespace does.
                ["clusterType"] = "",
                ["clusterVersion"] = "",
                ["clusterDisplayName"] = "",
                ["namespace"] = n.Namespace,
                ["hard"] = Resources(n.Hard),
            },
            ["status"] = status,
        };
    }

    private static JsonObject Resources(Dictionary<string, string> quota)
    {
        var o = new JsonObject();
        foreach (var (k, v) in quota.OrderBy(q => q.Key, StringComparer.Ordinal)) o[k] = v;
        return o;
    }
}

/// <summary>Just enough of Kubernetes <c>resource.Quantity</c> (k8s.io/apimachinery
/// <c>pkg/api/resource/quantity.go</c>) to add two quantities: decimal (m, k, M, G, T, P, E) and
/// binary (Ki, Mi, Gi, Ti, Pi, Ei) suffixes; the sum keeps the addends' suffix when they share one.</summary>
internal static class Quantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    {
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("m", 0.001m), ("k", 1e3m), ("M", 1e6m), ("G", 1e9m), ("T", 1e12m), ("P", 1e15m), ("E", 1e18m),
    };

    public static (decimal Value, string Suffix) Parse(string q)
    {
        foreach (var (suffix, factor) in Suffixes)
        {
            if (q.EndsWith(suffix, StringComparison.Ordinal) && decimal.TryParse(q[..^suffix.Length], NumberStyles.Number, CultureInfo.InvariantCulture, out var v))
            {
                return (v * factor, suffix);
            }
        }
        return (decimal.Parse(q, NumberStyles.Number, CultureInfo.InvariantCulture), "");
    }

    public static string Add(string a, string b)
    {
        var (x, sx) = Parse(a);
        var (y, sy) = Parse(b);
        var sum = x + y;
        // Kubernetes writes a whole number of cores without the milli suffix (2000m is 2).
        if (sx == sy && sx.Length > 0 && sx != "m")
        {
            var factor = Suffixes.First(s => s.Suffix == sx).Factor;
            var n = sum / factor;
            if (n == decimal.Truncate(n)) return n.ToString("0", CultureInfo.InvariantCulture) + sx;
        }
        if (sum == decimal.Truncate(sum)) return sum.ToString("0", CultureInfo.InvariantCulture);
        return (sum * 1000).ToString("0", CultureInfo.InvariantCulture) + "m";
    }
}
