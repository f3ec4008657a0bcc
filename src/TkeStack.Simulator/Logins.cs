using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>A local identity with a password (tkestack/tke <c>api/auth/v1/types.go</c> LocalIdentity,
/// whose hashed password tke-auth checks): who may log in at the open-source gateway or make an API
/// key from a password.</summary>
internal sealed class SeedUser
{
    public string Name { get; set; } = "";
    public string Password { get; set; } = "";
    public string Tenant { get; set; } = "default";

    /// <summary>A platform administrator: their logins and keys answer as the administrator's key does.</summary>
    public bool Administrator { get; set; }
}

/// <summary>The console logins of the open-source gateway: the ID tokens and refresh tokens that
/// tke-auth's dex issues for the password grant (tkestack/tke <c>pkg/gateway/api/token.go</c>
/// handleTokenGenerateFunc, oauth2 PasswordCredentialsToken), and what a backend API server's OIDC
/// authenticator makes of an ID token (<c>pkg/apiserver/authentication/authenticator/oidc/oidc.go</c>).</summary>
internal sealed class Logins(ApiKeys keys)
{
    private readonly ConcurrentDictionary<string, ApiKey> _byIdToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SeedUser> _byRefresh = new(StringComparer.Ordinal);

    /// <summary>The ID token lifetime: dex's IDTokensValidFor, which tke-auth-api sets from
    /// <c>auth.id_token_timeout</c>, 24h by default (tkestack/tke
    /// <c>cmd/tke-auth-api/app/options/auth.go</c> IDTokenTimeout, <c>cmd/tke-auth-api/app/config/config.go</c>
    /// setupDexConfig; the same at v1.4.0 and v1.9.2). <c>POST /_sim/login</c> changes it for tests.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Whether logins and renewals carry a refresh token (dex gives one for the
    /// offline_access scope the gateway asks for, <c>cmd/tke-gateway/app/config/config.go</c> Scopes);
    /// without one, renew answers 204 and the login cannot be renewed.</summary>
    public bool Refresh { get; set; } = true;

    /// <summary>A new ID token (and refresh token) for the user: a JWT signed with the simulator's key
    /// whose claims are what the API servers' <c>[authentication.oidc]</c> read (tkestack/tke
    /// <c>cmd/tke-installer/app/installer/manifests/tke-business-api/tke-business-api.yaml</c>:
    /// client_id "default", username_claim "name", tenantid_claim "federated_claims").</summary>
    public (string IdToken, string RefreshToken, DateTimeOffset Expiry) Issue(SeedUser user, string issuer)
    {
        var now = DateTimeOffset.UtcNow;
        var expiry = now + Lifetime;
        var payload = new JsonObject
        {
            ["iss"] = issuer,
            ["sub"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user.Tenant + "/" + user.Name)),
            ["aud"] = "default",
            ["exp"] = expiry.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["name"] = user.Name,
            ["federated_claims"] = new JsonObject { ["connector_id"] = user.Tenant, ["user_id"] = user.Name },
            // dex hashes the access token it issues with the ID token into at_hash (dexidp/dex
            // server/oauth2.go newIDToken): each token differs, even two in the same second.
            ["at_hash"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        };
        var idToken = keys.Sign(payload);
        _byIdToken[idToken] = new ApiKey
        {
            Id = "login-" + Guid.NewGuid().ToString("N")[..16], Token = idToken, User = user.Name, Tenant = user.Tenant,
            ExpiresAt = expiry, Administrator = user.Administrator, IdToken = true,
        };
        var refresh = "";
        if (Refresh)
        {
            refresh = Guid.NewGuid().ToString("N");
            _byRefresh[refresh] = user;
        }
        return (idToken, refresh, expiry);
    }

    /// <summary>The user of a refresh token; the token is spent (dex rotates refresh tokens).</summary>
    public SeedUser? Redeem(string refresh) => _byRefresh.TryRemove(refresh, out var user) ? user : null;

    /// <summary>The caller of an ID token, as the kube OIDC authenticator accepts it: one the simulator
    /// signed and not expired; null otherwise.</summary>
    public ApiKey? Authenticate(string idToken)
    {
        if (!_byIdToken.TryGetValue(idToken, out var login) || !keys.VerifySignature(idToken)) return null;
        return login.Valid(DateTimeOffset.UtcNow) ? login : null;
    }
}
