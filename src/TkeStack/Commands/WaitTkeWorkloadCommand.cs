using System.Management.Automation;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>Wait-TkeWorkload: waits on the rollout of workloads, or of the ImageChange objects an
    /// earlier Set-TkeWorkloadImage -PassThru wrote, with the same fail-fast as -Wait, so waiting is a
    /// step of its own in a pipeline or a later job.</summary>
    [Cmdlet(VerbsLifecycle.Wait, "TkeWorkload")]
    [OutputType(typeof(Workload))]
    public sealed class WaitTkeWorkloadCommand : WorkloadTargetCmdlet
    {
        /// <summary>The container whose image changed (binds from a piped ImageChange): only pods
        /// running <see cref="Image"/> in it count as new, and a failure names the rollback command.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Container { get; set; }

        /// <summary>The new image (binds from a piped ImageChange).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Image { get; set; }

        /// <summary>The image it replaced (binds from a piped ImageChange), for the rollback command.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? PreviousImage { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            if (!CheckTarget()) return;
            if ((Container is null) != (Image is null))
            {
                AddInvalid("-Container and -Image go together (as a piped ImageChange gives them): give both, or neither to wait on the workload as it is.", "TkeInvalidWait", Name);
                return;
            }
            var target = Target(Container, Image, PreviousImage);
            var api = session.Api.Workloads;
            Pipeline.Start(Name, async (output, ct) =>
                output.Object(await RolloutWait.UntilDoneAsync(api, target, TimeoutSec, PollInterval, output, ct).ConfigureAwait(false)));
        }
    }
}
