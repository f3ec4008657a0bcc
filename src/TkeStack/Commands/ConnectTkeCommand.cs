using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>Connect-Tke: checks an API key against a TKEStack console with one real call, makes
    /// the session the default of this runspace and outputs it.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Tke")]
    [OutputType(typeof(TkeSession))]
    public sealed class ConnectTkeCommand : TkeCmdletBase
    {
        /// <summary>The console's base URI; $env:TKE_URI when not given.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNull]
        public Uri? Uri { get; set; }

        /// <summary>The API key (访问凭证); $env:TKE_TOKEN when not given.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNull]
        public SecureString? Token { get; set; }

        /// <summary>The platform API prefix; /platform by default, empty to talk to tke-platform-api directly.</summary>
        [Parameter]
        [AllowEmptyString]
        [ValidateNotNull]
        public string PlatformPrefix { get; set; } = "/platform";

        /// <summary>The business API prefix; /business by default, empty to talk to tke-business-api directly.</summary>
        [Parameter]
        [AllowEmptyString]
        [ValidateNotNull]
        public string BusinessPrefix { get; set; } = "/business";

        /// <summary>Do not check the server's certificate (a self-signed console). Warns once.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Seconds one request may take; 100 by default.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>An explicit proxy; the system proxy is used otherwise.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>The credential for the proxy.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Send the current user's credentials to the proxy.</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>Use no proxy at all, not even the system's.</summary>
        [Parameter]
        public SwitchParameter NoProxy { get; set; }

        /// <summary>How often a call that is safe to repeat is retried after a transient failure; 4 by default.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaximumRetryCount { get; set; } = 4;

        /// <summary>The first wait between retries, in seconds (it doubles each time); 0.5 by default.</summary>
        [Parameter]
        [ValidateRange(0.0, 60.0)]
        public double RetryIntervalSec { get; set; } = 0.5;

        /// <summary>Items per page when listing (kubectl's 500 by default); 0 asks for whole lists, as the guide's curl does.</summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int PageSize { get; set; } = 500;

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var uri = Uri ?? FromEnvironment();
            if (!uri.IsAbsoluteUri || (uri.Scheme != System.Uri.UriSchemeHttp && uri.Scheme != System.Uri.UriSchemeHttps))
            {
                ThrowInvalid($"'{uri}' is not an http or https URI of a TKEStack console, such as http://console.tke.com:8080.", "TkeInvalidUri", uri);
            }
            var token = Token ?? TokenFromEnvironment();
            if (token.Length == 0)
            {
                ThrowInvalid("The API key is empty. Create one in the console under " + ErrorMapper.ApiKeyPage + ".", "TkeEmptyToken", null);
            }
            var key = ApiKeyInfo.Parse(SecureText.ToPlain(token));
            if (key.ExpiresAt is { } expiry)
            {
                if (expiry <= DateTimeOffset.UtcNow)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new InvalidOperationException($"The API key (访问凭证) expired at {expiry.LocalDateTime:yyyy-MM-dd HH:mm:ss}. Create a new one in the console under {ErrorMapper.ApiKeyPage}."),
                        "TkeApiKeyExpired", ErrorCategory.AuthenticationError, null));
                }
                if (expiry - DateTimeOffset.UtcNow < TimeSpan.FromDays(1))
                {
                    WriteWarning($"The API key (访问凭证) expires at {expiry.LocalDateTime:yyyy-MM-dd HH:mm:ss}, within a day. Make a new one in the console under {ErrorMapper.ApiKeyPage} before then.");
                }
            }
            if (SkipCertificateCheck)
            {
                WriteWarning("-SkipCertificateCheck: the server's certificate is not checked, so anyone in between can read the API key. Use it only against a console you trust on a network you trust.");
            }

            var options = new TkeClientOptions
            {
                TimeoutSec = TimeoutSec,
                SkipCertificateCheck = SkipCertificateCheck,
                Proxy = Proxy,
                ProxyCredential = ProxyCredential?.GetNetworkCredential(),
                ProxyUseDefaultCredentials = ProxyUseDefaultCredentials,
                NoProxy = NoProxy,
                MaximumRetryCount = MaximumRetryCount,
                RetryIntervalSec = RetryIntervalSec,
                PageSize = PageSize,
            };
            var platform = NormalizePrefix(PlatformPrefix);
            var business = NormalizePrefix(BusinessPrefix);
            var session = new TkeSession(uri, platform, business, token, key, options);

            // One real call checks the key: a page of one cluster. A 403 still proves the key (its user
            // may only see projects); anything else that fails stops here, with nothing stored.
            try
            {
                var check = ApiRequest.Get(ApiRoutes.Clusters(session)).WithQuery("limit", "1");
                using (Run(ct => session.Client.SendAsync(check, this, ct))) { }
            }
            catch (TkeApiException e) when (e.StatusCode == 403)
            {
                WriteVerbose("The API key is valid but may not list clusters: " + e.Message);
            }
            catch (TkeApiException e)
            {
                ThrowTerminatingError(ToErrorRecord(e, uri));
            }

            // Connecting again to the same console, as the same user, with the same transport puts the
            // new key into the session already held, so a script's objects and $session variables go on
            // working after a key expired. Another user's key is another session: it must never change
            // what a $session already held acts as.
            var current = SessionStore.Default;
            if (current != null && current.SameTarget(uri, platform, business) && current.Options.SameTransport(options) &&
                current.KeyInfo.User == key.User && current.KeyInfo.Tenant == key.Tenant)
            {
                current.ReplaceToken(token, key);
                session = current;
            }
            SessionStore.Default = session;
            WriteObject(session);
        }

        private Uri FromEnvironment()
        {
            var text = Environment.GetEnvironmentVariable("TKE_URI");
            if (string.IsNullOrWhiteSpace(text))
            {
                ThrowInvalid("No console URI: give -Uri or set $env:TKE_URI, for example http://console.tke.com:8080.", "TkeNoUri", null);
            }
            if (!System.Uri.TryCreate(text!.Trim(), UriKind.Absolute, out var uri))
            {
                ThrowInvalid($"$env:TKE_URI is '{text}', which is not an absolute URI.", "TkeInvalidUri", text);
            }
            return uri!;
        }

        private SecureString TokenFromEnvironment()
        {
            var text = Environment.GetEnvironmentVariable("TKE_TOKEN");
            if (string.IsNullOrWhiteSpace(text))
            {
                ThrowInvalid("No API key: give -Token (Read-Host -AsSecureString) or set $env:TKE_TOKEN. Create a key in the console under " + ErrorMapper.ApiKeyPage + ".", "TkeNoToken", null);
            }
            return SecureText.FromPlain(text!.Trim());
        }

        /// <summary>"" stays empty; anything else gets one leading slash and no trailing one.</summary>
        private static string NormalizePrefix(string prefix)
        {
            var p = prefix.Trim().Trim('/');
            return p.Length == 0 ? string.Empty : "/" + p;
        }
    }
}
