using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TkeStack.Simulator;

namespace TkeStack.Tests;

/// <summary>A simulator playing the open-source tke-gateway (<c>--gateway open-source</c>) of one
/// release, with a client that neither follows redirects nor keeps cookies, so tests see what the
/// gateway answered.</summary>
public abstract class OpenSourceGatewayFixture(string release) : IAsyncLifetime
{
    public SimulatorHost Host { get; private set; } = null!;
    public HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
    public string AdminKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Host = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, Gateway = SimulatorOptions.OpenSourceGateway, TkeVersion = release });
        Http.BaseAddress = new Uri(Host.Url);
        AdminKey = Host.State.Keys.All.First(k => k.Administrator && !k.Id.StartsWith("plain-")).Token;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>Logs in with the gateway's password login; the cookie value it set.</summary>
    public async Task<string> LoginAsync(string user = "admin", string password = "Admin@2026")
    {
        using var response = await Http.PostAsync("/apis/gateway.tkestack.io/v1/tokens",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user, ["password"] = password }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return CookieOf(response)!;
    }

    public static string? CookieOf(HttpResponseMessage response)
    {
        var set = response.Headers.TryGetValues("Set-Cookie", out var v) ? v.Single() : null;
        return set is null ? null : set["tke=".Length..set.IndexOf(';')];
    }

    /// <summary>The cookie value a gateway would accept for this token JSON (std base64).</summary>
    public static string CookieFor(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    public static string Csrf(string cookie) => Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(cookie))).ToLowerInvariant();

    public HttpRequestMessage Request(HttpMethod method, string path, string? cookie, bool csrf = true)
    {
        var r = new HttpRequestMessage(method, path);
        if (cookie != null)
        {
            r.Headers.Add("Cookie", "tke=" + cookie);
            if (csrf) r.Headers.Add("X-CSRF-TOKEN", Csrf(cookie));
        }
        return r;
    }

    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response, string Text)> SendAsync(HttpRequestMessage request)
    {
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && (text[0] == '{' || text[0] == '[') ? JsonNode.Parse(text) : null;
        return ((int)response.StatusCode, body, response, text);
    }

    public Task<(int Status, JsonNode? Body, HttpResponseMessage Response, string Text)> GetAsync(string path, string? cookie, bool csrf = true) =>
        SendAsync(Request(HttpMethod.Get, path, cookie, csrf));
}

public sealed class OpenSourceGateway19Fixture() : OpenSourceGatewayFixture("1.9");

public sealed class OpenSourceGateway18Fixture() : OpenSourceGatewayFixture("1.8");

public sealed class OpenSourceGateway14Fixture() : OpenSourceGatewayFixture("1.4");

/// <summary>The open-source gateway of v1.9.2 (CSRF checked): paths, the cookie login, the passthrough
/// to the API servers, the gateway's token API, API keys from a password, and the request log.</summary>
public sealed class GatewayRouteTests(OpenSourceGateway19Fixture gw) : IClassFixture<OpenSourceGateway19Fixture>
{
    private const string Clusters = "/apis/platform.tkestack.io/v1/clusters";
    private const string Portal = "/apis/business.tkestack.io/v1/portal";
    private const string Tokens = "/apis/gateway.tkestack.io/v1/tokens";
    private const string Password = "/apis/auth.tkestack.io/v1/apikeys/default/password";

    private static void AssertGatewayUnauthorized(int status, JsonNode? body, string message)
    {
        Assert.Equal(401, status);
        var s = body!["ErrStatus"]!;
        Assert.Equal(message, (string?)s["message"]);
        Assert.Equal("Unauthorized", (string?)s["reason"]);
        Assert.Equal("Failure", (string?)s["status"]);
        Assert.Equal(401, (int?)s["code"]);
        // A *StatusError marshalled as it is: no kind or apiVersion inside.
        Assert.Null(s["kind"]);
    }

    [Theory]
    [InlineData("/platform" + Clusters)]
    [InlineData("/business" + Portal)]
    [InlineData("/tkestack/cluster")]
    public async Task Paths_outside_the_API_prefixes_are_assets_that_redirect_to_the_login_without_a_cookie(string path)
    {
        var (status, _, response, text) = await gw.GetAsync(path, null);
        Assert.Equal(302, status);
        var host = new Uri(gw.Host.Url).Authority;
        var expected = "/oidc/auth?access_type=offline&client_id=default&redirect_uri=http%3A%2F%2F" + host.Replace(":", "%3A") +
                       "%2Fcallback&response_type=code&scope=openid+offline_access+profile+email+federated%3Aid+groups&state=" +
                       Uri.EscapeDataString(path);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("<a href=\"" + expected.Replace("&", "&amp;") + "\">Found</a>.\n\n", text);
    }

    [Fact]
    public async Task From_v1_9_1_the_root_redirects_with_state_tkestack_and_assets_are_gzipped_for_clients_that_accept_it()
    {
        var (status, _, response, _) = await gw.GetAsync("/", null);
        Assert.Equal(302, status);
        Assert.EndsWith("&state=%2Ftkestack", response.Headers.Location!.OriginalString);

        var request = gw.Request(HttpMethod.Get, "/tkestack", null);
        request.Headers.Add("Accept-Encoding", "gzip");
        using var gzipped = await gw.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Found, gzipped.StatusCode);
        Assert.Equal("gzip", gzipped.Content.Headers.ContentEncoding.Single());
        using var gz = new System.IO.Compression.GZipStream(await gzipped.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        Assert.StartsWith("<a href=\"/oidc/auth?", await new StreamReader(gz).ReadToEndAsync());
    }

    [Fact]
    public async Task With_a_cookie_the_assets_serve_the_console_page_for_root_and_tkestack_and_404_for_the_rest()
    {
        var cookie = await gw.LoginAsync();
        var root = await gw.GetAsync("/", cookie);
        Assert.Equal(200, root.Status);
        Assert.Contains("TKEStack console", root.Text);
        Assert.Equal(200, (await gw.GetAsync("/tkestack/project", cookie)).Status);
        var other = await gw.GetAsync("/platform" + Clusters, cookie);
        Assert.Equal(404, other.Status);
        Assert.Equal("404 page not found\n", other.Text);
        Assert.Equal("text/plain; charset=utf-8", other.Response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task An_API_path_without_the_cookie_answers_401_and_a_bearer_API_key_is_never_read()
    {
        var request = gw.Request(HttpMethod.Get, Clusters, null);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", gw.AdminKey);
        var (status, body, _, _) = await gw.SendAsync(request);
        AssertGatewayUnauthorized(status, body, "http: named cookie not present");
    }

    [Fact]
    public async Task Login_sets_the_tke_cookie_whose_ID_token_carries_the_OIDC_claims_and_lets_API_calls_through()
    {
        using var response = await gw.Http.PostAsync(Tokens + "/",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "alice", ["password"] = "Alice@2026" }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Success", (string?)body["status"]);
        Assert.Equal(201, (int?)body["code"]);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single();
        Assert.Matches(@"^tke=[A-Za-z0-9+/=]+; Path=/; Max-Age=86[34]\d\d$", setCookie);

        var cookie = OpenSourceGatewayFixture.CookieOf(response)!;
        var token = JsonNode.Parse(Convert.FromBase64String(cookie))!;
        Assert.NotEqual("", (string?)token["r"]);
        Assert.True(DateTimeOffset.Parse((string)token["e"]!) > DateTimeOffset.UtcNow.AddHours(23));
        var payload = ((string)token["i"]!).Split('.')[1].Replace('-', '+').Replace('_', '/');
        var claims = JsonNode.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=')))!;
        Assert.Equal("alice", (string?)claims["name"]);
        Assert.Equal("default", (string?)claims["aud"]);
        Assert.Equal("default", (string?)claims["federated_claims"]!["connector_id"]);
        Assert.Equal("alice", (string?)claims["federated_claims"]!["user_id"]);

        // The business API takes the console's ID token (from v1.9.1 the portal answers administrator
        // to anyone of tenant default; GatewayRoute18Tests sees alice as a member).
        var (status, portal, _, _) = await gw.GetAsync(Portal, cookie);
        Assert.Equal(200, status);
        Assert.Equal("Portal", (string?)portal!["kind"]);
    }

    [Theory]
    [InlineData("", "x", "username or password is empty")]
    [InlineData("admin", "", "username or password is empty")]
    [InlineData("admin", "wrong", "oauth2: cannot fetch token: 401 Unauthorized\nResponse: {\"error\":\"access_denied\",\"error_description\":\"Invalid username or password\"}")]
    [InlineData("nobody", "Admin@2026", "oauth2: cannot fetch token: 401 Unauthorized\nResponse: {\"error\":\"access_denied\",\"error_description\":\"Invalid username or password\"}")]
    public async Task A_login_without_or_with_wrong_credentials_answers_401(string user, string password, string message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Tokens)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user, ["password"] = password }),
        };
        var (status, body, response, _) = await gw.SendAsync(request);
        AssertGatewayUnauthorized(status, body, message);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task From_v1_9_1_the_CSRF_header_must_be_the_md5_of_the_cookie()
    {
        var cookie = await gw.LoginAsync();
        var (status, body, _, _) = await gw.GetAsync(Clusters, cookie, csrf: false);
        AssertGatewayUnauthorized(status, body, "invalid CSRF token");
        var wrong = gw.Request(HttpMethod.Get, Clusters, cookie, csrf: false);
        wrong.Headers.Add("X-CSRF-TOKEN", OpenSourceGatewayFixture.Csrf(cookie + "x"));
        (status, body, _, _) = await gw.SendAsync(wrong);
        AssertGatewayUnauthorized(status, body, "invalid CSRF token");
        Assert.Equal(200, (await gw.GetAsync(Clusters, cookie)).Status);
    }

    [Theory]
    [InlineData("abc!", "illegal base64 data at input byte 3")]
    [InlineData("abcde", "illegal base64 data at input byte 4")]
    [InlineData("ab=c", "illegal base64 data at input byte 2")]
    public async Task A_cookie_that_is_not_base64_answers_401_with_Gos_error(string cookie, string message)
    {
        var (status, body, _, _) = await gw.GetAsync(Clusters, cookie);
        AssertGatewayUnauthorized(status, body, message);
    }

    [Fact]
    public async Task A_cookie_that_is_not_JSON_answers_401()
    {
        var (status, body, _, _) = await gw.GetAsync(Clusters, OpenSourceGatewayFixture.CookieFor("not json"));
        Assert.Equal(401, status);
        Assert.Equal("Unauthorized", (string?)body!["ErrStatus"]!["reason"]);
    }

    [Theory]
    [InlineData("{\"i\":\"\",\"r\":\"\",\"e\":\"2999-01-01T00:00:00Z\"}")]
    [InlineData("{\"i\":\"x\",\"r\":\"\",\"e\":\"2000-01-01T00:00:00Z\"}")]
    [InlineData("{\"i\":\"x\",\"r\":\"\"}")]
    public async Task A_cookie_without_an_ID_token_or_past_its_expiry_answers_401_invalid_token(string json)
    {
        var (status, body, _, _) = await gw.GetAsync(Clusters, OpenSourceGatewayFixture.CookieFor(json));
        AssertGatewayUnauthorized(status, body, "invalid token");
    }

    [Fact]
    public async Task An_API_key_in_the_cookie_works_on_the_platform_but_the_business_API_refuses_it()
    {
        var cookie = OpenSourceGatewayFixture.CookieFor($"{{\"i\":\"{gw.AdminKey}\",\"r\":\"\",\"e\":\"2999-01-01T00:00:00Z\"}}");
        Assert.Equal(200, (await gw.GetAsync(Clusters, cookie)).Status);

        var (status, body, _, text) = await gw.GetAsync(Portal, cookie);
        Assert.Equal(401, status);
        // The API server's own 401, not the gateway's wrapped one.
        Assert.Equal("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}", text);

        (status, body, _, _) = await gw.GetAsync(Tokens + "/info", cookie);
        AssertGatewayUnauthorized(status, body, "invalid token");
    }

    [Fact]
    public async Task Info_answers_the_login_users_name_and_tenant()
    {
        var cookie = await gw.LoginAsync();
        var (status, body, _, _) = await gw.GetAsync(Tokens + "/info", cookie);
        Assert.Equal(200, status);
        Assert.Equal("admin", (string?)body!["name"]);
        Assert.Equal("", (string?)body["uid"]);
        Assert.Empty(body["groups"]!.AsArray());
        Assert.Equal("default", (string?)body["extra"]!["tenantid"]![0]);
    }

    [Fact]
    public async Task Renew_gives_a_new_cookie_and_the_old_refresh_token_is_spent()
    {
        var cookie = await gw.LoginAsync();
        var (status, _, response, _) = await gw.SendAsync(gw.Request(HttpMethod.Post, Tokens + "/renew", cookie));
        Assert.Equal(201, status);
        var renewed = OpenSourceGatewayFixture.CookieOf(response)!;
        var before = JsonNode.Parse(Convert.FromBase64String(cookie))!;
        var after = JsonNode.Parse(Convert.FromBase64String(renewed))!;
        Assert.NotEqual((string?)before["i"], (string?)after["i"]);
        Assert.NotEqual((string?)before["r"], (string?)after["r"]);
        Assert.Equal(200, (await gw.GetAsync(Clusters, renewed)).Status);

        (status, _, _, _) = await gw.SendAsync(gw.Request(HttpMethod.Post, Tokens + "/renew", cookie));
        Assert.Equal(500, status);
    }

    [Fact]
    public async Task A_login_without_a_refresh_token_renews_with_204_and_an_expired_one_cannot_renew()
    {
        try
        {
            await SetLogin(3600, refresh: false);
            var cookie = await gw.LoginAsync();
            Assert.Equal("", (string?)JsonNode.Parse(Convert.FromBase64String(cookie))!["r"]);
            var (status, _, response, text) = await gw.SendAsync(gw.Request(HttpMethod.Post, Tokens + "/renew", cookie));
            Assert.Equal(204, status);
            Assert.Equal("", text);
            Assert.False(response.Headers.Contains("Set-Cookie"));

            await SetLogin(-60, refresh: true);
            var expired = await gw.LoginAsync();
            JsonNode? body;
            (status, body, _, _) = await gw.SendAsync(gw.Request(HttpMethod.Post, Tokens + "/renew", expired));
            AssertGatewayUnauthorized(status, body, "invalid token");
            (status, body, _, _) = await gw.GetAsync(Clusters, expired);
            AssertGatewayUnauthorized(status, body, "invalid token");
        }
        finally
        {
            await SetLogin(86400, refresh: true);
        }
    }

    private async Task SetLogin(double seconds, bool refresh)
    {
        using var r = await gw.Http.PostAsync("/_sim/login", new StringContent($"{{\"lifetimeSeconds\":{seconds},\"refresh\":{(refresh ? "true" : "false")}}}", Encoding.UTF8, "application/json"));
        r.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Logout_deletes_the_cookie_and_redirects_to_the_console()
    {
        var (status, _, response, _) = await gw.GetAsync("/apis/gateway.tkestack.io/v1/logout", null);
        Assert.Equal(302, status);
        Assert.Equal("/tkestack", response.Headers.Location!.OriginalString);
        Assert.Equal("tke=; Path=/; Max-Age=0", response.Headers.GetValues("Set-Cookie").Single());
    }

    private static string PasswordBody(string user, string password, string? expire = "168h") =>
        new JsonObject
        {
            ["apiVersion"] = "auth.tkestack.io/v1", ["kind"] = "APIKeyReqPassword", ["tenantID"] = "default", ["username"] = user,
            ["password"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), ["description"] = "ci", ["expire"] = expire,
        }.ToJsonString();

    private Task<(int Status, JsonNode? Body, HttpResponseMessage Response, string Text)> PostPassword(string path, string body, string? cookie = null)
    {
        var r = gw.Request(HttpMethod.Post, path, cookie);
        r.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return gw.SendAsync(r);
    }

    [Fact]
    public async Task An_API_key_made_from_a_password_without_a_cookie_is_an_APIKey_that_then_works()
    {
        var (status, body, _, _) = await PostPassword(Password + "/", PasswordBody("alice", "Alice@2026", expire: null));
        Assert.Equal(201, status);
        Assert.Equal("APIKey", (string?)body!["kind"]);
        Assert.Equal("auth.tkestack.io/v1", (string?)body["apiVersion"]);
        Assert.StartsWith("apk", (string?)body["metadata"]!["name"]);
        var spec = body["spec"]!;
        Assert.Equal("alice", (string?)spec["username"]);
        Assert.Equal("default", (string?)spec["tenantID"]);
        Assert.Equal("ci", (string?)spec["description"]);
        // No expire: 168h (validation.go defaultAPIKeyTimeout).
        Assert.Equal(TimeSpan.FromHours(168), DateTimeOffset.Parse((string)spec["expire_at"]!) - DateTimeOffset.Parse((string)spec["issue_at"]!));
        Assert.False((bool)body["status"]!["disabled"]!);
        var key = (string)spec["apiKey"]!;
        Assert.Equal(3, key.Split('.').Length);

        // The key is an API key like any other: through the gateway in the cookie, and as a Bearer at the platform.
        var cookie = OpenSourceGatewayFixture.CookieFor($"{{\"i\":\"{key}\",\"r\":\"\",\"e\":\"2999-01-01T00:00:00Z\"}}");
        var (listed, list, _, _) = await gw.GetAsync(Clusters, cookie);
        Assert.Equal(200, listed);
        Assert.Equal("ClusterList", (string?)list!["kind"]);
        Assert.Contains(gw.Host.State.Keys.All, k => k.Token == key && k.User == "alice" && !k.Administrator);
    }

    [Fact]
    public async Task The_password_path_without_the_trailing_slash_is_protected()
    {
        var (status, body, _, _) = await PostPassword(Password, PasswordBody("admin", "Admin@2026"));
        AssertGatewayUnauthorized(status, body, "http: named cookie not present");
        var cookie = await gw.LoginAsync();
        (status, body, _, _) = await PostPassword(Password, PasswordBody("admin", "Admin@2026"), cookie);
        Assert.Equal(201, status);
        Assert.Contains(gw.Host.State.Keys.All, k => k.Token == (string?)body!["spec"]!["apiKey"] && k.Administrator);
    }

    [Fact]
    public async Task A_wrong_password_answers_400_that_echoes_the_base64_password_sent()
    {
        var sent = Convert.ToBase64String(Encoding.UTF8.GetBytes("nope"));
        var (status, body, _, _) = await PostPassword(Password + "/", PasswordBody("alice", "nope"));
        Assert.Equal(400, status);
        Assert.Equal("Status", (string?)body!["kind"]);
        Assert.Equal("BadRequest", (string?)body["reason"]);
        Assert.Equal($".password: Invalid value: \"{sent}\": crypto/bcrypt: hashedPassword is not the hash of the given password", (string?)body["message"]);
    }

    [Fact]
    public async Task An_unknown_user_and_a_bad_expire_aggregate_into_one_400()
    {
        var (status, body, _, _) = await PostPassword(Password + "/", PasswordBody("bob", "x", expire: "500ms"));
        Assert.Equal(400, status);
        Assert.Equal("[.expire: Invalid value: 500ms: expire 500ms must not shorter than 1s or longer than 876000h0m0s, " +
                     ".username: Invalid value: \"bob\": localIdentity.auth.tkestack.io \"bob\" not found]", (string?)body!["message"]);
    }

    [Fact]
    public async Task The_request_log_keeps_no_cookie_CSRF_token_or_password()
    {
        using (await gw.Http.DeleteAsync("/_sim/requests")) { }
        var cookie = await gw.LoginAsync();
        await gw.GetAsync(Clusters, cookie);
        await PostPassword(Password + "/", PasswordBody("alice", "Alice@2026"));
        var log = JsonNode.Parse(await gw.Http.GetStringAsync("/_sim/requests"))!.AsArray();
        var text = log.ToJsonString();
        Assert.DoesNotContain("Admin@2026", text);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("Alice@2026")), text);
        Assert.DoesNotContain(cookie, text);
        Assert.DoesNotContain(OpenSourceGatewayFixture.Csrf(cookie), text);
        Assert.Equal("username=admin&password=(redacted)", (string?)log[0]!["body"]);
        var api = log.Single(r => (string?)r!["path"] == Clusters)!;
        Assert.Equal("(redacted)", (string?)api["headers"]!["Cookie"]);
        Assert.Equal("(redacted)", (string?)api["headers"]!["X-CSRF-TOKEN"]);
        Assert.True((bool)api["authorized"]!);
        Assert.Equal("admin", (string?)api["user"]);
    }

    [Fact]
    public async Task Info_and_users_tell_the_gateway_its_ports_and_the_users_with_passwords()
    {
        var info = JsonNode.Parse(await gw.Http.GetStringAsync("/_sim/info"))!;
        Assert.Equal("open-source", (string?)info["gateway"]);
        Assert.Equal(31180, (int?)info["gatewayPorts"]!["http"]);
        Assert.Equal(31443, (int?)info["gatewayPorts"]!["https"]);
        var users = JsonNode.Parse(await gw.Http.GetStringAsync("/_sim/users"))!.AsArray();
        Assert.Contains(users, u => (string?)u!["name"] == "admin" && (string?)u["password"] == "Admin@2026" && (bool)u["administrator"]!);
        Assert.Contains(users, u => (string?)u!["name"] == "alice" && (string?)u["password"] == "Alice@2026" && !(bool)u["administrator"]!);
    }
}

/// <summary>The open-source gateway before v1.9.1 (modelled by 1.8, v1.8.0): no CSRF check, hostNetwork ports.</summary>
public sealed class GatewayRoute18Tests(OpenSourceGateway18Fixture gw) : IClassFixture<OpenSourceGateway18Fixture>
{
    [Fact]
    public async Task Before_v1_9_1_the_cookie_alone_lets_API_calls_through()
    {
        var cookie = await gw.LoginAsync();
        var (status, body, _, _) = await gw.GetAsync("/apis/platform.tkestack.io/v1/clusters", cookie, csrf: false);
        Assert.Equal(200, status);
        Assert.Equal("ClusterList", (string?)body!["kind"]);
        Assert.Equal(200, (await gw.GetAsync("/apis/gateway.tkestack.io/v1/tokens/info", cookie, csrf: false)).Status);
    }

    [Fact]
    public async Task A_members_login_reaches_the_business_API_as_that_member()
    {
        var cookie = await gw.LoginAsync("alice", "Alice@2026");
        var (status, portal, _, _) = await gw.GetAsync("/apis/business.tkestack.io/v1/portal", cookie, csrf: false);
        Assert.Equal(200, status);
        Assert.False((bool)portal!["administrator"]!);
        Assert.NotEmpty(portal["projects"]!.AsObject());
        var admin = await gw.LoginAsync();
        (status, portal, _, _) = await gw.GetAsync("/apis/business.tkestack.io/v1/portal", admin, csrf: false);
        Assert.True((bool)portal!["administrator"]!);
    }

    [Fact]
    public async Task Before_v1_9_1_logout_answers_200_with_an_empty_object_and_the_root_keeps_its_state()
    {
        var (status, body, response, _) = await gw.GetAsync("/apis/gateway.tkestack.io/v1/logout", null);
        Assert.Equal(200, status);
        Assert.Empty(body!.AsObject());
        Assert.Equal("tke=; Path=/; Max-Age=0", response.Headers.GetValues("Set-Cookie").Single());
        (status, _, response, _) = await gw.GetAsync("/", null);
        Assert.Equal(302, status);
        Assert.EndsWith("&state=%2F", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Info_tells_the_hostNetwork_ports()
    {
        var info = JsonNode.Parse(await gw.Http.GetStringAsync("/_sim/info"))!;
        Assert.Equal(80, (int?)info["gatewayPorts"]!["http"]);
        Assert.Equal(443, (int?)info["gatewayPorts"]!["https"]);
    }
}

/// <summary>The open-source gateway of v1.4.0 (and v1.6.0): assets without gzip, which came with v1.8.0.</summary>
public sealed class GatewayRoute14Tests(OpenSourceGateway14Fixture gw) : IClassFixture<OpenSourceGateway14Fixture>
{
    [Fact]
    public async Task Assets_are_never_gzipped_and_the_login_works_as_later()
    {
        var request = gw.Request(HttpMethod.Get, "/tkestack", null);
        request.Headers.Add("Accept-Encoding", "gzip");
        var (status, _, response, text) = await gw.SendAsync(request);
        Assert.Equal(302, status);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.StartsWith("<a href=\"/oidc/auth?", text);
        var cookie = await gw.LoginAsync("alice", "Alice@2026");
        Assert.Equal(200, (await gw.GetAsync("/apis/platform.tkestack.io/v1/clusters", cookie, csrf: false)).Status);
    }
}

/// <summary>The console gateway stays the default, and --gateway takes only what it models.</summary>
public sealed class GatewayOptionTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task The_console_simulator_tells_its_gateway_and_keeps_its_prefixes()
    {
        var info = JsonNode.Parse(await sim.Http.GetStringAsync("/_sim/info"))!;
        Assert.Equal("console", (string?)info["gateway"]);
        Assert.Null(info["gatewayPorts"]);
        Assert.Equal(200, (await sim.GetAsync("/platform/apis/platform.tkestack.io/v1/clusters")).Status);
        // No gateway login in console mode: an /apis path is not served there (Gateway.Fallback's redirect).
        var login = sim.Request(HttpMethod.Post, "/apis/gateway.tkestack.io/v1/tokens");
        login.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = "Admin@2026" });
        using var response = await sim.Http.SendAsync(login);
        Assert.NotEqual(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public void The_gateway_option_defaults_to_the_console_and_refuses_what_it_does_not_model()
    {
        Assert.Equal("console", SimulatorOptions.Parse(Array.Empty<string>()).Gateway);
        Assert.True(SimulatorOptions.Parse(new[] { "--gateway", "open-source" }).IsOpenSource);
        var e = Assert.Throws<ArgumentException>(() => SimulatorOptions.Parse(new[] { "--gateway", "commercial" }));
        Assert.Contains("console or open-source", e.Message);
        Assert.Contains("--gateway", SimulatorOptions.Usage);
    }
}
