namespace TkeStack
{
    /// <summary>One step of Test-TkeConnection: what was tried, how it went, what it found and what to do.</summary>
    public sealed class TkeConnectionStep
    {
        internal TkeConnectionStep(int step, string check, string result, string finding, string? advice = null, string? command = null)
        {
            Step = step;
            Check = check;
            Result = result;
            Finding = finding;
            Advice = advice;
            Command = command;
        }

        /// <summary>The step's number, from 1.</summary>
        public int Step { get; }

        /// <summary>What was tried, such as "Guide's console (/platform)".</summary>
        public string Check { get; }

        /// <summary>Passed, Failed, Found (the answer says what is there), Warning or Skipped.</summary>
        public string Result { get; }

        /// <summary>What the answer showed.</summary>
        public string Finding { get; }

        /// <summary>What to do about it, when something is to be done.</summary>
        public string? Advice { get; }

        /// <summary>On the last step: the Connect-Tke command that works here.</summary>
        public string? Command { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Step}. {Check}: {Result}: {Finding}";
    }
}
