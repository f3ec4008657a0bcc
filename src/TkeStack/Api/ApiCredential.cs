using System.Security;

namespace TkeStack.Api
{
    /// <summary>What a client proves its caller with: an API key, or a console login's gateway cookie,
    /// with what its claims say. One credential is shared by a session and its client, so Connect-Tke
    /// with a new key for the same user (or a renewed login) puts it in place for every holder of the
    /// session at once.</summary>
    internal sealed class ApiCredential
    {
        private volatile Holder _current;

        public ApiCredential(SecureString token, ApiKeyInfo keyInfo, TkeCredentialKind kind = TkeCredentialKind.ApiKey) =>
            _current = new Holder(token, keyInfo, kind);

        /// <summary>The API key, or the login's raw cookie value (never shown).</summary>
        public SecureString Token => _current.Token;

        /// <summary>What the key's or the login's claims say (user, tenant, expiry).</summary>
        public ApiKeyInfo KeyInfo => _current.KeyInfo;

        /// <summary>An API key or a console login.</summary>
        public TkeCredentialKind Kind => _current.Kind;

        /// <summary>True once the gateway said this login cannot be renewed (its cookie has no refresh
        /// token): it is used until it lapses.</summary>
        public bool CannotRenew { get; set; }

        /// <summary>Puts a new key or cookie in place; secret, claims and kind change together.</summary>
        public void Replace(SecureString token, ApiKeyInfo keyInfo, TkeCredentialKind? kind = null) =>
            _current = new Holder(token, keyInfo, kind ?? Kind);

        private sealed class Holder
        {
            public Holder(SecureString token, ApiKeyInfo keyInfo, TkeCredentialKind kind)
            {
                Token = token;
                KeyInfo = keyInfo;
                Kind = kind;
            }

            public SecureString Token { get; }
            public ApiKeyInfo KeyInfo { get; }
            public TkeCredentialKind Kind { get; }
        }
    }

    /// <summary>Where a TKEStack console's APIs are and how it is spoken to: its base URI, its dialect,
    /// and the prefixes of the platform and business APIs (empty against tke-platform-api or
    /// tke-business-api directly, and always empty behind an open-source gateway).</summary>
    internal sealed class ApiEndpoint
    {
        public ApiEndpoint(System.Uri uri, string platformPrefix, string businessPrefix, TkeDialect dialect = TkeDialect.Console)
        {
            Uri = uri;
            Dialect = dialect;
            PlatformPrefix = dialect == TkeDialect.OpenSource ? "" : platformPrefix;
            BusinessPrefix = dialect == TkeDialect.OpenSource ? "" : businessPrefix;
        }

        public System.Uri Uri { get; }
        public TkeDialect Dialect { get; }
        public string PlatformPrefix { get; }
        public string BusinessPrefix { get; }

        /// <summary>The prefix of an API; the gateway's own API and tke-auth's password path have none.</summary>
        public string PrefixOf(ApiGroup api) => api switch
        {
            ApiGroup.Business => BusinessPrefix,
            ApiGroup.Platform => PlatformPrefix,
            _ => "",
        };
    }
}
