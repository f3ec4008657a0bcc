using System;
using System.Linq;
using System.Management.Automation;
using TkeStack.Api;
using TkeStack.Commands;

namespace TkeStack.Models
{
    /// <summary>The judgement of New-TkeMachine -Wait: from one look at a machine, is it done, still
    /// installing (and where), or failed in a way waiting will not mend. A pure function of the
    /// machine, tested with a table of cases (as kubectl's rollout_status_test.go tests its viewers).</summary>
    internal static class MachineProgress
    {
        /// <summary>The install step TKEStack retries into success: EnsureNodeReady polls for a Ready
        /// node for five minutes, then fails with FailedInit, and the controller runs it again; a slow
        /// node (image pulls, CNI start) joins on a later try (tkestack/tke
        /// <c>pkg/platform/provider/baremetal/machine/create.go</c> EnsureNodeReady,
        /// <c>pkg/platform/controller/machine/machine_controller.go</c> onCreate, v1.4.0 to v1.9.2).</summary>
        internal const string RetriedIntoSuccess = "EnsureNodeReady";

        /// <summary>Done on Running; failed on a step that failed (other than
        /// <see cref="RetriedIntoSuccess"/>: every other step runs the same commands on the same node
        /// again and fails the same way until someone fixes the node), on a failed health check, or
        /// when the machine is being removed; otherwise pending, with "step N of M" (or "step N of A-B"
        /// while the conditions fit releases with different counts) and a percentage.</summary>
        internal static WaitCheck Check(Machine m)
        {
            var name = m.Name;
            if (m.Phase == "Running") return WaitCheck.Done("Running");
            if (m.Phase == "Terminating")
            {
                return WaitCheck.Failed(new TkeOperationException($"Machine {name} ({m.IP}) is being removed.",
                    "TkeMachineTerminating", ErrorCategory.InvalidResult));
            }
            if (m.Phase == "Failed")
            {
                var health = m.Conditions.FirstOrDefault(c => c.Type == "HealthCheck" && c.Status == "False");
                var why = health?.Message ?? m.Message;
                return WaitCheck.Failed(new TkeOperationException(
                    $"Machine {name} ({m.IP}) joined but failed its health check: {why}",
                    "TkeMachineFailed", ErrorCategory.InvalidResult,
                    $"Look at the node {m.IP} (kubelet, network), or remove the machine with: Remove-TkeMachine {name}"));
            }
            var position = InstallSteps.Judge(m.Conditions, m.Phase);
            var percent = position.Percent;
            if (position.Failed is Condition failed)
            {
                var at = position.FailedNumber > 0 ? $" ({position.Of(position.FailedNumber)})" : "";
                var message = failed.Message?.TrimEnd('.');
                if (failed.Type == RetriedIntoSuccess)
                {
                    return WaitCheck.Pending($"{failed.Type} (step {position.Of(position.FailedNumber)}): the node is not Ready yet ({message}); TKEStack tries again", percent);
                }
                return WaitCheck.Failed(new TkeOperationException(
                    $"Machine {name} ({m.IP}) failed at install step {failed.Type}{at}: {message}. TKEStack keeps retrying the step (the phase stays Initializing).",
                    "TkeMachineInstallFailed", ErrorCategory.InvalidResult,
                    $"Fix the node and TKEStack goes on by itself, or remove the machine with: Remove-TkeMachine {name}"));
            }
            var step = position.Running ?? m.Phase ?? "Initializing";
            return position.Number > 0
                ? WaitCheck.Pending($"{step} (step {position.Of(position.Number)})", percent)
                : WaitCheck.Pending(step, percent);
        }
    }
}
