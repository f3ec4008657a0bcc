namespace TkeStack.Api
{
    /// <summary>Who made a call and how, as the explanation of a refusal needs it: the console's
    /// dialect, what the caller proved itself with (and its claims), and which API was called.</summary>
    internal sealed class Caller
    {
        public Caller(TkeDialect dialect, TkeCredentialKind kind, ApiKeyInfo keyInfo, ApiGroup api)
        {
            Dialect = dialect;
            Kind = kind;
            KeyInfo = keyInfo;
            Api = api;
        }

        public TkeDialect Dialect { get; }
        public TkeCredentialKind Kind { get; }
        public ApiKeyInfo KeyInfo { get; }
        public ApiGroup Api { get; }

        /// <summary>A caller of the guide's console with an API key (what the module knew before dialects).</summary>
        public static Caller WithKey(ApiKeyInfo keyInfo) => new Caller(TkeDialect.Console, TkeCredentialKind.ApiKey, keyInfo, ApiGroup.Platform);
    }
}
