using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>The open-source gateway's own API, unprotected (no cookie needed to reach it):
/// tkestack/tke <c>pkg/gateway/api/token.go</c> (login with a password, renew, info) and
/// <c>pkg/gateway/api/logout.go</c>, go-restful web services under
/// <c>/apis/gateway.tkestack.io/v1</c>. go-restful matches a route with or without a trailing slash;
/// a path under a web service that no route takes answers its 404, a known path with another method
/// its 405 (emicklei/go-restful container.go dispatch).</summary>
internal static class GatewayApi
{
    private const string Tokens = "/apis/gateway.tkestack.io/v1/tokens";
    private const string Logout = "/apis/gateway.tkestack.io/v1/logout";

    /// <summary>The paths the gateway's go-restful container takes (a web service's root, or under it).</summary>
    public static bool Owns(string path) =>
        path == Tokens || path.StartsWith(Tokens + "/", StringComparison.Ordinal) ||
        path == Logout || path.StartsWith(Logout + "/", StringComparison.Ordinal);

    public static async Task Handle(HttpContext context, SimulatorState state, string path)
    {
        var route = path.TrimEnd('/');
        var method = context.Request.Method;
        switch (route)
        {
            case Tokens when HttpMethods.IsPost(method):
                await Login(context, state);
                return;
            case Tokens + "/renew" when HttpMethods.IsPost(method):
                await Renew(context, state);
                return;
            case Tokens + "/info" when HttpMethods.IsGet(method):
                await Info(context, state);
                return;
            case Tokens + "/redirect" when HttpMethods.IsGet(method):
                // token.go handleTokenRedirectFunc: delete the cookie, then the login redirect.
                OpenSourceGateway.DeleteCookie(context.Response);
                await OpenSourceGateway.RedirectLogin(context);
                return;
            case Logout when HttpMethods.IsGet(method):
                // logout.go handleLogoutFunc: delete the cookie, then from v1.9.1 (commit 89783587) 302 to
                // return_to or /tkestack; v1.9.0 and older answer 200 with an empty object (Empty{}).
                OpenSourceGateway.DeleteCookie(context.Response);
                if (!state.World.Release.AtLeast(9, 1))
                {
                    await OpenSourceGateway.WriteRawJson(context, 200, new JsonObject());
                    return;
                }
                var returnTo = context.Request.Query["return_to"].FirstOrDefault();
                await OpenSourceGateway.Redirect(context, string.IsNullOrEmpty(returnTo) ? "/tkestack" : returnTo);
                return;
            case Tokens or Tokens + "/renew" or Tokens + "/info" or Tokens + "/redirect" or Logout:
                context.Response.StatusCode = 405;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("405: Method Not Allowed");
                return;
            default:
                context.Response.StatusCode = 404;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("404: Page Not Found");
                return;
        }
    }

    /// <summary>token.go handleTokenGenerateFunc: form username and password (PostFormValue), the
    /// password grant at tke-auth's dex (its password connector is the tenant
    /// <c>auth.init_tenant_id</c>, "default": cmd/tke-auth-api/app/options/auth.go PasswordGrantConnID),
    /// then the cookie and 201 Success.</summary>
    private static async Task Login(HttpContext context, SimulatorState state)
    {
        string username = "", password = "";
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync();
            username = form["username"].FirstOrDefault() ?? "";
            password = form["password"].FirstOrDefault() ?? "";
        }
        if (username.Length == 0 || password.Length == 0)
        {
            await OpenSourceGateway.Unauthorized(context, "username or password is empty");
            return;
        }
        var user = state.FindUser("default", username);
        if (user is null || user.Password != password)
        {
            // oauth2 PasswordCredentialsToken's RetrieveError (golang.org/x/oauth2 internal/token.go:
            // "oauth2: cannot fetch token: <status>\nResponse: <body>") around dex's answer to a wrong
            // password (dexidp/dex server/handlers.go handlePasswordGrant: access_denied, 401).
            await OpenSourceGateway.Unauthorized(context,
                "oauth2: cannot fetch token: 401 Unauthorized\nResponse: {\"error\":\"access_denied\",\"error_description\":\"Invalid username or password\"}");
            return;
        }
        await IssueCookie(context, state, user);
    }

    private static async Task IssueCookie(HttpContext context, SimulatorState state, SeedUser user)
    {
        var (idToken, refresh, expiry) = state.Logins.Issue(user, Issuer(context));
        OpenSourceGateway.SetCookie(context.Response, idToken, refresh, expiry);
        await OpenSourceGateway.WriteRawJson(context, 201, Success(201));
    }

    /// <summary>token.go handleTokenRenewFunc: RetrieveToken, else 401; no refresh token, 204; else a
    /// new token from dex's refresh grant and a new cookie, 201. A refresh token dex does not know (or
    /// already spent) is oauth2's error through errors.NewInternalError, 500.</summary>
    private static async Task Renew(HttpContext context, SimulatorState state)
    {
        var (token, error) = OpenSourceGateway.RetrieveToken(context.Request, state.World.Release);
        if (token is null)
        {
            await OpenSourceGateway.Unauthorized(context, error!);
            return;
        }
        if (token.Refresh.Length == 0)
        {
            await OpenSourceGateway.WriteRawJson(context, 204, Success(204));
            return;
        }
        var user = state.Logins.Redeem(token.Refresh);
        if (user is null)
        {
            await OpenSourceGateway.InternalError(context,
                "oauth2: cannot fetch token: 400 Bad Request\nResponse: {\"error\":\"invalid_request\",\"error_description\":\"Refresh token is invalid or has already been claimed by another client.\"}");
            return;
        }
        await IssueCookie(context, state, user);
    }

    /// <summary>token.go handleTokenInfo: RetrieveToken, else 401; the gateway's OIDC authenticator
    /// (pkg/apiserver/authentication/authenticator/oidc/oidc.go) reads the ID token: name from the
    /// "name" claim, no uid, no groups claim in the token, extra tenantid from federated_claims.
    /// Anything that is not its ID token (an API key) is not authenticated: 401 "invalid token".</summary>
    private static async Task Info(HttpContext context, SimulatorState state)
    {
        var (token, error) = OpenSourceGateway.RetrieveToken(context.Request, state.World.Release);
        if (token is null)
        {
            await OpenSourceGateway.Unauthorized(context, error!);
            return;
        }
        var login = state.Logins.Authenticate(token.Id);
        if (login is null)
        {
            await OpenSourceGateway.Unauthorized(context, "invalid token");
            return;
        }
        await OpenSourceGateway.WriteRawJson(context, 200, new JsonObject
        {
            ["name"] = login.User,
            ["uid"] = "",
            ["groups"] = new JsonArray(),
            ["extra"] = new JsonObject { ["tenantid"] = new JsonArray(login.Tenant) },
        });
    }

    /// <summary>metav1.Status{Status: Success, Code: code} as WriteRawJSON marshals it.</summary>
    private static JsonObject Success(int code) => new() { ["metadata"] = new JsonObject(), ["status"] = "Success", ["code"] = code };

    /// <summary>The ID token's issuer: tke-auth's dex at this host's /oidc (the installer's external issuer).</summary>
    private static string Issuer(HttpContext context) =>
        (context.Request.IsHttps ? "https" : "http") + "://" + context.Request.Host + "/oidc";
}
