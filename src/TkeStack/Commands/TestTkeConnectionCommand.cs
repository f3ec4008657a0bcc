using System;
using System.Management.Automation;
using System.Net.Sockets;
using System.Security;
using System.Threading.Tasks;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>Test-TkeConnection: probes a console address step by step (is anything listening, TLS,
    /// the guide's console, an open-source gateway, does it take the key, can the key reach projects,
    /// does the login work) and ends with the Connect-Tke command that works there. Nothing is stored.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "TkeConnection", DefaultParameterSetName = KeySet)]
    [OutputType(typeof(TkeConnectionStep), typeof(bool))]
    public sealed class TestTkeConnectionCommand : TkeCmdletBase
    {
        private const string KeySet = "ApiKey";
        private const string LoginSet = "ConsoleLogin";

        /// <summary>The address to probe; the default session's, else $env:TKE_URI, when not given.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNull]
        public Uri? Uri { get; set; }

        /// <summary>An API key to try; $env:TKE_TOKEN when set; without one, only what answers is found.</summary>
        [Parameter(ParameterSetName = KeySet)]
        [ValidateNotNull]
        public SecureString? Token { get; set; }

        /// <summary>A console user name and password to try the login with.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LoginSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>Do not check the server's certificate.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Seconds each probe may take; 10 by default.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 10;

        /// <summary>Output only $true (the credential given works, or without one a TKEStack API answers) or $false.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        private int _step;

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var uri = Uri ?? SessionStore.Default?.Uri ?? ConsoleUriFromEnvironment();
            uri = ConsoleAddress.Problem(uri) is null ? AtConsoleRoot(uri) : uri;
            var shown = ConnectTkeCommand.Shown(uri);
            if (ConsoleAddress.Problem(uri) is { } problem)
            {
                Finish(Step("Address", "Failed", problem, "Give the address you open the TKEStack console at, such as http://10.0.0.1:31180."), null, false);
                return;
            }
            var key = Token ?? EnvironmentToken();
            var login = ParameterSetName == LoginSet;
            var user = login ? ConsoleUser(Credential!) : "";

            // 1. Is anything listening?
            if (Listening(uri) is { } refused)
            {
                Finish(Step("Listening", "Failed", refused, ConnectionDiagnosis.Unreachable(uri)), null, false);
                return;
            }
            Step("Listening", "Passed", $"A server accepts connections on {uri.Host}:{uri.Port}.");

            // 2. The guide's form.
            var guide = Probe(Session(uri, TkeDialect.Console, key), s => s.Api.Clusters.ProbeAsync);
            if (guide.Error?.ErrorId == "TkeCertificateInvalid")
            {
                Finish(Step("TLS", "Failed", guide.Error.Message, guide.Error.RecommendedAction), null, false);
                return;
            }
            if (uri.Scheme == System.Uri.UriSchemeHttps) Step("TLS", "Passed", SkipCertificateCheck ? "Not checked (-SkipCertificateCheck)." : "The certificate is trusted.");
            var (guideResult, guideFinding) = ConnectionDiagnosis.GuideForm(guide, key != null && !login);
            Step("Guide's console", guideResult, guideFinding);
            if (guide.Accepted && key != null && !login)
            {
                Finish(null, $"Connect-Tke -Uri {shown} -Token $key", true);
                return;
            }

            // 3. The open-source form.
            var gateway = Probe(Session(uri, TkeDialect.OpenSource, null), s => s.Api.Clusters.ProbeAsync);
            var (gatewayResult, gatewayFinding) = ConnectionDiagnosis.GatewayForm(gateway);
            Step("Open-source gateway", gatewayResult, gatewayFinding);
            var isGateway = gateway.Sign == GatewaySign.CookieMissing || guide.Sign == GatewaySign.LoginRedirect;
            if (!isGateway)
            {
                var found = guideResult == "Found" || gatewayResult == "Found";
                Finish(null, guideResult == "Found" ? $"Connect-Tke -Uri {shown} -Token (Read-Host -AsSecureString)"
                    : gatewayResult == "Found" ? $"Connect-Tke -Uri {shown} -PlatformPrefix '' -BusinessPrefix '' -Token (Read-Host -AsSecureString)" : null,
                    found && key is null && !login);
                return;
            }

            if (login)
            {
                var session = Session(uri, TkeDialect.OpenSource, null, TkeCredentialKind.ConsoleLogin);
                try
                {
                    var (cookie, info) = Run(ct => session.Api.Gateway.LoginAsync(user, Credential!.Password, this, ct));
                    session.ReplaceToken(cookie, info, TkeCredentialKind.ConsoleLogin);
                    Step("Console login", "Passed", $"Logged in as {ConsoleText.SafeLine(info.User)}; the login lapses at {info.ExpiresAt?.LocalDateTime:yyyy-MM-dd HH:mm} and is renewed before then.");
                }
                catch (TkeApiException e)
                {
                    Finish(Step("Console login", "Failed", e.Message, e.RecommendedAction), null, false);
                    return;
                }
                var reached = Reach(session);
                Finish(null, $"Connect-Tke -Uri {shown} -Credential (Get-Credential)", reached);
                return;
            }
            if (key is null)
            {
                Finish(null, $"Connect-Tke -Uri {shown} -Credential (Get-Credential)", true);
                return;
            }
            var keyed = Session(uri, TkeDialect.OpenSource, key);
            var platform = Probe(keyed, s => s.Api.Clusters.ProbeAsync);
            if (!platform.Accepted)
            {
                Finish(Step("Key via gateway", "Failed", "tke-platform-api refused the API key in the gateway's cookie: " + platform.Words,
                    $"Make a new key: New-TkeApiKey -Uri {shown} -Credential (Get-Credential), or log in: Connect-Tke -Uri {shown} -Credential (Get-Credential)."),
                    $"Connect-Tke -Uri {shown} -Credential (Get-Credential)", false);
                return;
            }
            Step("Key via gateway", "Passed", "tke-platform-api takes the API key in the gateway's cookie: clusters, machines and workloads work.");
            var business = Probe(keyed, s => (log, ct) => s.Api.Projects.PortalAsync(log, ct));
            if (business.Accepted)
            {
                Step("Business API (业务)", "Passed", "tke-business-api takes the API key too.");
            }
            else
            {
                Step("Business API (业务)", "Warning", business.Refused
                        ? "tke-business-api refused the API key (401): it accepts console logins only, so projects need -Credential."
                        : "The business API did not answer: " + business.Words,
                    $"For projects: Connect-Tke -Uri {shown} -Credential (Get-Credential).");
            }
            Finish(null, $"Connect-Tke -Uri {shown} -Token $key", true);
        }

        /// <summary>Whether a console login reaches the platform and the business API; a step each.</summary>
        private bool Reach(TkeSession session)
        {
            var platform = Probe(session, s => s.Api.Clusters.ProbeAsync);
            Step("Platform, logged in", platform.Accepted ? "Passed" : "Failed", platform.Accepted ? "Clusters, machines and workloads work." : platform.Words);
            var business = Probe(session, s => (log, ct) => s.Api.Projects.PortalAsync(log, ct));
            Step("业务, logged in", business.Accepted ? "Passed" : "Failed", business.Accepted ? "Projects work." : business.Words);
            return platform.Accepted;
        }

        private TkeSession Session(Uri uri, TkeDialect dialect, SecureString? key, TkeCredentialKind kind = TkeCredentialKind.ApiKey) =>
            new TkeSession(uri, "/platform", "/business", key ?? new SecureString(), key is null ? ApiKeyInfo.Parse("") : ApiKeyInfo.Parse(SecureText.ToPlain(key)),
                new TkeClientOptions { TimeoutSec = TimeoutSec, SkipCertificateCheck = SkipCertificateCheck, MaximumRetryCount = 0 }, dialect, kind);

        private ConnectionProbe Probe(TkeSession session, Func<TkeSession, Func<IRequestLog, System.Threading.CancellationToken, Task>> call)
        {
            try
            {
                Call(call(session));
                return ConnectionProbe.Success;
            }
            catch (TkeApiException e)
            {
                return ConnectionProbe.Failure(e);
            }
        }

        /// <summary>Null when a TCP connection to the address opens within the timeout; else why not.</summary>
        private string? Listening(Uri uri)
        {
            using var tcp = new TcpClient();
            try
            {
                var connect = tcp.ConnectAsync(uri.Host, uri.Port);
                var done = Run(async ct => await Task.WhenAny(connect, Task.Delay(TimeSpan.FromSeconds(TimeoutSec), ct)).ConfigureAwait(false) == connect);
                if (!done) return $"No answer from {uri.Host}:{uri.Port} within {TimeoutSec} s (a firewall, or nothing there).";
                connect.GetAwaiter().GetResult();
                return null;
            }
            catch (SocketException e)
            {
                return $"Nothing accepts connections on {uri.Host}:{uri.Port} ({e.SocketErrorCode}).";
            }
        }

        private TkeConnectionStep Step(string check, string result, string finding, string? advice = null)
        {
            var step = new TkeConnectionStep(++_step, check, result, finding, advice);
            if (!Quiet) WriteObject(step);
            return step;
        }

        /// <summary>The last step: the command that works, or that none was found.</summary>
        private void Finish(TkeConnectionStep? failed, string? command, bool works)
        {
            if (Quiet)
            {
                WriteObject(works);
                return;
            }
            if (command is null)
            {
                WriteObject(new TkeConnectionStep(++_step, "Use", "Failed", "No way to connect was found here" + (failed?.Advice is null ? "." : "; see the advice above.")));
                return;
            }
            // The address answered only with the check off: the command that works says so too.
            if (SkipCertificateCheck) command += " -SkipCertificateCheck";
            WriteObject(new TkeConnectionStep(++_step, "Use", works ? "Passed" : "Warning", command, null, command));
        }

        private static SecureString? EnvironmentToken()
        {
            var text = Environment.GetEnvironmentVariable("TKE_TOKEN");
            return string.IsNullOrWhiteSpace(text) ? null : SecureText.FromPlain(text!.Trim());
        }
    }
}
