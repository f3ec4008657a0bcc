using System;
using System.Text;
using System.Text.Json;

namespace TkeStack.Api
{
    /// <summary>What a TKEStack API key (访问凭证) says of itself. The key is an RS256 JWT whose
    /// payload carries <c>exp</c>, <c>usr</c> and <c>ted</c> (tkestack/tke
    /// <c>pkg/auth/util/sign.go</c>). The payload is read without checking the signature: only the
    /// server can judge the key, this is for showing its expiry and owner early.</summary>
    internal sealed class ApiKeyInfo
    {
        public DateTimeOffset? ExpiresAt { get; private set; }
        public DateTimeOffset? IssuedAt { get; private set; }
        public string? User { get; private set; }
        public string? Tenant { get; private set; }

        /// <summary>Reads the payload of a JWT; a key that is not a JWT gives an empty answer.</summary>
        public static ApiKeyInfo Parse(string key)
        {
            var info = new ApiKeyInfo();
            var parts = key.Split('.');
            if (parts.Length != 3) return info;
            try
            {
                using var doc = JsonDocument.Parse(Base64UrlDecode(parts[1]));
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return info;
                info.ExpiresAt = ReadTime(root, "exp");
                info.IssuedAt = ReadTime(root, "iat");
                info.User = ReadString(root, "usr");
                info.Tenant = ReadString(root, "ted");
                // A console login's ID token names its user and tenant as tke-*-api read them
                // ([authentication.oidc] username_claim "name", tenantid_claim "federated_claims").
                info.User ??= ReadString(root, "name");
                if (info.Tenant is null && root.TryGetProperty("federated_claims", out var federated) && federated.ValueKind == JsonValueKind.Object)
                {
                    info.Tenant = ReadString(federated, "connector_id");
                }
            }
            catch (Exception e) when (e is FormatException || e is JsonException || e is ArgumentException)
            {
                return new ApiKeyInfo();
            }
            return info;
        }

        /// <summary>What a console login's cookie says: the user and tenant of its ID token, and when the
        /// gateway stops taking it (the cookie's own expiry). <paramref name="user"/> stands in when
        /// the token does not name its user.</summary>
        public static ApiKeyInfo FromLogin(GatewayCookie.Content cookie, string? user)
        {
            var info = Parse(cookie.IdToken);
            info.User ??= user;
            info.ExpiresAt = cookie.Expires;
            return info;
        }

        private static DateTimeOffset? ReadTime(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var s)
                ? DateTimeOffset.FromUnixTimeSeconds(s)
                : (DateTimeOffset?)null;

        private static string? ReadString(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static byte[] Base64UrlDecode(string s)
        {
            var b = new StringBuilder(s.Replace('-', '+').Replace('_', '/'));
            while (b.Length % 4 != 0) b.Append('=');
            return Convert.FromBase64String(b.ToString());
        }
    }
}
