using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>The control surface for tests, under <c>/_sim</c> (never an API path, no key needed):
/// issue and disable API keys, read and clear what was received, reset the world.</summary>
public static class ControlApi
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

        g.MapPost("/reset", (SimulatorState s) =>
        {
            s.Reset();
            s.Requests.Clear();
            return Results.NoContent();
        });
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
