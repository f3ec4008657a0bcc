using System;
using System.Security;
using TkeStack.Api;

namespace TkeStack
{
    /// <summary>A connection to one TKEStack console: where it is, which API prefixes it uses, and
    /// the API key (kept as a SecureString, never shown). Safe to share across threads and runspaces:
    /// pass it with <c>-Session $using:s</c> inside <c>ForEach-Object -Parallel</c>.</summary>
    public sealed class TkeSession
    {
        internal TkeSession(Uri uri, string platformPrefix, string businessPrefix, SecureString token,
            ApiKeyInfo keyInfo, TkeClientOptions options, TkeDialect dialect = TkeDialect.Console, TkeCredentialKind kind = TkeCredentialKind.ApiKey)
        {
            Endpoint = new ApiEndpoint(uri, platformPrefix, businessPrefix, dialect);
            Credential = new ApiCredential(token, keyInfo, kind);
            Options = options;
            // The client is built from what it needs, never from the session; the operations answer
            // models that remember this session, so a pipeline stays on it.
            Api = new TkeApi(new TkeClient(Endpoint, Credential, options), this);
        }

        /// <summary>The console's base URI, for example http://console.tke.com:8080.</summary>
        public Uri Uri => Endpoint.Uri;

        /// <summary>The prefix of the platform API (clusters, machines, the cluster proxy); /platform by default.</summary>
        public string PlatformPrefix => Endpoint.PlatformPrefix;

        /// <summary>The prefix of the business API (projects); /business by default.</summary>
        public string BusinessPrefix => Endpoint.BusinessPrefix;

        /// <summary>How the console is spoken to: Console (the guide's: Bearer key, /platform and
        /// /business) or OpenSource (an open-source TKEStack's gateway: its cookie, no prefixes).</summary>
        public TkeDialect Dialect => Endpoint.Dialect;

        /// <summary>What the session proves its user with: ApiKey, or ConsoleLogin (Connect-Tke
        /// -Credential; renewed before it lapses).</summary>
        public TkeCredentialKind CredentialKind => Credential.Kind;

        /// <summary>The user the API key was issued to (its <c>usr</c> claim), when the key is a JWT.</summary>
        public string? User => KeyInfo.User;

        /// <summary>The tenant of the API key (its <c>ted</c> claim), when the key is a JWT.</summary>
        public string? Tenant => KeyInfo.Tenant;

        /// <summary>When the API key expires (its <c>exp</c> claim), when the key is a JWT; for a console
        /// login, when the current login lapses (it is renewed before then).</summary>
        public DateTime? ExpiresAt => KeyInfo.ExpiresAt?.LocalDateTime;

        /// <summary>The timeout of one call as a whole, retries included, in seconds.</summary>
        public int TimeoutSec => Options.TimeoutSec;

        /// <summary>True when server certificates are not checked (Connect-Tke -SkipCertificateCheck).</summary>
        public bool SkipCertificateCheck => Options.SkipCertificateCheck;

        internal ApiEndpoint Endpoint { get; }
        internal ApiCredential Credential { get; }
        internal ApiKeyInfo KeyInfo => Credential.KeyInfo;
        internal TkeClientOptions Options { get; }

        /// <summary>The resource operations the cmdlets and completers call.</summary>
        internal TkeApi Api { get; }

        /// <summary>Puts a new API key in place, so a script holding this session goes on with it
        /// (Connect-Tke again after a key expired).</summary>
        internal void ReplaceToken(SecureString token, ApiKeyInfo keyInfo, TkeCredentialKind kind)
        {
            Credential.Replace(token, keyInfo, kind);
            Credential.CannotRenew = false;
        }

        /// <summary>True when the session points at the same console, spoken to the same way.</summary>
        internal bool SameTarget(ApiEndpoint other) =>
            Uri == other.Uri && Dialect == other.Dialect && PlatformPrefix == other.PlatformPrefix && BusinessPrefix == other.BusinessPrefix;

        /// <summary>True when this session is the default of the current runspace (the one cmdlets
        /// use without -Session); Set-TkeSession changes it.</summary>
        public bool IsDefault => ReferenceEquals(SessionStore.Default, this);

        /// <summary>True once Disconnect-Tke ended the session: it holds no key any more, and every
        /// cmdlet given it (or an object read with it) fails with TkeNotConnected.</summary>
        public bool Disconnected { get; private set; }

        /// <summary>Ends the session for every holder at once: the key is dropped (replaced by an
        /// empty one; the caller's own SecureString is left alone) and cmdlets refuse it.</summary>
        internal void End()
        {
            Disconnected = true;
            Credential.Replace(new SecureString(), KeyInfo);
        }

        /// <inheritdoc />
        public override string ToString() => User is null ? Uri.ToString() : $"{User}@{Uri}";
    }
}
