using System;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using TkeStack.Models;

namespace TkeStack.Api
{
    /// <summary>The one place that turns an HTTP answer that is not a success into a
    /// <see cref="TkeApiException"/>: Status parsing (plain and <c>{"ErrStatus":{...}}</c>), the
    /// category for each code, and the words for a key that was refused or a URI that is not the API.</summary>
    internal static class ErrorMapper
    {
        /// <summary>The console page where API keys are made, named as the console names it.</summary>
        internal const string ApiKeyPage = "平台管理 > 组织资源 > 访问凭证 (Platform Management > Organization Resources > Access Credentials)";

        public static ErrorCategory CategoryFor(int code, string? reason) => code switch
        {
            400 => ErrorCategory.InvalidArgument,
            401 => ErrorCategory.AuthenticationError,
            403 => ErrorCategory.PermissionDenied,
            404 => ErrorCategory.ObjectNotFound,
            405 => ErrorCategory.InvalidOperation,
            409 when reason == "AlreadyExists" => ErrorCategory.ResourceExists,
            409 => ErrorCategory.ResourceBusy,
            410 => ErrorCategory.ObjectNotFound,
            413 => ErrorCategory.LimitsExceeded,
            415 => ErrorCategory.InvalidType,
            422 => ErrorCategory.InvalidData,
            429 => ErrorCategory.LimitsExceeded,
            504 => ErrorCategory.OperationTimeout,
            >= 500 => ErrorCategory.ResourceUnavailable,
            _ => ErrorCategory.InvalidResult,
        };

        /// <summary>Reads a Kubernetes Status from an error body, in either of its two forms.</summary>
        public static KubeStatus? TryParseStatus(byte[] body)
        {
            if (body.Length == 0 || !LooksLikeJson(body)) return null;
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                if (root.TryGetProperty("ErrStatus", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object)
                    return wrapped.Deserialize(TkeJsonContext.Default.KubeStatus);
                if (root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "Status")
                    return root.Deserialize(TkeJsonContext.Default.KubeStatus);
            }
            catch (JsonException)
            {
            }
            return null;
        }

        /// <summary>The error for an HTTP answer that is not a success, to a caller of the guide's console
        /// with an API key.</summary>
        public static TkeApiException FromResponse(int code, string? contentType, byte[] body, string method, Uri uri,
            ApiKeyInfo key, string? location) => FromResponse(code, contentType, body, method, uri, Caller.WithKey(key), location);

        /// <summary>The error for an HTTP answer that is not a success, carrying what the answer said of an
        /// open-source gateway behind it (<see cref="TkeApiException.Gateway"/>).</summary>
        public static TkeApiException FromResponse(int code, string? contentType, byte[] body, string method, Uri uri,
            Caller caller, string? location)
        {
            var sign = GatewayAnswer.Of(code, contentType, body, location);
            var error = Map(code, contentType, body, method, uri, caller, location, sign);
            error.Gateway = sign;
            return error;
        }

        private static TkeApiException Map(int code, string? contentType, byte[] body, string method, Uri uri,
            Caller caller, string? location, GatewaySign sign)
        {
            var key = caller.KeyInfo;
            var console = uri.GetLeftPart(UriPartial.Authority);
            if (code >= 300 && code < 400)
            {
                // The Location is the server's text: shown without control characters.
                var where = location is null ? "(no Location)" : ConsoleText.SafeLine(location);
                var login = where.IndexOf("/oidc/auth", StringComparison.OrdinalIgnoreCase) >= 0 ? " (a login page)" : "";
                // Redirects are never followed (the key must not travel to wherever one points); a
                // console that moves plain HTTP to HTTPS gets a hint to connect with https instead.
                var upgrade = Uri.TryCreate(where, UriKind.Absolute, out var target) && target.Scheme == Uri.UriSchemeHttps &&
                              uri.Scheme == Uri.UriSchemeHttp && string.Equals(target.Host, uri.Host, StringComparison.OrdinalIgnoreCase);
                return new TkeApiException(
                    $"{method} {uri.AbsolutePath} answered {code} redirecting to {where}{login}: this URI or API prefix does not reach the TKEStack API. Redirects are not followed, so the API key was not sent there.",
                    "TkeNotApi", ErrorCategory.InvalidResult, code, null,
                    upgrade
                        ? $"The console wants HTTPS: Connect-Tke -Uri {target!.GetLeftPart(UriPartial.Authority)}."
                        : sign == GatewaySign.LoginRedirect
                            ? $"This is an open-source TKEStack gateway, whose APIs have no /platform or /business prefix: Connect-Tke -Uri {console} -Dialect OpenSource (found by itself when neither -Dialect nor a prefix is given)."
                            : "Check -Uri, -PlatformPrefix and -BusinessPrefix of Connect-Tke.");
            }

            var status = TryParseStatus(body);
            if (code == 500 && status is null && StartsWith(body, ServerPanic))
            {
                // k8s.io/apiserver WithPanicRecovery: the handler crashed; plain text, no Status.
                return new TkeApiException($"The API server failed on this request (it panicked): {method} {uri.AbsolutePath} answered 500 '{ServerPanic}'",
                    "TkeApiServerPanic", ErrorCategory.ResourceUnavailable, code, null, "Look in the TKEStack API server's logs, or ask its administrator.");
            }
            if (status is null && !LooksLikeJson(body))
            {
                return NotApi(code, contentType, body, method, uri);
            }

            var reason = status?.Reason;
            // The Status message is the server's text (often with a user's name in it): a terminal must
            // not take its ESC or BEL as commands.
            var message = string.IsNullOrEmpty(status?.Message) ? $"HTTP {code}" : ConsoleText.Safe(status!.Message!);
            string? action = null;
            if (code == 401 && Refusal(caller, sign, method, uri, console) is { } refusal)
            {
                return refusal;
            }
            if (code == 401)
            {
                var expired = key.ExpiresAt is { } exp && exp <= DateTimeOffset.UtcNow;
                message = expired
                    ? $"Unauthorized: the API key (访问凭证) expired at {key.ExpiresAt!.Value.LocalDateTime:yyyy-MM-dd HH:mm:ss}."
                    : "Unauthorized: the API key (访问凭证) was refused; it may have expired, been disabled or been deleted.";
                action = $"Create a new API key in the console under {ApiKeyPage}, then run Connect-Tke -Token (Read-Host -AsSecureString) again; sessions you hold go on with the new key.";
            }
            else if (code == 403)
            {
                action = "The API key's user lacks the permission; ask a platform administrator, or for a project (业务) ask to be made a member.";
            }
            else if (code == 429)
            {
                action = "The server is rate limiting; wait and try again.";
            }

            var id = "TkeApi" + (string.IsNullOrEmpty(reason) ? "Http" + code : reason);
            var worded = $"{message} ({method} {uri.AbsolutePath} answered {code}{(reason is null ? "" : " " + ConsoleText.SafeLine(reason))})";
            // A locked or unhealthy cluster has its own ids (ClusterFailure.cs).
            return ClusterFailure.Recognize(code, status, worded) ?? new TkeApiException(worded, id, CategoryFor(code, reason), code, status, action);
        }

        /// <summary>The 401s that say more than "the key was refused": a gateway that wants its cookie, a
        /// console login that lapsed, a business API that takes no API key. Null for a plain refusal.</summary>
        private static TkeApiException? Refusal(Caller caller, GatewaySign sign, string method, Uri uri, string console)
        {
            var key = caller.KeyInfo;
            var expired = key.ExpiresAt is { } exp && exp <= DateTimeOffset.UtcNow;
            var where = $"{method} {uri.AbsolutePath} answered 401";
            if (caller.Dialect == TkeDialect.Console && sign == GatewaySign.CookieMissing)
            {
                // tkestack/tke#1748: the gateway never reads an Authorization header.
                return new TkeApiException(
                    $"{where} 'http: named cookie not present': this is an open-source TKEStack gateway, which knows its caller only by its 'tke' cookie and never reads the Bearer API key.",
                    "TkeOpenSourceGateway", ErrorCategory.AuthenticationError, 401, null,
                    $"Connect-Tke -Uri {console} -Dialect OpenSource (found by itself when neither -Dialect nor a prefix is given).");
            }
            if (caller.Kind == TkeCredentialKind.ConsoleLogin)
            {
                return new TkeApiException(
                    expired
                        ? $"The console login expired at {key.ExpiresAt!.Value.LocalDateTime:yyyy-MM-dd HH:mm:ss} and could not be renewed ({where})."
                        : $"The console login was refused ({where}{(sign == GatewaySign.None ? "" : ": " + SignWords(sign))}).",
                    expired ? "TkeLoginExpired" : "TkeApiUnauthorized", ErrorCategory.AuthenticationError, 401, null,
                    $"Log in again: Connect-Tke -Uri {console} -Credential (Get-Credential); sessions you hold go on with the new login.");
            }
            if (caller.Dialect == TkeDialect.OpenSource && caller.Api == ApiGroup.Business && !expired && sign == GatewaySign.None)
            {
                // tke-business-api authenticates OIDC tokens, a token file and client certificates, but
                // has no webhook to tke-auth, so no API key (cmd/tke-installer/.../tke-business-api.yaml).
                return new TkeApiException(
                    $"The business API (业务) of an open-source TKEStack takes no API key: tke-business-api accepts console logins only, so {where}.",
                    "TkeBusinessNeedsLogin", ErrorCategory.AuthenticationError, 401, null,
                    $"Connect-Tke -Uri {console} -Credential (Get-Credential) logs in as the console does and reaches projects; the platform cmdlets work with the API key as they are.");
            }
            return null;
        }

        private static string SignWords(GatewaySign sign) => sign switch
        {
            GatewaySign.CookieMissing => "no cookie",
            GatewaySign.CsrfRefused => "its CSRF token was refused",
            GatewaySign.TokenLapsed => "its token is empty or lapsed",
            _ => sign.ToString(),
        };

        /// <summary>The error for an answer that is not JSON (an HTML page, for example).</summary>
        public static TkeApiException NotApi(int code, string? contentType, byte[] body, string method, Uri uri)
        {
            var first = FirstBytes(body);
            var message = body.Length == 0
                ? $"{method} {uri.AbsolutePath} answered {code} with an empty body where JSON was expected: this URI or API prefix does not reach the TKEStack API."
                : $"{method} {uri.AbsolutePath} answered {code} with {(contentType is null ? "no content type" : ConsoleText.SafeLine(contentType))} that is not the TKEStack API's JSON: this URI or API prefix does not reach the TKEStack API. It began: {first}";
            return new TkeApiException(message, "TkeNotApi", code >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.InvalidResult, code, null,
                "Check -Uri, -PlatformPrefix and -BusinessPrefix of Connect-Tke.");
        }

        /// <summary>The error for a JSON answer that is not what the call expects.</summary>
        public static TkeApiException Malformed(string method, Uri uri, string what, Exception? inner = null) =>
            new TkeApiException($"{method} {uri.AbsolutePath} answered JSON that is not {what}{(inner is null ? "" : ": " + inner.Message)}",
                "TkeApiMalformed", ErrorCategory.InvalidResult, null, null, null, inner);

        /// <summary>The error for an answer whose JSON could not be read into the object expected.</summary>
        public static TkeApiException WrongShape(JsonException e) =>
            new TkeApiException($"The server answered JSON of the wrong shape: {e.Message}",
                "TkeApiMalformed", ErrorCategory.InvalidResult, null, null,
                "Check -Uri and the API prefixes of Connect-Tke: something other than the TKEStack API may be answering.", e);

        /// <summary>The plain-text answer of k8s.io/apiserver's panic recovery (server/filters/wrap.go).</summary>
        internal const string ServerPanic = "This request caused apiserver to panic. Look in the logs for details.";

        private static bool StartsWith(byte[] body, string text)
        {
            var prefix = Encoding.UTF8.GetBytes(text);
            if (body.Length < prefix.Length) return false;
            for (var i = 0; i < prefix.Length; i++)
            {
                if (body[i] != prefix[i]) return false;
            }
            return true;
        }

        private static bool LooksLikeJson(byte[] body)
        {
            foreach (var b in body)
            {
                if (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == 0xEF || b == 0xBB || b == 0xBF) continue;
                return b == '{' || b == '[';
            }
            return false;
        }

        private static string FirstBytes(byte[] body)
        {
            var n = Math.Min(body.Length, 120);
            var text = ConsoleText.SafeLine(Encoding.UTF8.GetString(body, 0, n).Replace("\r", " ").Replace("\n", " ").Trim());
            return "'" + text + (body.Length > n ? "...'" : "'");
        }
    }
}
