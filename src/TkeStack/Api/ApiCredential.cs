using System.Security;

namespace TkeStack.Api
{
    /// <summary>The API key a client sends, with what its claims say. One credential is shared by a
    /// session and its client, so Connect-Tke with a new key for the same user puts it in place for
    /// every holder of the session at once.</summary>
    internal sealed class ApiCredential
    {
        private volatile Holder _current;

        public ApiCredential(SecureString token, ApiKeyInfo keyInfo) => _current = new Holder(token, keyInfo);

        /// <summary>The API key (never shown).</summary>
        public SecureString Token => _current.Token;

        /// <summary>What the key's claims say (user, tenant, expiry).</summary>
        public ApiKeyInfo KeyInfo => _current.KeyInfo;

        /// <summary>Puts a new key in place; key and claims change together.</summary>
        public void Replace(SecureString token, ApiKeyInfo keyInfo) => _current = new Holder(token, keyInfo);

        private sealed class Holder
        {
            public Holder(SecureString token, ApiKeyInfo keyInfo)
            {
                Token = token;
                KeyInfo = keyInfo;
            }

            public SecureString Token { get; }
            public ApiKeyInfo KeyInfo { get; }
        }
    }

    /// <summary>Where a TKEStack console's APIs are: its base URI and the prefixes of the platform
    /// and business APIs (empty against tke-platform-api or tke-business-api directly).</summary>
    internal sealed class ApiEndpoint
    {
        public ApiEndpoint(System.Uri uri, string platformPrefix, string businessPrefix)
        {
            Uri = uri;
            PlatformPrefix = platformPrefix;
            BusinessPrefix = businessPrefix;
        }

        public System.Uri Uri { get; }
        public string PlatformPrefix { get; }
        public string BusinessPrefix { get; }

        /// <summary>The prefix of an API.</summary>
        public string PrefixOf(ApiGroup api) => api == ApiGroup.Business ? BusinessPrefix : PlatformPrefix;
    }
}
