using System;
using System.Management.Automation;

namespace TkeStack
{
    /// <summary>Colours a phase for the format views: green when healthy (Running, Active, Available,
    /// a workload's Complete rollout),
    /// red when failed or locked, yellow while on the way (Initializing, Pending, Terminating, ...).
    /// Colour only where the host has <c>$PSStyle</c> (PowerShell 7.2+, which also strips the escape
    /// codes when output is redirected or <c>$PSStyle.OutputRendering</c> is PlainText, and measures
    /// columns without them); plain text on Windows PowerShell 5.1, which has no <c>$PSStyle</c>.
    /// A view calls it as <c>[TkeStack.PhaseStyle]::Paint($_.Phase, $ExecutionContext)</c>.</summary>
    public static class PhaseStyle
    {
        private const string Reset = "\u001b[0m";
        private const string Green = "\u001b[32m";
        private const string Red = "\u001b[31m";
        private const string Yellow = "\u001b[33m";

        /// <summary>The phase, coloured when the session's host supports it.</summary>
        /// <param name="phase">The phase, such as Running.</param>
        /// <param name="context">The <c>$ExecutionContext</c> of the view, to look for <c>$PSStyle</c>.</param>
        public static string Paint(string? phase, EngineIntrinsics? context) => Paint(phase, false, context);

        /// <summary>The phase with "(locked)" after it when the object is locked, coloured red then.</summary>
        /// <param name="phase">The phase, such as Running.</param>
        /// <param name="locked">Whether the object is locked.</param>
        /// <param name="context">The <c>$ExecutionContext</c> of the view, to look for <c>$PSStyle</c>.</param>
        public static string Paint(string? phase, bool locked, EngineIntrinsics? context)
        {
            // The phase is the server's text: its own control characters are shown escaped, only ours colour it.
            var text = ConsoleText.SafeLine(locked ? $"{phase} (locked)" : phase ?? string.Empty);
            if (text.Length == 0 || !HasStyle(context)) return text;
            return ColorOf(phase, locked) + text + Reset;
        }

        private static bool HasStyle(EngineIntrinsics? context)
        {
            try
            {
                return context?.SessionState.PSVariable.GetValue("PSStyle") != null;
            }
            catch (Exception)
            {
                return false;
            }
        }

        private static string ColorOf(string? phase, bool locked)
        {
            if (locked) return Red;
            switch (phase)
            {
                case "Running":
                case "Active":
                case "Available":
                case "Succ":
                case "Succeeded":
                case "PodSucc":
                case "Complete":
                    return Green;
                case "Failed":
                case "PodFailed":
                case "Locked":
                case "Unknown":
                    return Red;
                default:
                    return Yellow;
            }
        }
    }
}
