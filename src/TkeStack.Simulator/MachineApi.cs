using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>Machines (guide 3.1 to 3.3), as tke-platform-api serves them: create with generateName
/// and a synchronous SSH check, get and list filtered by tenant, and the two-step delete. Sources:
/// tkestack/tke <c>pkg/platform/registry/machine/strategy.go</c> (PrepareForCreate, field selectors),
/// <c>pkg/platform/provider/baremetal/validation/machine.go</c> (the SSH, root and duplicate IP checks),
/// <c>pkg/platform/util/validation/validation.go</c> (the cluster must exist for the tenant),
/// <c>pkg/platform/registry/machine/storage/storage.go</c> (Get filters by tenant, Delete).</summary>
internal static class MachineApi
{
    public const string Group = ClusterApi.Group;
    private const string Path = ClusterApi.Base + "/machines";

    // k8s.io/apimachinery/pkg/util/rand: the alphabet generated names draw from (no vowels, no 0/1/3).
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost(Path, Create);

        g.MapGet(Path, (HttpContext ctx, SimulatorState s) =>
        {
            var caller = ctx.Caller();
            var selector = ParseFieldSelector(ctx.Request.Query["fieldSelector"].ToString());
            lock (s.World.Sync)
            {
                foreach (var name in s.World.Machines.Keys.ToList()) s.World.RefreshMachine(name, s.Seed);
                var all = s.World.Machines.Select(p => KeyValuePair.Create(p.Key, p.Value.Object));
                return Paging.List(ctx.Request, s.World, "MachineList", Group + "/v1", all,
                    m => (string?)m["spec"]?["tenantID"] == caller.Tenant && Matches(m, selector));
            }
        });

        g.MapGet(Path + "/{name}", (string name, HttpContext ctx, SimulatorState s) =>
        {
            lock (s.World.Sync)
            {
                // ValidateGetObjectAndTenantID (pkg/platform/registry/machine/storage/storage.go): the
                // store's 404 names "machines", FilterMachine's for another tenant "machine".
                if (!s.World.RefreshMachine(name, s.Seed)) return Status.NotFound(Group, "machines", name);
                if (s.World.Machines[name].TenantId != ctx.Caller().Tenant) return Status.NotFound(Group, "machine", name);
                return ProxyApi.Json(s.World.Machines[name].Object);
            }
        });

        g.MapDelete(Path + "/{name}", (string name, HttpContext ctx, SimulatorState s) =>
        {
            lock (s.World.Sync)
            {
                // ValidateGetObjectAndTenantID (pkg/platform/registry/machine/storage/storage.go): the
                // store's 404 names "machines", FilterMachine's for another tenant "machine".
                if (!s.World.RefreshMachine(name, s.Seed)) return Status.NotFound(Group, "machines", name);
                if (s.World.Machines[name].TenantId != ctx.Caller().Tenant) return Status.NotFound(Group, "machine", name);
                var m = s.World.Machines[name];
                if (m.DeletedAt is null)
                {
                    m.MarkDeleted(s.World);
                    return ProxyApi.Json(m.Object);
                }
                return Status.Conflict(Group, "machines", name,
                    "the system is ensuring all content is removed from this machine.  Upon completion, this machine will automatically be purged by the system");
            }
        });
    }

    private static async Task<IResult> Create(HttpContext ctx, SimulatorState s)
    {
        var caller = ctx.Caller();
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(ctx.Request.Body) as JsonObject;
        }
        catch (JsonException e)
        {
            return Status.BadRequest($"the object provided is unrecognized: {e.Message}");
        }
        if (body is null) return Status.BadRequest("Object 'Kind' is missing in 'null'");
        var spec = body["spec"] as JsonObject ?? new JsonObject();

        // Decoding comes first: []byte fields must be base64 and port a number, or the decoder
        // answers 400 before any validation (k8s.io/apiserver serializer errors).
        string Undecodable(string what) =>
            $"Machine in version \"v1\" cannot be handled as a Machine: v1.Machine.Spec: v1.MachineSpec.{what}";
        byte[]? password = null;
        foreach (var field in new[] { "password", "privateKey", "passPhrase" })
        {
            if (spec[field] is null) continue;
            if (spec[field] is not JsonValue v || !v.TryGetValue<string>(out var text))
                return Status.BadRequest(Undecodable($"{char.ToUpperInvariant(field[0])}{field[1..]}: decode base64: expects \" or n, but found another character"));
            try
            {
                var bytes = Convert.FromBase64String(text);
                if (field == "password") password = bytes;
            }
            catch (FormatException)
            {
                return Status.BadRequest(Undecodable($"{char.ToUpperInvariant(field[0])}{field[1..]}: decode base64: illegal base64 data"));
            }
        }
        var port = 0;
        if (spec["port"] is JsonNode p && (p is not JsonValue pv || !pv.TryGetValue(out port)))
            return Status.BadRequest(Undecodable("Port: readUint64: unexpected character, error found in #10 byte"));

        var ip = (string?)spec["ip"] ?? "";
        var clusterName = (string?)spec["clusterName"] ?? "";
        var type = (string?)spec["type"] ?? "";
        var username = (string?)spec["username"] ?? "";
        var generateName = (string?)body["metadata"]?["generateName"];
        var givenName = (string?)body["metadata"]?["name"];
        var host = s.Seed.MachineHosts.FirstOrDefault(h => h.Ip == ip);

        if (host?.PostAnswers is int code)
        {
            return Status.Error(code, code == 503 ? "ServiceUnavailable" : "InternalError",
                code == 503 ? "the server is currently unable to handle the request" : "Internal error occurred: etcdserver: request timed out");
        }

        lock (s.World.Sync)
        {
            // strategy.go PrepareForCreate: generateName mc- when none is given; names get 8 characters.
            var name = string.IsNullOrEmpty(givenName) ? GenerateName(string.IsNullOrEmpty(generateName) ? "mc-" : generateName!, s.World) : givenName!;
            if (s.World.Machines.ContainsKey(name)) return Status.AlreadyExists(Group, "machines", name);

            var errors = new List<(string Field, string Reason, string Message)>();
            if (type != "Baremetal")
                errors.Add(("spec.type", "FieldValueNotSupported", $"Unsupported value: \"{type}\": supported values: \"Baremetal\""));
            if (clusterName.Length == 0)
                errors.Add(("spec.clusterName", "FieldValueRequired", "Required value: must specify cluster name"));
            else if (!s.World.Clusters.TryGetValue(clusterName, out var cluster) || !ClusterApi.Visible(cluster, caller))
                errors.Add(("spec.clusterName", "FieldValueNotFound", $"Not found: \"{clusterName}\""));
            else if (string.IsNullOrEmpty((string?)cluster["spec"]?["clusterCIDR"]))
                // ValidateMachineWithCluster (api/platform/validation/machine.go to v1.8.1,
                // pkg/platform/provider/baremetal/validation/machine.go from v1.9.0) reads the
                // cluster's clusterCIDR with net.ParseCIDR and uses the nil result: an Imported
                // cluster has none, the handler panics, and k8s.io/apiserver's WithPanicRecovery
                // answers a plain-text 500 (no Status object). Same in every modelled release.
                return Results.Text("This request caused apiserver to panic. Look in the logs for details.\n", "text/plain; charset=utf-8", Encoding.UTF8, 500);
            else
            {
                var existing = s.World.Machines.Values.FirstOrDefault(m => m.ClusterName == clusterName && m.Ip == ip);
                if (existing != null) errors.Add(("spec.ip", "FieldValueDuplicate", $"Duplicate value: \"{ip}\""));
            }
            if (!IPAddress.TryParse(ip, out _) || (!ip.Contains(':') && ip.Split('.').Length != 4))
                errors.Add(("spec.ip", "FieldValueInvalid", $"Invalid value: \"{ip}\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
            if (port < 1 || port > 65535)
                errors.Add(("spec.port", "FieldValueInvalid", $"Invalid value: {port}: must be between 1 and 65535, inclusive"));
            if (password is null && spec["privateKey"] is null)
                errors.Add(("spec", "FieldValueRequired", "Required value: must specify password or privateKey"));
            else if (errors.Count == 0)
            {
                // ValidateSSH: dial, log in, run whoami (which must say root).
                if (host?.Unreachable == true)
                    errors.Add(("spec", "FieldValueInvalid", $"Invalid value: \"\": dial tcp {ip}:{port}: i/o timeout"));
                else if (host?.Password != null && password != null && Encoding.UTF8.GetString(password) != host.Password)
                    errors.Add(("spec", "FieldValueInvalid", "Invalid value: \"\": ssh: handshake failed: ssh: unable to authenticate, attempted methods [none password], no supported methods remain"));
                else if (username != "root")
                    errors.Add(("spec.user", "FieldValueInvalid", $"Invalid value: \"{username}\": must be root or set sudo without password"));
            }
            if (errors.Count > 0) return Invalid(name, errors);

            var obj = s.World.NewMachineObject(name, clusterName, caller.Tenant, type, ip, port, username,
                (string?)spec["password"], (string?)spec["privateKey"], (string?)spec["passPhrase"]);
            s.World.Machines[name] = new MachineRecord(obj, host, DateTime.UtcNow);
            if (host?.PostDropsConnection == true)
            {
                ctx.Abort();
                return Results.Empty;
            }
            return ProxyApi.Json(obj, 201);
        }
    }

    /// <summary>k8s NewInvalid: one cause per field error, the message listing them ("[a, b]" when several).</summary>
    private static IResult Invalid(string name, List<(string Field, string Reason, string Message)> errors)
    {
        var list = errors.Select(e => $"{e.Field}: {e.Message}").ToList();
        var joined = list.Count == 1 ? list[0] : "[" + string.Join(", ", list) + "]";
        var causes = new JsonArray(errors.Select(e => (JsonNode?)new JsonObject
        {
            ["reason"] = e.Reason, ["message"] = e.Message, ["field"] = e.Field,
        }).ToArray());
        return Status.Error(422, "Invalid", $"Machine.{Group} \"{name}\" is invalid: {joined}",
            new JsonObject { ["name"] = name, ["group"] = Group, ["kind"] = "Machine", ["causes"] = causes });
    }

    private static string GenerateName(string prefix, World world)
    {
        while (true)
        {
            var chars = new char[8];
            for (var i = 0; i < chars.Length; i++) chars[i] = NameAlphabet[Random.Shared.Next(NameAlphabet.Length)];
            var name = prefix + new string(chars);
            if (!world.Machines.ContainsKey(name)) return name;
        }
    }

    private static List<(string Field, string Value)> ParseFieldSelector(string selector) =>
        selector.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(term => term.Replace("==", "=").Split('=', 2))
            .Where(kv => kv.Length == 2)
            .Select(kv => (kv[0].Trim(), kv[1].Trim()))
            .ToList();

    /// <summary>The selectable fields of strategy.go ToSelectableFields.</summary>
    private static bool Matches(JsonObject machine, List<(string Field, string Value)> selector) =>
        selector.All(t => t.Field switch
        {
            "metadata.name" => (string?)machine["metadata"]?["name"] == t.Value,
            "spec.tenantID" => (string?)machine["spec"]?["tenantID"] == t.Value,
            "spec.clusterName" => (string?)machine["spec"]?["clusterName"] == t.Value,
            "spec.type" => (string?)machine["spec"]?["type"] == t.Value,
            "spec.ip" => (string?)machine["spec"]?["ip"] == t.Value,
            "status.phase" => (string?)machine["status"]?["phase"] == t.Value,
            _ => true,
        });
}
