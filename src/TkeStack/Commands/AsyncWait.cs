using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>The wait of one input of a <see cref="ThrottledPipeline"/>: polls until a check says
    /// done, with a progress bar passed to the pipeline thread (its Completed record sent however the
    /// wait ends), a deadline that ends in a TkeWaitTimeout error naming the state reached, a failure
    /// that stops at once, and Ctrl+C that cancels the pause between two looks.</summary>
    internal static class AsyncWait
    {
        /// <summary>The state that ended the wait done; else throws the failure, the read error or the timeout.</summary>
        /// <param name="output">Where progress goes.</param>
        /// <param name="activity">The progress bar's title, also named by a timeout.</param>
        /// <param name="timeoutSec">How long to wait, from now.</param>
        /// <param name="read">One look at the thing.</param>
        /// <param name="check">What a look means (it may read more, for a failure's details).</param>
        /// <param name="interval">The pause between two looks.</param>
        /// <param name="firstLookAfterPause">Pause before the first look too (the answer of the change is the first look).</param>
        /// <param name="cancel">Ctrl+C.</param>
        public static async Task<T> UntilAsync<T>(ThrottledPipeline.ItemOutput output, string activity, int timeoutSec,
            Func<CancellationToken, Task<T>> read, Func<T, CancellationToken, Task<WaitCheck>> check, TimeSpan interval,
            bool firstLookAfterPause, CancellationToken cancel)
        {
            var watch = Stopwatch.StartNew();
            var timeout = TimeSpan.FromSeconds(timeoutSec);
            var progress = new ProgressRecord(ThrottledPipeline.ItemOutput.NewProgressId(), activity, "Starting");
            var status = "not read yet";
            try
            {
                if (firstLookAfterPause) await Task.Delay(interval < timeout ? interval : timeout, cancel).ConfigureAwait(false);
                while (true)
                {
                    var state = await read(cancel).ConfigureAwait(false);
                    var c = await check(state, cancel).ConfigureAwait(false);
                    status = c.Status;
                    if (c.Failure != null) throw c.Failure;
                    if (c.IsDone) return state;
                    var left = timeout - watch.Elapsed;
                    if (left <= TimeSpan.Zero)
                    {
                        throw new TkeOperationException($"Timed out after {timeoutSec} s waiting for {activity}; the state reached: {status}",
                            "TkeWaitTimeout", ErrorCategory.OperationTimeout,
                            "Wait longer with -TimeoutSec, or look at the object's conditions and events.");
                    }
                    // Not SecondsRemaining: the console shows it as "1798s", which reads as an estimate
                    // of when the work ends; what is known is only when the wait gives up.
                    output.Progress(new ProgressRecord(progress.ActivityId, activity, c.Status)
                    {
                        PercentComplete = c.Percent,
                        CurrentOperation = TimeoutText(left, timeoutSec),
                    });
                    await Task.Delay(left < interval ? left : interval, cancel).ConfigureAwait(false);
                }
            }
            finally
            {
                output.Progress(new ProgressRecord(progress.ActivityId, activity, status) { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>"gives up in 29m 58s (-TimeoutSec 1800)": the time left before the wait's deadline, said as such.</summary>
        internal static string TimeoutText(TimeSpan left, int timeoutSec)
        {
            var whole = TimeSpan.FromSeconds(Math.Max(0, Math.Ceiling(left.TotalSeconds)));
            var text = whole.TotalHours >= 1 ? $"{(int)whole.TotalHours}h {whole.Minutes}m"
                : whole.TotalMinutes >= 1 ? $"{whole.Minutes}m {whole.Seconds}s"
                : $"{whole.Seconds}s";
            return $"gives up in {text} (-TimeoutSec {timeoutSec})";
        }
    }
}
