using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>Remove-TkeMachine: guide 3.3, remove nodes. TKEStack answers the first DELETE with the
    /// machine in Terminating, removes the node, then the machine; a DELETE meanwhile answers 409.</summary>
    [Cmdlet(VerbsCommon.Remove, "TkeMachine", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveTkeMachineCommand : TkeThrottledCmdlet
    {

        /// <summary>Machine names (mc-xxxxxxxx), exactly. Binds from piped machines.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.MachineNameCompleter))]
        public string[] Name { get; set; } = new string[0];

        /// <summary>A machine piped in (Get-TkeMachine | Remove-TkeMachine): its IP and cluster go into
        /// the prompt and the -WhatIf line, as people know nodes by IP. Its name binds to -Name.</summary>
        [Parameter(ValueFromPipeline = true)]
        public Machine? InputObject { get; set; }

        /// <summary>Wait until each machine is gone (its node removed), with progress.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long -Wait waits, in seconds (each machine); 600 by default.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TimeoutSec { get; set; } = 600;

        /// <summary>Remove without asking for confirmation (-WhatIf still only shows).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            var machines = session.Api.Machines;
            foreach (var name in Name)
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    AddInvalid($"Remove-TkeMachine takes exact names, not '{name}'. To remove by pattern: Get-TkeMachine '{name}' | Remove-TkeMachine",
                        "TkeWildcardNotAllowed", name);
                    continue;
                }
                if (!CheckNames((name, TkeNameKind.Object))) continue;
                if (!(Force && !WhatIfRequested) && !ShouldProcess(Describe(machines, name), "Remove machine")) continue;
                Pipeline.Start(name, (output, ct) => RemoveAsync(machines, name, output, ct));
            }
        }

        private async Task RemoveAsync(MachineOperations machines, string name, ThrottledPipeline.ItemOutput output, CancellationToken ct)
        {
            if (await machines.DeleteAsync(name, output, ct).ConfigureAwait(false)) output.Verbose($"Machine {name} is being removed (Terminating).");
            // TKEStack answers 409 while the node is being removed: what was asked is under way.
            else output.Warning($"Machine {name} is already being removed.");
            if (!Wait) return;
            await AsyncWait.UntilAsync(output, $"Removing machine {name}", TimeoutSec, c => machines.FindAsync(name, output, c),
                (m, c) => Task.FromResult(m is null
                    ? WaitCheck.Done("Removed")
                    : WaitCheck.Pending($"{m.Phase}: removing the node from {m.ClusterName}")), PollInterval, true, ct).ConfigureAwait(false);
        }

        /// <summary>"mc-x (10.0.0.21 in cls-a1b2c3d4)" for the prompt: from the machine piped in, else
        /// read once before asking (never for -WhatIf, which sends nothing); the name alone when the
        /// machine cannot be read (the DELETE then says why).</summary>
        private string Describe(MachineOperations machines, string name)
        {
            var machine = InputObject?.Name == name ? InputObject : null;
            var noPrompt = MyInvocation.BoundParameters.TryGetValue("Confirm", out var c) && !LanguagePrimitives.IsTrue(c);
            if (machine is null && !WhatIfRequested && !noPrompt)
            {
                try
                {
                    machine = Call((log, ct) => machines.GetAsync(name, log, ct));
                }
                catch (TkeException)
                {
                    return name;
                }
            }
            return machine is null ? name : $"{name} ({machine.IP} in {machine.ClusterName})";
        }

        private bool WhatIfRequested =>
            (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && LanguagePrimitives.IsTrue(w)) ||
            LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
    }
}
