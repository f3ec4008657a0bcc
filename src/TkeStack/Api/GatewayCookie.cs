using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TkeStack.Api
{
    /// <summary>The open-source gateway's cookie, as pure functions (tkestack/tke
    /// <c>pkg/gateway/token/token.go</c>): the cookie <c>tke</c> holds standard base64 of
    /// <c>{"i":&lt;id token&gt;,"r":&lt;refresh token&gt;,"e":&lt;expiry, RFC 3339&gt;}</c>; the gateway
    /// refuses one whose <c>i</c> is empty or whose <c>e</c> has passed, and from v1.9.1 wants the
    /// header <c>X-CSRF-TOKEN</c>, the lowercase hex MD5 of the cookie's raw value, on every path under
    /// <c>/api</c> (the console's <c>web/console/helpers/csrf.ts</c> makes it the same way).</summary>
    internal static class GatewayCookie
    {
        /// <summary>The cookie's name.</summary>
        public const string Name = "tke";

        /// <summary>The CSRF header's name.</summary>
        public const string CsrfHeader = "X-CSRF-TOKEN";

        /// <summary>What a cookie says: the token the gateway hands on as the bearer, the refresh token
        /// (empty when it cannot be renewed) and when the gateway stops taking it.</summary>
        internal readonly struct Content
        {
            public Content(string idToken, string refresh, DateTimeOffset expires)
            {
                IdToken = idToken;
                Refresh = refresh;
                Expires = expires;
            }

            public string IdToken { get; }
            public string Refresh { get; }
            public DateTimeOffset Expires { get; }
        }

        /// <summary>The cookie that carries an API key: the gateway hands <c>i</c> to tke-platform-api as
        /// the bearer, which takes API keys (passthrough handler). <c>e</c> is the key's own expiry, or a
        /// year from now for a key that does not say.</summary>
        public static string ForApiKey(string key, DateTimeOffset? expires) =>
            Make(key, "", expires ?? DateTimeOffset.UtcNow.AddYears(1));

        /// <summary>A cookie value from its parts (base64 of the JSON the gateway writes).</summary>
        public static string Make(string idToken, string refresh, DateTimeOffset expires)
        {
            var json = "{\"i\":" + JsonSerializer.Serialize(idToken) + ",\"r\":" + JsonSerializer.Serialize(refresh) +
                       ",\"e\":\"" + expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "\"}";
            return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        }

        /// <summary>Reads a cookie value; null when it is not the gateway's.</summary>
        public static Content? Read(string value)
        {
            try
            {
                using var doc = JsonDocument.Parse(Convert.FromBase64String(value));
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                var id = root.TryGetProperty("i", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() ?? "" : "";
                var refresh = root.TryGetProperty("r", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() ?? "" : "";
                if (!root.TryGetProperty("e", out var e) || e.ValueKind != JsonValueKind.String ||
                    !DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires))
                {
                    return null;
                }
                return id.Length == 0 ? (Content?)null : new Content(id, refresh, expires);
            }
            catch (Exception x) when (x is FormatException || x is JsonException)
            {
                return null;
            }
        }

        /// <summary>The CSRF header's value for a cookie value: lowercase hex MD5 of its raw text.</summary>
        public static string Csrf(string value)
        {
            using var md5 = MD5.Create();
            var hash = md5.ComputeHash(Encoding.UTF8.GetBytes(value));
            var b = new StringBuilder(32);
            foreach (var x in hash) b.Append(x.ToString("x2", CultureInfo.InvariantCulture));
            return b.ToString();
        }

        /// <summary>The value of the <c>tke</c> cookie among an answer's Set-Cookie headers; null when
        /// none sets it, "" when one deletes it.</summary>
        public static string? FromSetCookie(IEnumerable<string> headers)
        {
            foreach (var header in headers)
            {
                var semi = header.IndexOf(';');
                var pair = semi >= 0 ? header.Substring(0, semi) : header;
                var eq = pair.IndexOf('=');
                if (eq <= 0 || pair.Substring(0, eq).Trim() != Name) continue;
                var value = pair.Substring(eq + 1).Trim();
                // Go quotes a value only when it has a space or a comma, which base64 has not.
                if (value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"') value = value.Substring(1, value.Length - 2);
                return value;
            }
            return null;
        }
    }
}
