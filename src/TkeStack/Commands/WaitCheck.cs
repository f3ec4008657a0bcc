using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>What one look at a thing being waited on found: done, failed (stop at once, without
    /// waiting out the deadline), or still going with a status line and a percentage for Write-Progress.</summary>
    internal readonly struct WaitCheck
    {
        private WaitCheck(bool done, TkeApiException? failure, string status, int percent)
        {
            IsDone = done;
            Failure = failure;
            Status = status;
            Percent = percent;
        }

        public bool IsDone { get; }
        public TkeApiException? Failure { get; }
        public string Status { get; }
        public int Percent { get; }

        public static WaitCheck Done(string status) => new WaitCheck(true, null, status, 100);

        public static WaitCheck Pending(string status, int percent = -1) => new WaitCheck(false, null, status, percent);

        public static WaitCheck Failed(TkeApiException failure) => new WaitCheck(false, failure, failure.Message, -1);
    }
}

namespace TkeStack.Commands
{
    /// <summary>One thing <see cref="TkeApiCmdlet.WaitUntilAll{T}"/> waits on: how to read it, and
    /// how its wait ended (the last state read, or the error that ended it).</summary>
    internal sealed class WaitTarget<T>
    {
        public WaitTarget(string activity, object? target, System.Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> read)
        {
            Activity = activity;
            Target = target;
            Read = read;
        }

        /// <summary>The progress bar's title, also named by a timeout.</summary>
        public string Activity { get; }

        /// <summary>What an error about this wait is about (its TargetObject).</summary>
        public object? Target { get; }

        public System.Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> Read { get; }

        /// <summary>The last state read.</summary>
        public T? State { get; set; }

        /// <summary>The last status line (for a timeout's message).</summary>
        public string Status { get; set; } = "not read yet";

        /// <summary>Why the wait on this target failed; null when it ended done.</summary>
        public TkeApiException? Error { get; set; }

        public bool Finished { get; set; }
    }
}
