using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>The control surface for tests, under <c>/_sim</c> (never an API path, no key needed):
/// issue and disable API keys, read and clear what was received, inject faults, count
/// connections and requests per route, reset the world.</summary>
internal static class ControlApi
{
    public static void Map(RouteGroupBuilder g)
    {
        // GET /_sim/keys: every key with its token, for tests to use.
        g.MapGet("/keys", (SimulatorState s) => ProxyApi.Json(new JsonArray(s.Keys.All.Select(KeyJson).ToArray<JsonNode?>())));

        // POST /_sim/keys {"user","tenant","administrator","disabled","expiresInSeconds"}: a new JWT key.
        g.MapPost("/keys", async (HttpContext ctx, SimulatorState s) =>
        {
            var body = await JsonNode.ParseAsync(ctx.Request.Body) as JsonObject ?? new JsonObject();
            double? seconds = body["expiresInSeconds"] is JsonValue v ? v.GetValue<double>() : null;
            var key = s.Keys.Issue((string?)body["user"] ?? "admin", (string?)body["tenant"] ?? "default",
                seconds is null ? null : TimeSpan.FromSeconds(seconds.Value), (bool?)body["administrator"] ?? false, (bool?)body["disabled"] ?? false);
            return ProxyApi.Json(KeyJson(key), 201);
        });

        // POST /_sim/keys/{id}/disable and /enable.
        g.MapPost("/keys/{id}/{action}", (string id, string action, SimulatorState s) =>
        {
            var key = s.Keys.FindById(id);
            if (key is null) return Results.NotFound();
            key.Disabled = action == "disable";
            return ProxyApi.Json(KeyJson(key));
        });

        g.MapGet("/requests", (SimulatorState s) => ProxyApi.Json(new JsonArray(s.Requests.Snapshot().Select(r => r.ToJson()).ToArray<JsonNode?>())));
        g.MapDelete("/requests", (SimulatorState s) =>
        {
            s.Requests.Clear();
            return Results.NoContent();
        });

        // GET /_sim/info: where the simulator listens (the HTTPS URL with --https) and the release it models.
        g.MapGet("/info", (SimulatorState s) => ProxyApi.Json(new JsonObject
        {
            ["url"] = s.Url,
            ["httpsUrl"] = s.HttpsUrl,
            ["certificateThumbprint"] = s.CertificateThumbprint,
            ["tkeVersion"] = s.World.Release.Name,
            ["tkeTag"] = s.World.Release.Tag,
            ["gateway"] = s.Options.Gateway,
            ["gatewayPorts"] = GatewayPorts(s),
        }));

        // GET /_sim/users: the users with passwords (local identities), passwords included, for tests.
        g.MapGet("/users", (SimulatorState s) => ProxyApi.Json(new JsonArray(s.Seed.Users.Select(u => (JsonNode?)new JsonObject
        {
            ["name"] = u.Name,
            ["password"] = u.Password,
            ["tenant"] = u.Tenant,
            ["administrator"] = u.Administrator,
        }).ToArray())));

        // POST /_sim/login {"lifetimeSeconds":N,"refresh":true|false}: the ID token lifetime (negative:
        // already expired) and whether a refresh token comes, for the logins and renewals that follow.
        g.MapPost("/login", async (HttpContext ctx, SimulatorState s) =>
        {
            var body = await JsonNode.ParseAsync(ctx.Request.Body) as JsonObject ?? new JsonObject();
            if (body["lifetimeSeconds"] is JsonValue v) s.Logins.Lifetime = TimeSpan.FromSeconds(v.GetValue<double>());
            if (body["refresh"] is JsonValue r) s.Logins.Refresh = r.GetValue<bool>();
            return ProxyApi.Json(new JsonObject { ["lifetimeSeconds"] = s.Logins.Lifetime.TotalSeconds, ["refresh"] = s.Logins.Refresh });
        });

        // POST /_sim/faults {"method","path","kind","status","retryAfter","delayMs","times","body",
        // "contentType","location","size","declareLength","text","field"}: inject a fault into matching
        // requests, any route. The hostile kinds (pageloop, emptypages, gzipbomb, endless, controlstatus,
        // controlchars, dotname, hugeheader) are described on Fault and in the README's simulator part.
        g.MapPost("/faults", async (HttpContext ctx, SimulatorState s) =>
        {
            Fault? fault;
            try
            {
                fault = await System.Text.Json.JsonSerializer.DeserializeAsync<Fault>(ctx.Request.Body, Seed.Json);
                if (fault is null) return Results.BadRequest("a fault is a JSON object");
                s.Faults.Add(fault);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
            {
                return Results.BadRequest(e.Message);
            }
            return ProxyApi.Json(fault.ToJson(), 201);
        });
        g.MapGet("/faults", (SimulatorState s) => ProxyApi.Json(new JsonArray(s.Faults.Snapshot().Select(f => f.ToJson()).ToArray<JsonNode?>())));
        g.MapDelete("/faults", (SimulatorState s) =>
        {
            s.Faults.Clear();
            return Results.NoContent();
        });
        g.MapDelete("/faults/{id}", (string id, SimulatorState s) => s.Faults.Remove(id) ? Results.NoContent() : Results.NotFound());

        // GET /_sim/stats: connections and requests since the log was last cleared, per route, and the most served at once.
        g.MapGet("/stats", (SimulatorState s) =>
        {
            var all = s.Requests.Snapshot();
            return ProxyApi.Json(new JsonObject
            {
                ["requests"] = all.Count,
                ["connections"] = all.Select(r => r.Connection).Distinct().Count(),
                // The most API requests served at once (the throttle of concurrent cmdlets shows here).
                ["maxInFlight"] = s.Requests.MaxInFlight,
                ["inFlight"] = s.Requests.InFlight,
                ["routes"] = new JsonObject(all.GroupBy(r => r.Method + " " + r.Path).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)JsonValue.Create(g.Count())))),
            });
        });

        g.MapPost("/reset", (SimulatorState s) =>
        {
            s.Reset();
            s.Requests.Clear();
            s.Faults.Clear();
            return Results.NoContent();
        });
    }

    /// <summary>Where a real tke-gateway listens (informative: the simulator binds its own port). tkestack/tke
    /// cmd/tke-installer/app/installer/manifests/tke-gateway/tke-gateway.yaml: hostNetwork on 80 and 443
    /// up to v1.9.0, a NodePort Service on 31180 and 31443 from v1.9.1. Null for the console.</summary>
    private static JsonObject? GatewayPorts(SimulatorState s)
    {
        if (!s.Options.IsOpenSource) return null;
        return s.World.Release.AtLeast(9, 1)
            ? new JsonObject { ["http"] = 31180, ["https"] = 31443, ["kind"] = "NodePort" }
            : new JsonObject { ["http"] = 80, ["https"] = 443, ["kind"] = "hostNetwork" };
    }

    private static JsonObject KeyJson(ApiKey k) => new()
    {
        ["id"] = k.Id,
        ["token"] = k.Token,
        ["user"] = k.User,
        ["tenant"] = k.Tenant,
        ["administrator"] = k.Administrator,
        ["disabled"] = k.Disabled,
        ["expiresAt"] = k.ExpiresAt?.ToString("o"),
    };
}
