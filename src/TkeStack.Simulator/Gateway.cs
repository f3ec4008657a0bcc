using System.Text;

namespace TkeStack.Simulator;

/// <summary>What stands in front of the API servers: records each request for tests, adds the
/// configured latency, and checks the bearer key of every API call (401 "Unauthorized" for any
/// bad key, as TKEStack answers). Paths that are not API paths get what a console gateway gives:
/// the open-source gateway's 302 to its login page for <c>/apis</c> and <c>/api</c> when they are not
/// served (tkestack/tke <c>pkg/gateway/proxy/proxy.go</c>), and the web console's HTML page otherwise.</summary>
internal static class Gateway
{
    public const string ConsolePage = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>TKEStack</title></head><body><div id=\"app\">TKEStack console</div></body></html>";

    public static async Task Handle(HttpContext context, RequestDelegate next)
    {
        var state = context.RequestServices.GetRequiredService<SimulatorState>();
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/_sim/", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var record = await Record(context);
        state.Requests.Add(record);
        using var serving = state.Requests.Serving();
        try
        {
            // Faults set through /_sim/faults stand in front of everything, as a flaky proxy would.
            var fault = state.Faults.Take(context.Request.Method, path);
            if (fault is null)
            {
                await Serve(context, next, state, record, path);
            }
            else
            {
                record.Fault = fault.Kind;
                await Faults.Play(fault, context, () => Serve(context, next, state, record, path));
            }
        }
        finally
        {
            record.Status = context.Response.StatusCode;
        }
    }

    private static async Task Serve(HttpContext context, RequestDelegate next, SimulatorState state, RecordedRequest record, string path)
    {
        if (state.Options.IsOpenSource)
        {
            await OpenSourceGateway.Serve(context, next, state, record, path);
            return;
        }
        if (IsApiPath(path, state.Options.Unprefixed))
        {
            if (state.Options.LatencyMs > 0) await Task.Delay(state.Options.LatencyMs, context.RequestAborted);
            var key = state.Keys.Authenticate(context.Request.Headers.Authorization.ToString());
            if (key is null)
            {
                await Status.Unauthorized().ExecuteAsync(context);
                return;
            }
            context.SetCaller(key);
            record.Authorized = true;
            record.User = key.User;
        }
        await next(context);
    }

    /// <summary>Paths no route took: inside an API prefix, the API server's 404; elsewhere, the gateway's answer.</summary>
    public static IResult Fallback(HttpContext context)
    {
        var state = context.RequestServices.GetRequiredService<SimulatorState>();
        var path = context.Request.Path.Value ?? "/";
        // Open-source gateway: only a protected API path the login let through gets here.
        if (state.Options.IsOpenSource) return Status.NoRoute();
        if (IsApiPath(path, state.Options.Unprefixed)) return Status.NoRoute();
        if (path.StartsWith("/apis/", StringComparison.Ordinal) || path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return Results.Redirect("/oidc/auth?client_id=default&redirect_uri=%2Fcallback&response_type=code&scope=openid");
        }
        return Results.Content(ConsolePage, "text/html; charset=utf-8");
    }

    private static bool IsApiPath(string path, bool unprefixed) =>
        path.StartsWith("/platform/", StringComparison.Ordinal) || path.StartsWith("/business/", StringComparison.Ordinal) ||
        (unprefixed && (path.StartsWith("/apis/", StringComparison.Ordinal) || path.StartsWith("/api/", StringComparison.Ordinal)));

    private static async Task<RecordedRequest> Record(HttpContext context)
    {
        var request = context.Request;
        string? body = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            request.EnableBuffering();
            using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
            body = await reader.ReadToEndAsync();
            request.Body.Position = 0;
        }
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in request.Headers)
        {
            // The key itself is never kept (nor a proxy's credentials): tests assert only that one came.
            // The open-source gateway's login cookie and its CSRF header are secrets too.
            headers[h.Key] = string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase) ||
                             string.Equals(h.Key, "Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
                ? Redact(h.Value.ToString())
                : string.Equals(h.Key, "Cookie", StringComparison.OrdinalIgnoreCase) ||
                  string.Equals(h.Key, "X-CSRF-TOKEN", StringComparison.OrdinalIgnoreCase)
                    ? "(redacted)"
                    : h.Value.ToString();
        }
        return new RecordedRequest
        {
            Method = request.Method,
            Path = request.Path.Value ?? "/",
            Query = request.QueryString.Value ?? "",
            Headers = headers,
            ContentType = request.ContentType,
            Body = request.HasFormContentType ? RequestLog.RedactForm(body) : RequestLog.Redact(body),
            Connection = context.Connection.Id,
            // The request line's target as sent: absolute-form (http://host/path) when it came through as a proxy.
            Target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? "",
        };
    }

    private static string Redact(string value)
    {
        var space = value.IndexOf(' ');
        return space > 0 ? value[..space] + " (redacted)" : "(redacted)";
    }
}
