using System;
using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>The base of the cmdlets that change something for each pipeline input
    /// (Set-TkeWorkloadImage, New-TkeMachine, Remove-TkeMachine): each input is started as it arrives,
    /// at most <see cref="ThrottleLimit"/> at once, through one <see cref="ThrottledPipeline"/> that
    /// writes results, errors and log lines in input order and is drained at the end.</summary>
    public abstract class TkeThrottledCmdlet : TkeApiCmdlet
    {
        private ThrottledPipeline? _pipeline;

        /// <summary>How many inputs are worked on at once (each is started as it arrives; results and
        /// errors are written in input order). 8 by default.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Seconds between two looks at an object while waiting.</summary>
        internal TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The pipeline of this invocation, made on first use (after parameters are bound).</summary>
        internal ThrottledPipeline Pipeline => _pipeline ??= new ThrottledPipeline(this, ThrottleLimit);

        /// <inheritdoc />
        protected override void EndProcessing() => _pipeline?.Complete();

        /// <summary>Checks names as <see cref="TkeCmdletBase.CheckName"/> does, for output that goes
        /// through the <see cref="Pipeline"/>: the first bad name's error takes its turn in input order.</summary>
        internal bool CheckNames(params (string? Value, TkeNameKind Kind)[] names)
        {
            foreach (var (value, kind) in names)
            {
                var problem = TkeName.Problem(value, kind, false);
                if (problem is null) continue;
                Pipeline.Add(_ => WriteInvalid(problem, "TkeInvalidName", value));
                return false;
            }
            return true;
        }

        /// <summary>Writes a bad-input error in its turn in input order.</summary>
        internal void AddInvalid(string message, string errorId, object? target) => Pipeline.Add(_ => WriteInvalid(message, errorId, target));
    }
}
