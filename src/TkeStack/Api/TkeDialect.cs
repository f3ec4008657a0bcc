namespace TkeStack
{
    /// <summary>Which of TKEStack's two ways of speaking a console uses. They differ in where the APIs
    /// are and how a caller proves who it is; Connect-Tke finds out which one a console speaks.</summary>
    public enum TkeDialect
    {
        /// <summary>The user's API guide (the commercial console): <c>Authorization: Bearer</c> with an
        /// API key, the platform API under <c>/platform</c> and the business API under <c>/business</c>.</summary>
        Console,

        /// <summary>An open-source TKEStack's tke-gateway (tkestack/tke <c>pkg/gateway</c>): the APIs at
        /// their own paths (<c>/apis/...</c>, <c>/api/v1/...</c>, no prefixes), the caller known only by
        /// the <c>tke</c> cookie, and from v1.9.1 an <c>X-CSRF-TOKEN</c> header made from it.</summary>
        OpenSource,
    }

    /// <summary>What a session proves its caller with.</summary>
    public enum TkeCredentialKind
    {
        /// <summary>An API key (访问凭证), from the console or New-TkeApiKey.</summary>
        ApiKey,

        /// <summary>A console login (user name and password, Connect-Tke -Credential): the gateway's
        /// cookie, renewed before it lapses.</summary>
        ConsoleLogin,
    }
}
