using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>Connect-Tke: checks an API key (or logs in with a user name and password) against a
    /// TKEStack console with one real call, finding which dialect it speaks (the guide's console or an
    /// open-source gateway), makes the session the default of this runspace and outputs it.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Tke", DefaultParameterSetName = KeySet)]
    [OutputType(typeof(TkeSession))]
    public sealed class ConnectTkeCommand : TkeCmdletBase
    {
        private const string KeySet = "ApiKey";
        private const string LoginSet = "ConsoleLogin";

        /// <summary>The console's base URI; $env:TKE_URI when not given.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNull]
        public Uri? Uri { get; set; }

        /// <summary>The API key (访问凭证); $env:TKE_TOKEN when not given.</summary>
        [Parameter(Position = 1, ParameterSetName = KeySet)]
        [ValidateNotNull]
        public SecureString? Token { get; set; }

        /// <summary>A console user name and password: logs in as the TKEStack console does (an
        /// open-source TKEStack's gateway), and renews the login before it lapses.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LoginSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>How the console is spoken to: Console (the guide's: Bearer key, /platform and
        /// /business) or OpenSource (an open-source TKEStack's gateway: cookie, no prefixes). Found
        /// by trying when not given (with neither prefix given either).</summary>
        [Parameter]
        public TkeDialect Dialect { get; set; }

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

        /// <summary>Seconds one call may take as a whole, retries and their waits included; 100 by default.</summary>
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

        /// <summary>The largest answer read, in MiB (512 by default), counted after decompression; a larger
        /// one is refused rather than read into memory. At most 2047: an answer is parsed as one JSON
        /// document, which .NET holds in one array of at most 2 GiB.</summary>
        [Parameter]
        [ValidateRange(1, 2047)]
        public int MaximumResponseSizeMB { get; set; } = 512;

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            // With no -Uri and no $env:TKE_URI, reconnecting (a new key after the old one expired, as the
            // 401's advice says) reuses the default session's console, prefixes and transport.
            var held = Uri is null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("TKE_URI")) ? SessionStore.Default : null;
            var uri = Uri ?? held?.Uri ?? FromEnvironment();
            if (held != null)
            {
                if (!MyInvocation.BoundParameters.ContainsKey(nameof(PlatformPrefix))) PlatformPrefix = held.PlatformPrefix;
                if (!MyInvocation.BoundParameters.ContainsKey(nameof(BusinessPrefix))) BusinessPrefix = held.BusinessPrefix;
                WriteVerbose($"No -Uri: reconnecting to {held.Uri} (the default session's console).");
            }
            if (ConsoleAddress.Problem(uri) is { } problem) ThrowInvalid(problem, "TkeInvalidUri", Shown(uri));
            uri = AtConsoleRoot(uri);
            CheckPrefix(PlatformPrefix, "PlatformPrefix");
            CheckPrefix(BusinessPrefix, "BusinessPrefix");
            if (Proxy != null && NoProxy)
            {
                ThrowInvalid("-Proxy and -NoProxy contradict each other: give one of them.", "TkeInvalidProxy", Shown(Proxy));
            }
            if (Proxy != null && (!Proxy.IsAbsoluteUri || (Proxy.Scheme != System.Uri.UriSchemeHttp && Proxy.Scheme != System.Uri.UriSchemeHttps)))
            {
                ThrowInvalid($"-Proxy '{Shown(Proxy)}' is not an http or https URI of a proxy, such as http://proxy.corp:3128.", "TkeInvalidProxy", Shown(Proxy));
            }
            if (Proxy != null && (Proxy.UserInfo.Length > 0 || Proxy.Query.Length > 0))
            {
                // A password in the proxy's URI would be kept in plain text and shown; -ProxyCredential keeps it secure.
                ThrowInvalid($"-Proxy '{Shown(Proxy)}' carries a user name, password or query: give the proxy's credential with -ProxyCredential instead.", "TkeInvalidProxy", Shown(Proxy));
            }
            var login = ParameterSetName == LoginSet;
            var dialectGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Dialect));
            var prefixGiven = MyInvocation.BoundParameters.ContainsKey(nameof(PlatformPrefix)) || MyInvocation.BoundParameters.ContainsKey(nameof(BusinessPrefix));
            // Tried in turn when neither the dialect nor a prefix says; a login is the gateway's.
            TkeDialect? dialect = dialectGiven ? Dialect : login ? TkeDialect.OpenSource : prefixGiven ? TkeDialect.Console : held?.Dialect;
            if (login && dialect == TkeDialect.Console)
            {
                ThrowInvalid("-Credential logs in as an open-source TKEStack's console does (its gateway); the guide's console (-Dialect Console) takes an API key: -Token.",
                    "TkeInvalidDialect", null);
            }
            if (dialect == TkeDialect.OpenSource && prefixGiven && (PlatformPrefix.Trim('/').Length > 0 || BusinessPrefix.Trim('/').Length > 0))
            {
                ThrowInvalid("An open-source TKEStack's gateway serves its APIs without prefixes: leave out -PlatformPrefix and -BusinessPrefix with -Dialect OpenSource or -Credential.",
                    "TkeInvalidDialect", null);
            }
            string user = "";
            SecureString token;
            ApiKeyInfo key;
            if (login)
            {
                user = ConsoleUser(Credential!);
                token = new SecureString();
                key = ApiKeyInfo.Parse("");
            }
            else
            {
                token = Token ?? TokenFromEnvironment();
                key = CheckKey(token);
            }
            if (SkipCertificateCheck)
            {
                WriteWarning($"-SkipCertificateCheck: the server's certificate is not checked, so anyone in between can read the {(login ? "password and login" : "API key")}. Use it only against a console you trust on a network you trust.");
            }

            var options = new TkeClientOptions
            {
                TimeoutSec = TimeoutSec,
                SkipCertificateCheck = SkipCertificateCheck,
                Proxy = Proxy,
                ProxyCredential = ProxyCredential is null ? null : new ProxyCredentials(ProxyCredential),
                ProxyUseDefaultCredentials = ProxyUseDefaultCredentials,
                NoProxy = NoProxy,
                MaximumRetryCount = MaximumRetryCount,
                RetryIntervalSec = RetryIntervalSec,
                PageSize = PageSize,
                MaxResponseBytes = MaximumResponseSizeMB * 1024L * 1024L,
            };
            if (held != null && !TransportGiven()) options = held.Options;
            var platform = NormalizePrefix(PlatformPrefix);
            var business = NormalizePrefix(BusinessPrefix);
            var kind = login ? TkeCredentialKind.ConsoleLogin : TkeCredentialKind.ApiKey;
            var session = new TkeSession(uri, platform, business, token, key, options, dialect ?? TkeDialect.Console, kind);
            try
            {
                if (login)
                {
                    var (cookie, info) = Run(ct => session.Api.Gateway.LoginAsync(user, Credential!.Password!, this, ct));
                    token = cookie;
                    key = info;
                    session.ReplaceToken(token, key, kind);
                }
                try
                {
                    Probe(session);
                }
                catch (TkeApiException e) when (dialect is null && e.Gateway != GatewaySign.None)
                {
                    // tkestack/tke#1748 and #1400: the guide's form reached an open-source gateway (a
                    // redirect to its login, or its cookie 401). Its own form is tried once.
                    WriteVerbose($"The console answered as an open-source TKEStack gateway does ({e.Gateway}): speaking its dialect (the API key in its cookie, no prefixes).");
                    session = new TkeSession(uri, "", "", token, key, options, TkeDialect.OpenSource, kind);
                    Probe(session);
                }
            }
            catch (TkeApiException e) when (e.ErrorId == "TkeConnectionFailed")
            {
                // tkestack/tke#1423: nothing on the guide's port 8080 of an open-source install.
                ThrowTerminatingError(ErrorPipeline.ToRecord(e.Explained(e.Message,
                    $"Test-TkeConnection {Shown(uri)} probes the address step by step. {ConnectionDiagnosis.Unreachable(uri)}"), uri)!);
            }
            catch (TkeApiException e)
            {
                ThrowTerminatingError(ErrorPipeline.ToRecord(e, uri)!);
            }

            // Connecting again to the same console, spoken to the same way, as the same user, with the
            // same transport puts the new key (or login) into the session already held, so a script's
            // objects and $session variables go on working after a key expired. Another user is another
            // session: it must never change what a $session already held acts as.
            var current = SessionStore.Default;
            if (current != null && current.SameTarget(session.Endpoint) && current.Options.SameTransport(options) &&
                current.KeyInfo.User == key.User && current.KeyInfo.Tenant == key.Tenant)
            {
                current.ReplaceToken(token, key, kind);
                session = current;
            }
            SessionStore.Default = session;
            WriteObject(session);
        }

        /// <summary>One real call checks the credential: a page of one cluster. A 403 still proves it (its
        /// user may only see projects); anything else that fails is thrown, with nothing stored.</summary>
        private void Probe(TkeSession session)
        {
            try
            {
                Call(session.Api.Clusters.ProbeAsync);
            }
            catch (TkeApiException e) when (e.StatusCode == 403)
            {
                WriteVerbose("The credential is valid but may not list clusters: " + e.Message);
            }
        }

        /// <summary>Checks an API key before any request: not empty, no spaces or control characters,
        /// plain ASCII, not expired (a warning within a day of it). Returns what its claims say.</summary>
        private ApiKeyInfo CheckKey(SecureString token)
        {
            if (token.Length == 0)
            {
                ThrowInvalid("The API key is empty. Create one in the console under " + ErrorMapper.ApiKeyPage + ".", "TkeEmptyToken", null);
            }
            var plain = SecureText.ToPlain(token);
            foreach (var c in plain)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    // The target is null: the key, even a wrong one, is never shown.
                    ThrowInvalid("The API key has spaces, line breaks or control characters inside it; copy it again from the console under " + ErrorMapper.ApiKeyPage + ".", "TkeInvalidToken", null);
                }
                if (c > '~')
                {
                    // A key is ASCII (a JWT is base64url and dots): a character past it cannot go in an
                    // HTTP header, and would fail every attempt as if the network were down.
                    ThrowInvalid("The API key has a character that is not plain ASCII (a key is letters, digits and - _ . only); copy it again from the console under " + ErrorMapper.ApiKeyPage + ", perhaps the clipboard changed a character.", "TkeInvalidToken", null);
                }
            }
            var key = ApiKeyInfo.Parse(plain);
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
            return key;
        }

        /// <summary>True when any parameter of the transport (timeouts, proxy, retries, paging) was given.</summary>
        private bool TransportGiven()
        {
            foreach (var name in new[] { nameof(SkipCertificateCheck), nameof(TimeoutSec), nameof(Proxy), nameof(ProxyCredential),
                nameof(ProxyUseDefaultCredentials), nameof(NoProxy), nameof(MaximumRetryCount), nameof(RetryIntervalSec), nameof(PageSize), nameof(MaximumResponseSizeMB) })
            {
                if (MyInvocation.BoundParameters.ContainsKey(name)) return true;
            }
            return false;
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
                ThrowInvalid($"$env:TKE_URI is '{Shown(text!.Trim())}', which is not an absolute URI.", "TkeInvalidUri", Shown(text!.Trim()));
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

        /// <summary>A URI as it may be shown: without what it carries before the @ of its host (a user name
        /// and password, shown as ***) and without its query and fragment (shown as ?***).</summary>
        internal static string Shown(Uri uri) => Shown(uri.OriginalString);

        /// <summary>The same for a text that may not even parse as a URI ($env:TKE_URI).</summary>
        internal static string Shown(string text)
        {
            var cut = text.IndexOfAny(new[] { '?', '#' });
            var shown = cut >= 0 ? text.Substring(0, cut) + "?***" : text;
            var scheme = shown.IndexOf("://", StringComparison.Ordinal);
            var start = scheme >= 0 ? scheme + 3 : 0;
            var end = shown.IndexOf('/', start);
            if (end < 0) end = shown.Length;
            var at = end > start ? shown.LastIndexOf('@', end - 1, end - start) : -1;
            if (at >= 0) shown = shown.Substring(0, start) + "***" + shown.Substring(at);
            return shown;
        }

        /// <summary>A prefix is path segments only: no scheme, host, query, spaces or "..".</summary>
        private void CheckPrefix(string prefix, string parameter)
        {
            foreach (var segment in prefix.Trim().Trim('/').Split('/'))
            {
                var ok = segment != "." && segment != "..";
                foreach (var c in segment)
                {
                    ok &= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
                }
                if (!ok || (segment.Length == 0 && prefix.Trim().Trim('/').Length > 0))
                {
                    ThrowInvalid($"-{parameter} '{prefix}' is not a path prefix such as /platform: only letters, digits and - _ . ~ between slashes, no host, query or '..'.", "TkeInvalidPrefix", prefix);
                }
            }
        }

        /// <summary>"" stays empty; anything else gets one leading slash and no trailing one.</summary>
        private static string NormalizePrefix(string prefix)
        {
            var p = prefix.Trim().Trim('/');
            return p.Length == 0 ? string.Empty : "/" + p;
        }
    }
}
