using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>The open-source tke-gateway in front of the API servers (<c>--gateway open-source</c>),
/// as tkestack/tke <c>pkg/gateway</c> serves it: the gateway's own API (login, renew, info, logout),
/// the API servers' prefixes behind the cookie login (<c>pkg/gateway/proxy/proxy.go</c> componentPrefix,
/// passthrough mode as <c>cmd/tke-installer/app/installer/manifests/tke-gateway/tke-gateway.yaml</c>
/// configures it), and the console's assets for every other path (<c>pkg/gateway/assets/assets.go</c>).
/// There is no <c>/platform</c> or <c>/business</c> prefix: those are asset paths here.</summary>
internal static class OpenSourceGateway
{
    private const string CookieName = "tke";
    private const string CsrfHeader = "X-CSRF-TOKEN";
    private const string BusinessPrefix = "/apis/business.tkestack.io/";
    private const string AuthPrefix = "/apis/auth.tkestack.io/";

    /// <summary>pkg/auth/apiserver/apiserver.go APIKeyPasswordPath; proxy.go registers it with a
    /// trailing slash, unprotected (v1.4.0 to v1.9.2).</summary>
    public const string ApiKeyPasswordPath = "/apis/auth.tkestack.io/v1/apikeys/default/password";

    /// <summary>The platform API server's prefixes: one per group version of
    /// pkg/platform/apiserver/apiserver.go DefaultAPIResourceConfigSource (v1.9.2), "/api/v1/" for the
    /// core group (proxy.go componentPrefix).</summary>
    private static readonly string[] PlatformPrefixes =
    {
        "/api/v1/", "/apis/platform.tkestack.io/v1/",
        "/apis/admission.k8s.io/v1beta1/", "/apis/autoscaling/v1/", "/apis/autoscaling/v2beta1/", "/apis/autoscaling/v2beta2/",
        "/apis/apps/v1/", "/apis/apps/v1beta2/", "/apis/apps/v1beta1/", "/apis/batch/v1/", "/apis/batch/v1beta1/",
        "/apis/certificates.k8s.io/v1beta1/", "/apis/extensions/v1beta1/", "/apis/events.k8s.io/v1beta1/",
        "/apis/networking.k8s.io/v1/", "/apis/networking.k8s.io/v1beta1/", "/apis/coordination.k8s.io/v1/",
        "/apis/coordination.k8s.io/v1beta1/", "/apis/policy/v1beta1/", "/apis/rbac.authorization.k8s.io/v1alpha1/",
        "/apis/rbac.authorization.k8s.io/v1beta1/", "/apis/rbac.authorization.k8s.io/v1/", "/apis/scheduling.k8s.io/v1alpha1/",
        "/apis/scheduling.k8s.io/v1beta1/", "/apis/scheduling.k8s.io/v1/", "/apis/node.k8s.io/v1alpha1/", "/apis/node.k8s.io/v1beta1/",
        "/apis/storage.k8s.io/v1/", "/apis/storage.k8s.io/v1alpha1/", "/apis/storage.k8s.io/v1beta1/",
    };

    /// <summary>The API paths the simulator serves behind the gateway's login: the platform's, the
    /// business API's and the auth API's prefixes, all protected in proxy.go componentPrefix (the
    /// unprotected password path is matched first: k8s.io/apiserver PathRecorderMux tries the longest
    /// prefix first). Components the simulator does not play (notify, registry, monitor, ...) are
    /// not registered, as on an install without them: their paths are asset paths.</summary>
    public static bool IsProtectedApiPath(string path) =>
        path.StartsWith(BusinessPrefix, StringComparison.Ordinal) ||
        path.StartsWith(AuthPrefix, StringComparison.Ordinal) ||
        PlatformPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal));

    /// <summary>One request, after the request log and faults: the gateway API, the unprotected
    /// password path, a protected API path (then the API routes), or the assets.</summary>
    public static async Task Serve(HttpContext context, RequestDelegate next, SimulatorState state, RecordedRequest record, string path)
    {
        if (GatewayApi.Owns(path))
        {
            await GatewayApi.Handle(context, state, path);
            return;
        }
        if (path.StartsWith(ApiKeyPasswordPath + "/", StringComparison.Ordinal))
        {
            // Unprotected: the request goes to tke-auth-api as it came, cookie or not.
            await AuthApi.CreateFromPassword(context, state);
            return;
        }
        if (!IsProtectedApiPath(path))
        {
            await Assets(context, state, path);
            return;
        }

        // pkg/gateway/proxy/handler/passthrough/handler.go ServeHTTP: RetrieveToken, else 401; then the
        // backend gets "Authorization: Bearer <i>" in place of whatever the client sent.
        if (state.Options.LatencyMs > 0) await Task.Delay(state.Options.LatencyMs, context.RequestAborted);
        var (token, error) = RetrieveToken(context.Request, state.World.Release);
        if (token is null)
        {
            await Unauthorized(context, error!);
            return;
        }
        var caller = Backend(state, path, token.Id.Trim());
        if (caller is null)
        {
            // The API server's own authenticators refuse the bearer: the plain kube 401.
            await Status.Unauthorized().ExecuteAsync(context);
            return;
        }
        if (path == ApiKeyPasswordPath)
        {
            await AuthApi.CreateFromPassword(context, state);
            return;
        }
        context.SetCaller(caller);
        record.Authorized = true;
        record.User = caller.User;
        await next(context);
    }

    /// <summary>Who the backend API server takes the bearer for. tke-platform-api has
    /// <c>[authentication.oidc]</c> and <c>[authentication.webhook]</c> (tke-auth checks API keys);
    /// tke-business-api has only <c>[authentication.oidc]</c>, so an API key is refused there
    /// (cmd/tke-installer/app/installer/manifests/tke-platform-api/tke-platform-api.yaml and
    /// tke-business-api/tke-business-api.yaml, the same at v1.4.0 and v1.9.2). tke-auth-api checks
    /// both itself (pkg/auth/authentication/authenticator).</summary>
    private static ApiKey? Backend(SimulatorState state, string path, string bearer)
    {
        var login = state.Logins.Authenticate(bearer);
        if (login != null || path.StartsWith(BusinessPrefix, StringComparison.Ordinal)) return login;
        return state.Keys.Authenticate("Bearer " + bearer);
    }

    /// <summary>The cookie's token: <c>{"i": id token, "r": refresh token, "e": expiry}</c>.</summary>
    internal sealed record CookieToken(string Id, string Refresh, DateTimeOffset Expire);

    /// <summary>tkestack/tke pkg/gateway/token/token.go RetrieveToken: the cookie "tke", from v1.9.1 the
    /// CSRF header on paths starting "/api" (v1.9.0 and older have no check), std base64 of JSON, a
    /// non-empty ID token and an expiry not passed. Null and Go's error text otherwise.</summary>
    public static (CookieToken? Token, string? Error) RetrieveToken(HttpRequest request, TkeRelease release)
    {
        var value = ReadCookie(request);
        if (value is null) return (null, "http: named cookie not present");
        var path = request.Path.Value ?? "/";
        if (release.AtLeast(9, 1) && path.StartsWith("/api", StringComparison.Ordinal))
        {
            // Header.Get: the first value, "" when absent.
            var header = request.Headers[CsrfHeader].FirstOrDefault() ?? "";
            if (header != Csrf(value)) return (null, "invalid CSRF token");
        }
        var (bytes, base64Error) = GoBase64.Decode(value);
        if (bytes is null) return (null, base64Error);
        string id, refresh;
        DateTimeOffset expire;
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, "token.Token.ReadObject: expect { or n, but found " + Encoding.UTF8.GetString(bytes).TrimStart().FirstOrDefault());
            id = Text(doc.RootElement, "i");
            refresh = Text(doc.RootElement, "r");
            expire = DateTimeOffset.MinValue;
            if (doc.RootElement.TryGetProperty("e", out var e) && e.ValueKind != JsonValueKind.Null)
            {
                var text = e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
                // time.Time UnmarshalJSON: RFC 3339 only.
                if (!System.Text.RegularExpressions.Regex.IsMatch(text, @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$") ||
                    !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out expire))
                {
                    return (null, $"parsing time \"{text}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{text}\" as \"2006\"");
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // jsoniter's error text (token.go decodes with jsoniter ConfigCompatibleWithStandardLibrary); shortened.
            return (null, "token.Token.ReadObject: " + ex.Message.Split('.')[0]);
        }
        if (id.Length == 0 || expire < DateTimeOffset.UtcNow) return (null, "invalid token");
        return (new CookieToken(id, refresh, expire), null);
    }

    private static string Text(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return "";
        if (v.ValueKind != JsonValueKind.String) throw new InvalidOperationException($"{name}: ReadString: expects \" or n, but found {v.GetRawText().FirstOrDefault()}.");
        return v.GetString()!;
    }

    /// <summary>The value of the first cookie "tke", as Go's request.Cookie reads it (net/http
    /// cookie.go readCookies: surrounding quotes dropped, a value with bytes no cookie may hold skipped).</summary>
    private static string? ReadCookie(HttpRequest request)
    {
        foreach (var header in request.Headers.Cookie)
        {
            foreach (var part in (header ?? "").Split(';'))
            {
                var p = part.Trim();
                var eq = p.IndexOf('=');
                var name = eq < 0 ? p : p[..eq];
                if (name != CookieName) continue;
                var value = eq < 0 ? "" : p[(eq + 1)..];
                if (value.Length > 1 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
                if (value.All(c => c >= 0x20 && c < 0x7f && c != '"' && c != ';' && c != '\\')) return value;
            }
        }
        return null;
    }

    /// <summary>What X-CSRF-TOKEN must be: the lowercase hex MD5 of the raw cookie value (token.go, v1.9.1 on).</summary>
    public static string Csrf(string cookieValue) =>
        Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(cookieValue))).ToLowerInvariant();

    /// <summary>The cookie token.go ResponseToken writes: std base64 of {"i","r","e"}, Path=/, Max-Age
    /// the seconds left (net/http writes Max-Age=0 for a negative age and nothing for 0).</summary>
    public static void SetCookie(HttpResponse response, string idToken, string refresh, DateTimeOffset expiry)
    {
        var json = new JsonObject
        {
            ["i"] = idToken,
            ["r"] = refresh,
            // Go's time.Time MarshalJSON: RFC 3339 with the fraction's trailing zeros dropped.
            ["e"] = expiry.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", System.Globalization.CultureInfo.InvariantCulture),
        }.ToJsonString();
        var value = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        var maxAge = (long)(expiry - DateTimeOffset.UtcNow).TotalSeconds;
        var cookie = $"{CookieName}={value}; Path=/";
        if (maxAge > 0) cookie += $"; Max-Age={maxAge}";
        else if (maxAge < 0) cookie += "; Max-Age=0";
        response.Headers.Append("Set-Cookie", cookie);
    }

    /// <summary>token.go DeleteCookie: MaxAge -1, which net/http writes as Max-Age=0.</summary>
    public static void DeleteCookie(HttpResponse response) => response.Headers.Append("Set-Cookie", CookieName + "=; Path=/; Max-Age=0");

    /// <summary>k8s.io/apiserver responsewriters.WriteRawJSON: the object marshalled with two-space
    /// indent, Content-Type application/json.</summary>
    public static async Task WriteRawJson(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        // net/http writes no body with a 204.
        if (status == 204) return;
        await context.Response.WriteAsync(body.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Every gateway 401: errors.NewUnauthorized(message) written with WriteRawJSON, so the
    /// *StatusError itself is marshalled: {"ErrStatus": Status without kind and apiVersion}.</summary>
    public static Task Unauthorized(HttpContext context, string message) =>
        WriteRawJson(context, 401, new JsonObject
        {
            ["ErrStatus"] = new JsonObject
            {
                ["metadata"] = new JsonObject(),
                ["status"] = "Failure",
                ["message"] = message,
                ["reason"] = "Unauthorized",
                ["code"] = 401,
            },
        });

    /// <summary>errors.NewInternalError(err) written with WriteRawJSON (a *StatusError, so wrapped).</summary>
    public static Task InternalError(HttpContext context, string message) =>
        WriteRawJson(context, 500, new JsonObject
        {
            ["ErrStatus"] = new JsonObject
            {
                ["metadata"] = new JsonObject(),
                ["status"] = "Failure",
                ["message"] = "Internal error occurred: " + message,
                ["reason"] = "InternalError",
                ["details"] = new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) },
                ["code"] = 500,
            },
        });

    /// <summary>pkg/gateway/assets/assets.go: without a valid cookie, the login redirect; with one,
    /// the console's index for "/" and any path matching <c>/tkestack.*</c>, http.ServeFile's 404 for the
    /// rest. From v1.8.0 gzipHandler compresses every answer when the client accepts gzip.</summary>
    private static async Task Assets(HttpContext context, SimulatorState state, string path)
    {
        var (token, _) = RetrieveToken(context.Request, state.World.Release);
        if (token is null)
        {
            await Gzipped(context, () => RedirectLogin(context));
            return;
        }
        if (path == "/" || path.Contains("/tkestack", StringComparison.Ordinal))
        {
            await Gzipped(context, async () =>
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(Gateway.ConsolePage);
            });
            return;
        }
        // net/http fs.go serveFile: toHTTPError's 404 through http.Error.
        await Gzipped(context, async () =>
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            await context.Response.WriteAsync("404 page not found\n");
        });
    }

    private static async Task Gzipped(HttpContext context, Func<Task> write)
    {
        // gzipHandler came with v1.8.0 (commit 6bf151ec, "feat(gateway): support gzip"); v1.4.0 and v1.6.0 send plain bodies.
        var release = context.RequestServices.GetRequiredService<SimulatorState>().World.Release;
        if (!release.AtLeast(8) || !context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.Ordinal))
        {
            await write();
            return;
        }
        context.Response.Headers.ContentEncoding = "gzip";
        var original = context.Response.Body;
        await using (var gz = new GZipStream(original, CompressionLevel.Fastest, leaveOpen: true))
        {
            context.Response.Body = gz;
            try
            {
                await write();
            }
            finally
            {
                context.Response.Body = original;
            }
        }
    }

    /// <summary>pkg/gateway/auth/login.go RedirectLogin (OIDC proxy on, as installed): the state is the
    /// request's URL (from v1.9.1 "/tkestack" for "/" or none; v1.9.0 and older keep "/"), the oauth2 AuthCodeURL of the gateway's config
    /// (cmd/tke-gateway/app/config/config.go: client "default", its scopes, access_type offline) with
    /// redirect_uri pointed at this host's /callback, query keys sorted as url.Values.Encode sorts them.</summary>
    public static Task RedirectLogin(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var release = context.RequestServices.GetRequiredService<SimulatorState>().World.Release;
        var state = (target is "" or "/") && release.AtLeast(9, 1) ? "/tkestack" : target;
        var redirect = (request.IsHttps ? "https" : "http") + "://" + request.Host + "/callback";
        var location = "/oidc/auth?access_type=offline&client_id=default&redirect_uri=" + QueryEscape(redirect) +
                       "&response_type=code&scope=" + QueryEscape("openid offline_access profile email federated:id groups") +
                       "&state=" + QueryEscape(state);
        return Redirect(context, location);
    }

    /// <summary>net/http Redirect with 302: Location, and for GET the small HTML body.</summary>
    public static async Task Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = location;
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
        }
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.WriteAsync("<a href=\"" + HtmlEscape(location) + "\">Found</a>.\n\n");
        }
    }

    /// <summary>net/url QueryEscape: unreserved bytes as they are, space as '+', the rest %XX.</summary>
    private static string QueryEscape(string s) => Uri.EscapeDataString(s).Replace("%20", "+", StringComparison.Ordinal);

    /// <summary>net/http htmlReplacer.</summary>
    private static string HtmlEscape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&#34;").Replace("'", "&#39;");
}

/// <summary>Go's encoding/base64 StdEncoding.DecodeString, with its error text: "illegal base64 data at
/// input byte N" at the offset Go reports (decodeQuantum: a byte outside the alphabet, padding too early
/// or missing, bytes after the padding). Newlines are skipped, as Go skips them.</summary>
internal static class GoBase64
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static (byte[]? Bytes, string? Error) Decode(string s)
    {
        var clean = new StringBuilder();
        var si = 0;
        while (true)
        {
            var quantum = new StringBuilder();
            for (var j = 0; j < 4; j++)
            {
                if (si == s.Length)
                {
                    if (j == 0) return Done(clean);
                    return Fail(si - j);
                }
                var c = s[si++];
                if (Alphabet.Contains(c))
                {
                    quantum.Append(c);
                    continue;
                }
                if (c is '\n' or '\r')
                {
                    j--;
                    continue;
                }
                if (c != '=') return Fail(si - 1);
                if (j < 2) return Fail(si - 1);
                if (j == 2)
                {
                    while (si < s.Length && s[si] is '\n' or '\r') si++;
                    if (si == s.Length) return Fail(s.Length);
                    if (s[si] != '=') return Fail(si - 1);
                    si++;
                }
                while (si < s.Length && s[si] is '\n' or '\r') si++;
                if (si < s.Length) return Fail(si);
                clean.Append(quantum).Append('=', 4 - quantum.Length);
                return Done(clean);
            }
            clean.Append(quantum);
        }
    }

    private static (byte[]?, string?) Done(StringBuilder clean)
    {
        // Go's non-strict decoding ignores non-zero trailing bits, as .NET does.
        return (Convert.FromBase64String(clean.ToString()), null);
    }

    private static (byte[]?, string?) Fail(int at) => (null, "illegal base64 data at input byte " + at);
}
