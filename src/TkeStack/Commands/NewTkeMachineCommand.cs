using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Api;
using TkeStack.Models;

namespace TkeStack.Commands
{
    /// <summary>New-TkeMachine: guide 3.1, add a node to a cluster TKEStack created. With -Wait, polls
    /// guide 3.2 until the node has joined (phase Running), showing the install step in progress.</summary>
    [Cmdlet(VerbsCommon.New, "TkeMachine", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Machine))]
    public sealed class NewTkeMachineCommand : TkeThrottledCmdlet
    {

        /// <summary>What the inputs in flight hold: a create waits for an earlier one of the same cluster and IP.</summary>
        private readonly Dictionary<string, Task> _byIp = new Dictionary<string, Task>(StringComparer.Ordinal);

        /// <summary>The cluster id (cls-xxxxxxxx, not its display name); a cluster TKEStack created, not an imported one.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ClusterNameCompleter))]
        public string ClusterName { get; set; } = string.Empty;

        /// <summary>The node's IPv4 or IPv6 address.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string IP { get; set; } = string.Empty;

        /// <summary>The node's SSH port; 22 by default.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 22;

        /// <summary>The SSH user (root, as TKEStack requires) and password of the node.</summary>
        [Parameter(Mandatory = true)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        /// <summary>The tenant; by default the API key's (its ted claim), else "default". TKEStack sets it from the caller anyway.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TenantId { get; set; }

        /// <summary>The machine type; Baremetal, the only one TKEStack has.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Type { get; set; } = "Baremetal";

        /// <summary>Wait until the node has joined (phase Running), with progress per machine.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long -Wait waits, in seconds (each machine, from its create); 1800 by default.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TimeoutSec { get; set; } = 1800;

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var ip = IP;
            if (!CheckNames(Pipeline, (ClusterName, TkeNameKind.Cluster))) return;
            if (!IsValidIp(ip))
            {
                Pipeline.Add(c => WriteInvalid($"'{ip}' is not a valid IPv4 or IPv6 address.", "TkeInvalidIP", ip));
                return;
            }
            var user = Credential.UserName?.TrimStart('\\') ?? string.Empty;
            if (user.Length == 0 || Credential.Password is null || Credential.Password.Length == 0)
            {
                Pipeline.Add(c => WriteInvalid("-Credential needs a user name (root) and a password.", "TkeInvalidCredential", ip));
                return;
            }
            if (!ShouldProcess($"{ip}:{Port} as {user}", $"Add machine to cluster {ClusterName}")) return;

            var session = ActiveSession;
            var cluster = ClusterName;
            var port = Port;
            var type = Type;
            var tenant = TenantId ?? session.Tenant ?? "default";
            var password = Credential.Password;
            // The same IP twice in one pipeline: the second looks only once the first is done, and finds it.
            var key = cluster + " " + IPAddress.Parse(ip);
            _byIp.TryGetValue(key, out var before);
            var started = new TaskCompletionSource<bool>();
            _byIp[key] = started.Task;
            Pipeline.Start(ip, async (output, ct) =>
            {
                try
                {
                    if (before != null) await before.ConfigureAwait(false);
                    await AddAsync(session, cluster, ip, port, type, tenant, user, password, output, ct).ConfigureAwait(false);
                }
                finally
                {
                    started.TrySetResult(true);
                }
            });
        }

        private async Task AddAsync(TkeSession session, string cluster, string ip, int port, string type, string tenant, string user,
            System.Security.SecureString password, ThrottledPipeline.ItemOutput output, CancellationToken ct)
        {
            // A create is not idempotent (generateName makes a new object each time): refuse an IP
            // the cluster already has, so a runbook run twice does not add the node twice.
            var existing = await FindByIpAsync(session, cluster, ip, output, ct).ConfigureAwait(false);
            if (existing != null)
            {
                var message = ConsoleText.Safe($"Cluster {cluster} already has machine {existing.Name} with IP {ip} (phase {existing.Phase}); it was not added again.");
                output.Error(new ErrorRecord(new InvalidOperationException(message), "TkeMachineExists", ErrorCategory.ResourceExists, ip)
                {
                    ErrorDetails = new ErrorDetails(message)
                    {
                        RecommendedAction = $"Use Get-TkeMachine {existing.Name}, or remove it first with Remove-TkeMachine {existing.Name}.",
                    },
                });
                return;
            }

            var body = MachineBody.Build(tenant, cluster, type, ip, port, user, password);
            Machine machine;
            try
            {
                using var doc = await session.Client.SendAsync(new ApiRequest(HttpMethod.Post, ApiRoutes.Machines(session)).WithBody(body, "application/json"), output, ct).ConfigureAwait(false);
                machine = new Machine(doc.RootElement.Clone(), session);
            }
            catch (TkeApiException e)
            {
                throw Explain(e, cluster, ip);
            }
            finally
            {
                Array.Clear(body, 0, body.Length);
            }
            if (!Wait)
            {
                output.Object(machine);
                return;
            }
            // The machine exists now: it goes to the information stream at once (its object as the
            // data), so a Ctrl+C during the wait still leaves a record of every machine made.
            output.Information(machine, "TkeStack.MachineCreated");
            output.Changed();
            var name = machine.Name;
            var joined = await AsyncWait.UntilAsync(output, $"Adding machine {ip} ({name}) to {cluster}", TimeoutSec, async c =>
            {
                using var doc = await session.Client.SendAsync(ApiRequest.Get(ApiRoutes.Machine(session, name)), output, c).ConfigureAwait(false);
                return new Machine(doc.RootElement.Clone(), session);
            }, (m, c) => Task.FromResult(Check(m)), PollInterval, true, ct).ConfigureAwait(false);
            output.Object(joined);
        }

        /// <summary>The error of a failed create, with what the user needs: for a 422 the parameter
        /// the server's message concerns; for a 5xx or a lost connection, that the machine may or may
        /// not exist (the POST is never sent twice) and how to look.</summary>
        private static TkeApiException Explain(TkeApiException e, string cluster, string ip)
        {
            if (e.StatusCode == 422)
            {
                var parameter = ParameterFor(e.Status?.Details?.Causes?.Select(c => c.Field).FirstOrDefault(f => !string.IsNullOrEmpty(f)));
                return new TkeApiException($"{e.Message.TrimEnd('.')}. Check {parameter}.", e.ErrorId, e.Category, e.StatusCode, e.Status,
                    "TKEStack logs in to the node over SSH before it accepts a machine: the user must be root, the password right, the port open, the clock close to the masters', and the IP new to the cluster.", e);
            }
            var unknownOutcome = e.StatusCode >= 500 || e.ErrorId == "TkeTimeout" || e.ErrorId == "TkeResponseTruncated" ||
                (e.StatusCode is null && e.Data.Contains(TransientFailure.Key));
            if (!unknownOutcome) return e;
            var check = $"Get-TkeMachine -ClusterName {cluster} | Where-Object IP -eq '{ip}'";
            return new TkeApiException(
                $"Adding machine {ip} to {cluster} may or may not have happened: {e.Message.TrimEnd('.')}. The request was not sent again, as a create is not repeatable. Check with: {check}",
                e.ErrorId, e.Category, e.StatusCode, e.Status,
                $"Run {check}; if nothing is there, run New-TkeMachine again.", e);
        }

        private static string ParameterFor(string? field)
        {
            switch (field)
            {
                case "spec.ip": return "-IP";
                case "spec.port": return "-Port";
                case "spec.clusterName": return "-ClusterName";
                case "spec.type": return "-Type";
                case "spec.tenantID": return "-TenantId";
                case "spec.user":
                case "spec.username":
                case "spec.password":
                case "spec": return "-Credential (and that -IP and -Port reach the node's SSH)";
                default: return "-IP, -Port and -Credential";
            }
        }

        private static async Task<Machine?> FindByIpAsync(TkeSession session, string cluster, string ip, IRequestLog log, CancellationToken ct)
        {
            var request = ApiRequest.Get(ApiRoutes.Machines(session)).WithQuery("fieldSelector", "spec.clusterName=" + cluster);
            var wanted = IPAddress.Parse(ip);
            Machine? found = null;
            await TkeApiCmdlet.ListItemsAsync(session, request, "machines", log, item =>
            {
                var machine = new Machine(item.Clone(), session);
                if (found is null && machine.ClusterName == cluster && IPAddress.TryParse(machine.IP, out var at) && at.Equals(wanted)) found = machine;
            }, ct).ConfigureAwait(false);
            return found;
        }

        private static WaitCheck Check(Machine m)
        {
            var name = m.Name;
            if (m.Phase == "Running") return WaitCheck.Done("Running");
            if (m.FailedStep is Condition failed)
            {
                var n = Array.IndexOf(Machine.InstallSteps, failed.Type) + 1;
                var at = n > 0 ? $" ({n} of {m.StepsTotal})" : "";
                return WaitCheck.Failed(new TkeApiException(
                    $"Machine {name} ({m.IP}) failed at install step {failed.Type}{at}: {failed.Message?.TrimEnd('.')}. TKEStack keeps retrying the step (the phase stays Initializing).",
                    "TkeMachineInstallFailed", ErrorCategory.InvalidResult, null, null,
                    $"Fix the node and TKEStack goes on by itself, or remove the machine with: Remove-TkeMachine {name}"));
            }
            if (m.Phase == "Failed")
            {
                return WaitCheck.Failed(new TkeApiException(
                    $"Machine {name} ({m.IP}) joined but failed its health check: {m.Message}",
                    "TkeMachineFailed", ErrorCategory.InvalidResult, null, null,
                    $"Look at the node {m.IP} (kubelet, network), or remove the machine with: Remove-TkeMachine {name}"));
            }
            if (m.Phase == "Terminating")
            {
                return WaitCheck.Failed(new TkeApiException($"Machine {name} ({m.IP}) is being removed.",
                    "TkeMachineTerminating", ErrorCategory.InvalidResult));
            }
            var step = m.StepInProgress ?? m.Phase ?? "Initializing";
            var percent = m.StepsTotal > 0 ? Math.Min(99, m.StepsDone * 100 / m.StepsTotal) : -1;
            return WaitCheck.Pending($"{step} (step {Math.Min(m.StepsDone + 1, m.StepsTotal)} of {m.StepsTotal})", percent);
        }

        /// <summary>An IPv4 address in dotted-quad form (IPAddress.TryParse alone takes "10.1",
        /// "167772161" and octal "010"), or an IPv6 address without zone or brackets.</summary>
        internal static bool IsValidIp(string text)
        {
            if (!IPAddress.TryParse(text, out var address)) return false;
            if (address.AddressFamily == AddressFamily.InterNetworkV6) return text.IndexOf('%') < 0 && text.IndexOf('[') < 0;
            if (address.AddressFamily != AddressFamily.InterNetwork) return false;
            var parts = text.Split('.');
            // No leading zeros: .NET reads "010" as octal 8, Go's sloppy parser as decimal 10.
            return parts.Length == 4 && parts.All(p => p.Length >= 1 && p.Length <= 3 && p.All(c => c >= '0' && c <= '9') &&
                (p.Length == 1 || p[0] != '0') && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
        }
    }
}
