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

        /// <summary>The nodes' IPv4 or IPv6 addresses; each is a machine of its own.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] IP { get; set; } = new string[0];

        /// <summary>The node's SSH port, 1 to 65535; 22 by default. Taken as text and checked here: a
        /// CSV row's '2222x' would otherwise fail to bind and leave the default 22 in silence.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Port { get; set; } = "22";

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
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            if (!CheckNames((ClusterName, TkeNameKind.Cluster))) return;
            // Several addresses in one -IP are several inputs, in order, as if piped.
            foreach (var given in IP) AddOne(session, given);
        }

        private void AddOne(TkeSession session, string given)
        {
            if (MachineAddress.Problem(given, out var address) is { } problem)
            {
                AddInvalid(problem, "TkeInvalidIP", given);
                return;
            }
            if (!int.TryParse(Port.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port < 1 || port > 65535)
            {
                AddInvalid($"-Port '{Port}' (for {given}) is not an SSH port: give a number from 1 to 65535, such as 22.", "TkeInvalidPort", Port);
                return;
            }
            var user = Credential.UserName?.TrimStart('\\') ?? string.Empty;
            if (user.Trim().Length == 0 || Credential.Password is null || Credential.Password.Length == 0)
            {
                AddInvalid("-Credential needs a user name (root) and a password.", "TkeInvalidCredential", given);
                return;
            }
            // The one form of the address that is sent and compared (an IPv4-mapped IPv6 address as IPv4).
            var ip = address!.ToString();
            if (!ShouldProcess($"{ip}:{port} as {user}", $"Add machine to cluster {ClusterName}")) return;

            var machines = session.Api.Machines;
            var cluster = ClusterName;
            var body = MachineBody.Build(TenantId ?? session.Tenant ?? "default", cluster, Type, ip, port, user, Credential.Password);
            // The same IP twice in one pipeline: the second looks only once the first is done, and finds it.
            var key = cluster + " " + ip;
            _byIp.TryGetValue(key, out var before);
            var started = new TaskCompletionSource<bool>();
            _byIp[key] = started.Task;
            Pipeline.Start(given, async (output, ct) =>
            {
                try
                {
                    if (before != null) await before.ConfigureAwait(false);
                    await AddAsync(machines, cluster, address, port, body, output, ct).ConfigureAwait(false);
                }
                finally
                {
                    Array.Clear(body, 0, body.Length);
                    started.TrySetResult(true);
                }
            });
        }

        private async Task AddAsync(MachineOperations machines, string cluster, IPAddress address, int port, byte[] body, ThrottledPipeline.ItemOutput output, CancellationToken ct)
        {
            var ip = address.ToString();
            // A create is not idempotent (generateName makes a new object each time): refuse an IP
            // the cluster already has, so a runbook run twice does not add the node twice.
            if (await machines.FindByIpAsync(cluster, address, output, ct).ConfigureAwait(false) is { } existing)
            {
                var message = ConsoleText.Safe($"Cluster {cluster} already has machine {existing.Name} with IP {existing.IP} (phase {existing.Phase}); it was not added again.");
                output.Error(new ErrorRecord(new InvalidOperationException(message), "TkeMachineExists", ErrorCategory.ResourceExists, ip)
                {
                    ErrorDetails = new ErrorDetails(message)
                    {
                        RecommendedAction = $"Use Get-TkeMachine {existing.Name}, or remove it first with Remove-TkeMachine {existing.Name}.",
                    },
                });
                return;
            }

            var machine = await machines.CreateAsync(body, cluster, ip, port, output, ct).ConfigureAwait(false);
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
            var joined = await AsyncWait.UntilAsync(output, $"Adding machine {ip} ({name}) to {cluster}", TimeoutSec,
                c => machines.GetAsync(name, output, c), (m, c) => Task.FromResult(Check(m)), PollInterval, true, ct).ConfigureAwait(false);
            output.Object(joined);
        }

        private static WaitCheck Check(Machine m) => MachineProgress.Check(m);
    }
}
