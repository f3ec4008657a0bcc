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
            ApiKeyInfo keyInfo, TkeClientOptions options)
        {
            Uri = uri;
            PlatformPrefix = platformPrefix;
            BusinessPrefix = businessPrefix;
            Token = token;
            KeyInfo = keyInfo;
            Options = options;
            Client = new TkeClient(this);
        }

        /// <summary>The console's base URI, for example http://console.tke.com:8080.</summary>
        public Uri Uri { get; }

        /// <summary>The prefix of the platform API (clusters, machines, the cluster proxy); /platform by default.</summary>
        public string PlatformPrefix { get; }

        /// <summary>The prefix of the business API (projects); /business by default.</summary>
        public string BusinessPrefix { get; }

        /// <summary>The user the API key was issued to (its <c>usr</c> claim), when the key is a JWT.</summary>
        public string? User => KeyInfo.User;

        /// <summary>The tenant of the API key (its <c>ted</c> claim), when the key is a JWT.</summary>
        public string? Tenant => KeyInfo.Tenant;

        /// <summary>When the API key expires (its <c>exp</c> claim), when the key is a JWT.</summary>
        public DateTime? ExpiresAt => KeyInfo.ExpiresAt?.LocalDateTime;

        /// <summary>The timeout of one call as a whole, retries included, in seconds.</summary>
        public int TimeoutSec => Options.TimeoutSec;

        /// <summary>True when server certificates are not checked (Connect-Tke -SkipCertificateCheck).</summary>
        public bool SkipCertificateCheck => Options.SkipCertificateCheck;

        internal SecureString Token { get; private set; }
        internal ApiKeyInfo KeyInfo { get; private set; }
        internal TkeClientOptions Options { get; }
        internal TkeClient Client { get; }

        /// <summary>Puts a new API key in place, so a script holding this session goes on with it
        /// (Connect-Tke again after a key expired).</summary>
        internal void ReplaceToken(SecureString token, ApiKeyInfo keyInfo)
        {
            Token = token;
            KeyInfo = keyInfo;
        }

        /// <summary>True when the session points at the same console with the same prefixes.</summary>
        internal bool SameTarget(Uri uri, string platformPrefix, string businessPrefix) =>
            Uri == uri && PlatformPrefix == platformPrefix && BusinessPrefix == businessPrefix;

        /// <inheritdoc />
        public override string ToString() => User is null ? Uri.ToString() : $"{User}@{Uri}";
    }
}
