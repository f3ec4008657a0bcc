using TkeStack.Api;

namespace TkeStack
{
    /// <summary>What one look at a thing being waited on found: done, failed (stop at once, without
    /// waiting out the deadline), or still going with a status line and a percentage for Write-Progress.</summary>
    internal readonly struct WaitCheck
    {
        private WaitCheck(bool done, TkeException? failure, string status, int percent)
        {
            IsDone = done;
            Failure = failure;
            Status = status;
            Percent = percent;
        }

        public bool IsDone { get; }
        public TkeException? Failure { get; }
        public string Status { get; }
        public int Percent { get; }

        public static WaitCheck Done(string status) => new WaitCheck(true, null, status, 100);

        public static WaitCheck Pending(string status, int percent = -1) => new WaitCheck(false, null, status, percent);

        public static WaitCheck Failed(TkeException failure) => new WaitCheck(false, failure, failure.Message, -1);
    }
}
