using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>One API key (访问凭证) the simulator knows: whose it is, until when, and whether it is disabled.</summary>
internal sealed class ApiKey
{
    public required string Id { get; init; }
    public required string Token { get; init; }
    public required string User { get; init; }
    public required string Tenant { get; init; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public bool Disabled { get; set; }

    /// <summary>A platform administrator: sees every project; the portal lists none for them.</summary>
    public bool Administrator { get; set; }

    /// <summary>A console login's ID token (open-source gateway), not an API key.</summary>
    public bool IdToken { get; init; }

    public bool Valid(DateTimeOffset now) => !Disabled && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>The API keys, issued as TKEStack issues them: RS256 JWTs whose payload carries
/// <c>iat</c>, <c>exp</c>, <c>jti</c>, <c>usr</c> and <c>ted</c> (tkestack/tke
/// <c>pkg/auth/util/sign.go</c>), signed with a key made at start. Whatever is wrong with a key, the
/// answer is only 401 "Unauthorized" (tkestack/tke <c>pkg/auth/authentication/authenticator/</c>).</summary>
internal sealed class ApiKeys
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, ApiKey> _byToken = new(StringComparer.Ordinal);

    public IEnumerable<ApiKey> All => _byToken.Values;

    /// <summary>Accepts a plain key as it is (the command line's <c>--token</c>).</summary>
    public ApiKey AddPlain(string token, string user = "admin", string tenant = "default", bool administrator = true)
    {
        var key = new ApiKey { Id = "plain-" + _byToken.Count, Token = token, User = user, Tenant = tenant, Administrator = administrator };
        _byToken[token] = key;
        return key;
    }

    /// <summary>Issues a signed JWT key.</summary>
    public ApiKey Issue(string user, string tenant, TimeSpan? lifetime, bool administrator, bool disabled = false)
    {
        var now = DateTimeOffset.UtcNow;
        var id = Guid.NewGuid().ToString("N")[..16];
        DateTimeOffset? exp = lifetime is null ? null : now + lifetime.Value;
        var payload = new JsonObject { ["iat"] = now.ToUnixTimeSeconds(), ["jti"] = id, ["usr"] = user, ["ted"] = tenant };
        // An expiry in the past is allowed: tests need expired keys.
        payload["exp"] = (exp ?? now.AddYears(10)).ToUnixTimeSeconds();
        var token = Sign(payload);
        var key = new ApiKey { Id = id, Token = token, User = user, Tenant = tenant, ExpiresAt = exp ?? now.AddYears(10), Disabled = disabled, Administrator = administrator };
        _byToken[token] = key;
        return key;
    }

    /// <summary>The key of an <c>Authorization: Bearer</c> header, if it is one the simulator issued
    /// (signature checked) and it is neither expired nor disabled.</summary>
    public ApiKey? Authenticate(string? authorization)
    {
        const string bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)) return null;
        var token = authorization[bearer.Length..].Trim();
        if (!_byToken.TryGetValue(token, out var key)) return null;
        if (!key.Id.StartsWith("plain-", StringComparison.Ordinal) && !VerifySignature(token)) return null;
        return key.Valid(DateTimeOffset.UtcNow) ? key : null;
    }

    public ApiKey? FindById(string id) => _byToken.Values.FirstOrDefault(k => k.Id == id);

    /// <summary>An RS256 JWT of the payload, signed with the simulator's key (API keys and ID tokens alike).</summary>
    public string Sign(JsonObject payload)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        var signingInput = B64(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + B64(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = _rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + B64(signature);
    }

    public bool VerifySignature(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return false;
        try
        {
            return _rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromB64(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string B64(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromB64(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
