using System;
using System.Management.Automation;
using System.Net.Http;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Models;

namespace TkeStack.Api
{
    /// <summary>The open-source gateway's own calls: the console login, and an API key made from a
    /// password (tke-auth, through the gateway). Neither sends a credential: they make one.</summary>
    internal sealed class GatewayOperations : ResourceOperations
    {
        public GatewayOperations(TkeClient client, TkeSession? owner) : base(client, owner)
        {
        }

        /// <summary>Logs in as the console does (tkestack/tke <c>pkg/gateway/api/token.go</c>: a form with
        /// username and password, answered 201 with the <c>tke</c> cookie) and returns the cookie and
        /// what it says. The password is sent once and never kept; an answer that echoes it shows ***.</summary>
        public async Task<(SecureString Cookie, ApiKeyInfo Info)> LoginAsync(string user, SecureString password, IRequestLog log, CancellationToken cancel)
        {
            var plain = SecureText.ToPlain(password);
            var form = "username=" + Uri.EscapeDataString(user) + "&password=" + Uri.EscapeDataString(plain);
            var request = new ApiRequest(HttpMethod.Post, ApiRoutes.Tokens, ApiGroup.Gateway)
                .WithBody(Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded")
                .AsAnonymous().WantingCookie().Echoing(plain, Uri.EscapeDataString(plain));
            try
            {
                using var answer = await Client.SendAsync(request, log, cancel).ConfigureAwait(false);
                var content = answer.SetCookie is null ? null : GatewayCookie.Read(answer.SetCookie);
                if (content is null)
                {
                    throw new TkeApiException($"POST {ApiRoutes.Tokens} answered {answer.StatusCode} without the gateway's 'tke' cookie: this is not an open-source TKEStack's console login.",
                        "TkeNotApi", ErrorCategory.InvalidResult, answer.StatusCode, null,
                        "Check -Uri: give the address you open the TKEStack console at (http://<master>:80 up to v1.9.0, http://<node>:31180 from v1.9.1).");
                }
                return (SecureText.FromPlain(answer.SetCookie!), ApiKeyInfo.FromLogin(content.Value, user));
            }
            catch (TkeApiException e) when (e.StatusCode == 401)
            {
                throw e.Explained(
                    $"The console login refused the user name '{user}' or its password (POST {ApiRoutes.Tokens} answered 401: {e.Status?.Message ?? "Unauthorized"}).",
                    "Check the user name and password you sign in to the TKEStack console with; Get-Credential asks for both.",
                    "TkeLoginFailed", ErrorCategory.AuthenticationError);
            }
            catch (TkeApiException e) when (e.StatusCode == 404 || e.StatusCode == 405 || (e.StatusCode >= 300 && e.StatusCode < 400))
            {
                throw e.Explained(
                    $"There is no open-source TKEStack console login at this address (POST {ApiRoutes.Tokens} answered {e.StatusCode}): -Credential logs in to an open-source TKEStack's gateway.",
                    "The guide's console takes an API key: Connect-Tke -Token (Read-Host -AsSecureString). For an open-source TKEStack, give the address you open its console at.",
                    "TkeNoConsoleLogin", ErrorCategory.InvalidOperation);
            }
        }

        /// <summary>Makes an API key from a user name and password (tkestack/tke
        /// <c>pkg/auth/registry/apikey/storage/password.go</c>: <c>APIKeyReqPassword</c> with the password
        /// in base64; tke-auth answers the <c>APIKey</c>). tke-auth echoes a wrong password in its 400:
        /// shown as ***.</summary>
        public async Task<TkeApiKey> CreateFromPasswordAsync(Uri console, string tenant, string user, SecureString password, string description,
            TimeSpan expire, IRequestLog log, CancellationToken cancel)
        {
            var plain = SecureText.ToPlain(password);
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(plain));
            var body = new StringBuilder("{\"apiVersion\":\"auth.tkestack.io/v1\",\"kind\":\"APIKeyReqPassword\"")
                .Append(",\"tenantID\":").Append(JsonSerializer.Serialize(tenant))
                .Append(",\"username\":").Append(JsonSerializer.Serialize(user))
                .Append(",\"password\":").Append(JsonSerializer.Serialize(encoded))
                .Append(",\"description\":").Append(JsonSerializer.Serialize(description))
                // metav1.Duration reads Go's time.ParseDuration: whole seconds, such as 604800s.
                .Append(",\"expire\":\"").Append((long)expire.TotalSeconds).Append("s\"}").ToString();
            var request = new ApiRequest(HttpMethod.Post, ApiRoutes.ApiKeyFromPassword, ApiGroup.Gateway)
                .WithBody(Encoding.UTF8.GetBytes(body), "application/json")
                .AsAnonymous().Echoing(encoded, plain);
            ApiKeyResource made;
            Uri at;
            try
            {
                using var answer = await Client.SendAsync(request, log, cancel).ConfigureAwait(false);
                made = answer.One(TkeJsonContext.Default.ApiKeyResource, (r, _) => r);
                at = Client.BuildUri(request);
            }
            catch (TkeApiException e) when (e.StatusCode == 400)
            {
                throw e.Explained(
                    $"tke-auth refused to make the API key: {e.Status?.Message ?? "Bad Request"}",
                    "Check the user name, the password (as you sign in to the console with) and -TenantId; -Expire must be between a second and 100 years.",
                    "TkeApiKeyRefused", ErrorCategory.InvalidArgument);
            }
            catch (TkeApiException e) when (e.StatusCode == 404 || e.StatusCode == 405 || (e.StatusCode >= 300 && e.StatusCode < 400))
            {
                throw e.Explained(
                    $"There is no tke-auth password endpoint at this address (POST {ApiRoutes.ApiKeyFromPassword} answered {e.StatusCode}).",
                    "New-TkeApiKey talks to an open-source TKEStack's gateway (the console's address) or to tke-auth-api itself (https://<master>:31138); on the guide's console make keys under " + ErrorMapper.ApiKeyPage + ".",
                    "TkeNoConsoleLogin", ErrorCategory.InvalidOperation);
            }
            var key = made.Spec?.ApiKey;
            if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(made.Metadata?.Name))
            {
                throw ErrorMapper.Malformed("POST", at, "an APIKey with spec.apiKey and a name");
            }
            var spec = made.Spec!;
            return new TkeApiKey(made.Metadata!.Name!, SecureText.FromPlain(key!), spec.Username ?? user, spec.TenantId ?? tenant, spec.Description,
                spec.IssueAt?.LocalDateTime, spec.ExpireAt?.LocalDateTime ?? ApiKeyInfo.Parse(key!).ExpiresAt?.LocalDateTime, console);
        }
    }
}
