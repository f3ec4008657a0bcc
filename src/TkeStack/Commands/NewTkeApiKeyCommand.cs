using System;
using System.Management.Automation;
using System.Security;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>New-TkeApiKey: makes an API key (访问凭证) from a console user name and password, as
    /// tke-auth allows without any other login (an open-source TKEStack), so a CI job gets a key
    /// without the console's pages. The key comes out as a SecureString, with its expiry.</summary>
    [Cmdlet(VerbsCommon.New, "TkeApiKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(TkeApiKey))]
    public sealed class NewTkeApiKeyCommand : TkeCmdletBase
    {
        /// <summary>The console user name and password the key is made for.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>The console's base URI; the default session's, else $env:TKE_URI, when not given.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Uri { get; set; }

        /// <summary>How long the key works: 7 days by default (tke-auth's own default), from a second to 100 years.</summary>
        [Parameter]
        public TimeSpan Expire { get; set; } = TimeSpan.FromDays(7);

        /// <summary>What the key is for, shown beside it on the console's 访问凭证 page.</summary>
        [Parameter]
        [ValidateNotNull]
        public string Description { get; set; } = "Made by New-TkeApiKey";

        /// <summary>The user's tenant; default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string TenantId { get; set; } = "default";

        /// <summary>Do not check the server's certificate (a self-signed console). Warns once.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>The longest key tke-auth makes (pkg/auth/registry/apikey/validation.go maxExpire).</summary>
        internal static readonly TimeSpan MaxExpire = TimeSpan.FromDays(100 * 365);

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var held = Uri is null ? SessionStore.Default : null;
            var uri = Uri ?? held?.Uri ?? ConsoleUriFromEnvironment();
            if (ConsoleAddress.Problem(uri) is { } problem) ThrowInvalid(problem, "TkeInvalidUri", ConnectTkeCommand.Shown(uri));
            uri = AtConsoleRoot(uri);
            var user = ConsoleUser(Credential!);
            if (Expire < TimeSpan.FromSeconds(1) || Expire > MaxExpire)
            {
                ThrowInvalid($"-Expire {Expire} is outside what tke-auth makes: from a second to 100 years (36500 days).", "TkeInvalidExpire", Expire, ErrorCategory.InvalidArgument);
            }
            if (SkipCertificateCheck)
            {
                WriteWarning("-SkipCertificateCheck: the server's certificate is not checked, so anyone in between can read the password and the key. Use it only against a console you trust on a network you trust.");
            }
            if (!ShouldProcess($"{user} at {ConnectTkeCommand.Shown(uri)}", $"Make an API key valid for {Expire}")) return;

            var options = held != null && !SkipCertificateCheck ? held.Options : new TkeClientOptions { SkipCertificateCheck = SkipCertificateCheck };
            var maker = new TkeSession(uri, "", "", new SecureString(), ApiKeyInfo.Parse(""), options, TkeDialect.OpenSource);
            try
            {
                WriteObject(Run(ct => maker.Api.Gateway.CreateFromPasswordAsync(uri, TenantId, user, Credential!.Password!, Description, Expire, this, ct)));
            }
            catch (TkeApiException e)
            {
                ThrowTerminatingError(ErrorPipeline.ToRecord(e, ConnectTkeCommand.Shown(uri))!);
            }
        }
    }
}
