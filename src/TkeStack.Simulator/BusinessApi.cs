using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>The business API (guide section 4): the portal, projects (业务) and their namespaces.
/// Who may read what follows TKEStack: the tenant filter of the storages (another tenant's project
/// answers 404, tkestack/tke <c>pkg/business/util/filter.go</c> FilterProject), the project list filtered
/// by tenant only (<c>pkg/business/registry/project/storage/storage.go</c> List: a field selector on
/// spec.tenantID, <c>pkg/apiserver/util/filter.go</c> PredicateListOptions), and the authorizer in front (<c>pkg/apiserver/authorization</c>, backed by
/// tke-auth's project policies) answering 403 Forbidden to a member for a project they are not in.</summary>
internal static class BusinessApi
{
    public const string Group = World.BusinessGroup;
    public const string Base = "/apis/business.tkestack.io/v1";

    public static void Map(RouteGroupBuilder g)
    {
        // Guide 4.1. tkestack/tke pkg/business/registry/portal/storage/storage.go List: a caller of
        // tenant "" gets {"administrator":true,"projects":{}} at once, and from v1.9.1 (commit
        // 89783587) a caller of tenant "default" too. Anyone else: administrator when a platform
        // administrator, and the projects of their tenant they are a member of, with each one's phase
        // and parent in extension (pkg/business/registry/util/auth.go FilterWithUser). Membership
        // lives in tke-auth; FilterWithUser reads spec.members only without an auth client, which is
        // what the simulator stands in for.
        g.MapGet(Base + "/portal", (HttpContext ctx, SimulatorState s) =>
        {
            var caller = ctx.Caller();
            var portal = new JsonObject
            {
                ["kind"] = "Portal",
                ["apiVersion"] = Group + "/v1",
                ["metadata"] = new JsonObject(),
                ["administrator"] = true,
                ["projects"] = new JsonObject(),
                // api/business/v1/types.go Portal: extension has no omitempty; a nil map is null.
                ["extension"] = null,
            };
            if (caller.Tenant == "" || (caller.Tenant == "default" && s.World.Release.AtLeast(9, 1))) return ProxyApi.Json(portal);
            var projects = new JsonObject();
            var extension = new JsonObject();
            lock (s.World.Sync)
            {
                foreach (var (name, p) in s.World.Projects.Where(p => IsMember(p.Value, caller)))
                {
                    projects[name] = (string?)p["spec"]?["displayName"];
                    extension[name] = new JsonObject
                    {
                        ["phase"] = (string?)p["status"]?["phase"],
                        ["parent"] = (string?)p["spec"]?["parentProjectName"] ?? "",
                    };
                }
            }
            portal["administrator"] = caller.Administrator;
            portal["projects"] = projects;
            portal["extension"] = extension;
            return ProxyApi.Json(portal);
        });

        // Every project of the caller's tenant (storage.go List with PredicateListOptions): no
        // membership filter, for anyone the authorizer lets list.
        g.MapGet(Base + "/projects", (HttpContext ctx, SimulatorState s) =>
        {
            var caller = ctx.Caller();
            lock (s.World.Sync)
            {
                return Paging.List(ctx.Request, s.World, "ProjectList", Group + "/v1", s.World.Projects,
                    p => SameTenant(p, caller));
            }
        });

        // Guide 4.3.
        g.MapGet(Base + "/projects/{name}", (string name, HttpContext ctx, SimulatorState s) =>
        {
            var caller = ctx.Caller();
            lock (s.World.Sync)
            {
                if (Authorize(s.World, caller, name, "get", "projects", name) is { } denied) return denied;
                if (!s.World.Projects.TryGetValue(name, out var p)) return Status.NotFound(Group, "projects", name);
                if (!SameTenant(p, caller)) return Status.NotFound(Group, "project", name);
                return ProxyApi.Json(p);
            }
        });

        // Guide 4.2. A Kubernetes namespaced list: a project with no namespaces, or none at all, lists
        // nothing; another tenant's namespaces are filtered out (FilterNamespace).
        g.MapGet(Base + "/namespaces/{project}/namespaces", (string project, HttpContext ctx, SimulatorState s) =>
        {
            var caller = ctx.Caller();
            lock (s.World.Sync)
            {
                if (Authorize(s.World, caller, project, "list", "namespaces", null) is { } denied) return denied;
                var namespaces = s.World.ProjectNamespaces.TryGetValue(project, out var found)
                    ? found
                    : new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
                return Paging.List(ctx.Request, s.World, "NamespaceList", Group + "/v1",
                    namespaces.Select(n => KeyValuePair.Create(n.Key, WithCluster(s.World, n.Value))),
                    n => (string?)n["spec"]?["tenantID"] == caller.Tenant);
            }
        });

        g.MapGet(Base + "/namespaces/{project}/namespaces/{name}", (string project, string name, HttpContext ctx, SimulatorState s) =>
        {
            var caller = ctx.Caller();
            lock (s.World.Sync)
            {
                if (Authorize(s.World, caller, project, "get", "namespaces", name) is { } denied) return denied;
                if (!s.World.ProjectNamespaces.TryGetValue(project, out var found) || !found.TryGetValue(name, out var ns))
                {
                    return Status.NotFound(Group, "namespaces", name);
                }
                if ((string?)ns["spec"]?["tenantID"] != caller.Tenant) return Status.NotFound(Group, "namespace", name);
                return ProxyApi.Json(WithCluster(s.World, ns));
            }
        });
    }

    /// <summary>The authorizer's answer for a project-scoped call: administrators pass (the storage
    /// then filters by tenant); a member passes only for a project of their tenant that lists them in
    /// spec.members; anyone else gets 403, whether or not the project exists.</summary>
    private static IResult? Authorize(World world, ApiKey caller, string project, string verb, string resource, string? name)
    {
        if (caller.Administrator) return null;
        if (world.Projects.TryGetValue(project, out var p) && SameTenant(p, caller) && IsMember(p, caller)) return null;
        if (name != null && resource == "projects") return Status.Forbidden(Group, resource, name, caller.User, verb);
        var what = name is null ? $"{resource}.{Group}" : $"{resource}.{Group} \"{name}\"";
        return Status.Error(403, "Forbidden",
            $"{what} is forbidden: User \"{caller.User}\" cannot {verb} resource \"{resource}\" in API group \"{Group}\" in the namespace \"{project}\"",
            new JsonObject { ["name"] = name ?? "", ["group"] = Group, ["kind"] = resource });
    }

    private static bool SameTenant(JsonObject project, ApiKey caller) => (string?)project["spec"]?["tenantID"] == caller.Tenant;

    private static bool IsMember(JsonObject project, ApiKey caller) =>
        SameTenant(project, caller) &&
        project["spec"]?["members"] is JsonArray members && members.Any(m => (string?)m == caller.User);

    /// <summary>A copy of a project namespace with its cluster's type, version and display name, as the
    /// namespace storage's patchNamespace fills them in on every read.</summary>
    private static JsonObject WithCluster(World world, JsonObject ns)
    {
        var copy = ns.DeepClone().AsObject();
        var spec = copy["spec"]!.AsObject();
        if (world.Clusters.TryGetValue((string?)spec["clusterName"] ?? "", out var cluster))
        {
            spec["clusterType"] = (string?)cluster["spec"]?["type"];
            spec["clusterVersion"] = (string?)cluster["status"]?["version"];
            spec["clusterDisplayName"] = (string?)cluster["spec"]?["displayName"];
        }
        return copy;
    }
}
