using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace TkeStack.Api
{
    /// <summary>Where a transient failure happened, kept in the exception's Data: before any answer
    /// (the request may or may not have reached the server) or while the body was read.</summary>
    internal static class TransientFailure
    {
        public const string Key = "TkeStack.TransientFailure";
        public const string BeforeResponse = "BeforeResponse";
        public const string AfterResponse = "AfterResponse";
    }

    /// <summary>The one retry policy of the module, as client-go's: a call that is safe to repeat
    /// (GET, an idempotent PATCH) is sent again on 429, 502, 503, 504 and on a connection failure,
    /// with exponential backoff and jitter, honouring Retry-After, a bounded number of times and a
    /// bounded total wait. POST and DELETE are never sent twice: a create is not repeatable.
    /// The timeout (-TimeoutSec) is a deadline for the call as a whole, retries and their waits
    /// included: each attempt gets what is left of it, a retry whose wait would pass it is not made,
    /// and a call that runs out of it fails with "timed out" saying the real time and the attempts.
    /// (The alternative, a timeout per attempt, made -TimeoutSec 3 fail after 21 s, and the default
    /// 100 s after about 8.5 minutes.)</summary>
    internal sealed class RetryPolicy
    {
        public const string RetryAfterKey = "TkeStack.RetryAfter";
        /// <summary>The longest single wait, whatever Retry-After asks.</summary>
        public static readonly TimeSpan MaxSingleWait = TimeSpan.FromSeconds(30);

        /// <summary>The longest total wait over all the retries of one call.</summary>
        public static readonly TimeSpan DefaultMaxTotalWait = TimeSpan.FromSeconds(60);
        [ThreadStatic] private static Random? _random;

        private readonly int _maxRetries;
        private readonly TimeSpan _baseDelay;
        private readonly TimeSpan _maxTotalWait;

        public RetryPolicy(int maxRetries, TimeSpan baseDelay, TimeSpan? maxTotalWait = null)
        {
            _maxRetries = Math.Max(0, maxRetries);
            _baseDelay = baseDelay;
            _maxTotalWait = maxTotalWait ?? DefaultMaxTotalWait;
        }

        /// <summary>Runs the attempts of a call with no deadline but the caller's token.</summary>
        public Task<T> RunAsync<T>(ApiRequest request, Uri uri, IRequestLog log, Func<int, CancellationToken, Task<T>> attempt, CancellationToken cancel) =>
            RunAsync(request, uri, log, attempt, Timeout.InfiniteTimeSpan, cancel);

        /// <summary>Runs the attempts of a call within <paramref name="timeout"/> for the whole call. Each
        /// attempt gets a token that is cancelled at the deadline or by <paramref name="cancel"/> (Ctrl+C,
        /// which ends the call with <see cref="OperationCanceledException"/>, never as a timeout).</summary>
        public async Task<T> RunAsync<T>(ApiRequest request, Uri uri, IRequestLog log, Func<int, CancellationToken, Task<T>> attempt,
            TimeSpan timeout, CancellationToken cancel)
        {
            var watch = Stopwatch.StartNew();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            if (timeout != Timeout.InfiniteTimeSpan) deadline.CancelAfter(timeout);
            var waited = TimeSpan.Zero;
            for (var n = 0; ; n++)
            {
                try
                {
                    return await attempt(n, deadline.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (deadline.IsCancellationRequested && !cancel.IsCancellationRequested &&
                                          (e is OperationCanceledException || e is TkeApiException { ErrorId: TimedOutId }))
                {
                    throw TimedOut(request, uri, timeout, watch.Elapsed, n + 1, e);
                }
                catch (TkeApiException e) when (request.Idempotent && n < _maxRetries && IsTransient(e))
                {
                    var delay = DelayFor(n, e);
                    if (waited + delay > _maxTotalWait)
                    {
                        log.Verbose($"No retry of {request.Method.Method} {uri.AbsolutePath}: waiting {delay.TotalSeconds:0.##} s more would pass the {_maxTotalWait.TotalSeconds:0} s bound on retries.");
                        throw;
                    }
                    if (timeout != Timeout.InfiniteTimeSpan && watch.Elapsed + delay >= timeout)
                    {
                        log.Verbose($"No retry of {request.Method.Method} {uri.AbsolutePath}: waiting {delay.TotalSeconds:0.##} s more would pass -TimeoutSec {timeout.TotalSeconds:0.##}, which bounds the whole call.");
                        throw;
                    }
                    waited += delay;
                    log.Verbose($"Retry {n + 1} of {_maxRetries} of {request.Method.Method} {uri.AbsolutePath} in {delay.TotalSeconds:0.##} s: {Why(e)}");
                    try
                    {
                        await Task.Delay(delay, deadline.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException c) when (!cancel.IsCancellationRequested)
                    {
                        throw TimedOut(request, uri, timeout, watch.Elapsed, n + 1, c);
                    }
                }
            }
        }

        /// <summary>The error id of a call that ran out of time.</summary>
        public const string TimedOutId = "TkeTimeout";

        /// <summary>A call that ran out of its -TimeoutSec, with the real time taken and the attempts made.</summary>
        internal static TkeApiException TimedOut(ApiRequest request, Uri uri, TimeSpan timeout, TimeSpan elapsed, int attempts, Exception last) =>
            new TkeApiException(
                $"{request.Method.Method} {uri.GetLeftPart(UriPartial.Path)} timed out after {elapsed.TotalSeconds:0.#} s, {attempts} attempt{(attempts == 1 ? "" : "s")} " +
                $"(-TimeoutSec {timeout.TotalSeconds:0.##} bounds the whole call, retries included).",
                TimedOutId, ErrorCategory.OperationTimeout, (last as TkeApiException)?.StatusCode, null,
                "Raise the limit with Connect-Tke -TimeoutSec, or check the console's health.", last);

        /// <summary>429, 502, 503, 504, and a failure of the transport (no answer, a body broken off,
        /// a timeout), which the client marks with <see cref="TransientFailure"/>. Not the 503 of a
        /// cluster whose phase is not Running (ClusterFailure.cs): that lasts longer than any retry.</summary>
        internal static bool IsTransient(TkeApiException e) =>
            (e.StatusCode is 429 or 502 or 503 or 504 && e.ErrorId != "TkeClusterUnhealthy") || e.Data.Contains(TransientFailure.Key);

        private static string Why(TkeApiException e) =>
            e.Data.Contains(TransientFailure.Key) || e.StatusCode is null
                ? e.Message
                : $"the server answered {e.StatusCode}{(string.IsNullOrEmpty(e.Reason) ? "" : " " + e.Reason)}" +
                  (e.Data[RetryAfterKey] is TimeSpan ra ? $" with Retry-After {ra.TotalSeconds:0.##} s" : "");

        internal TimeSpan DelayFor(int n, TkeApiException e)
        {
            if (e.Data[RetryAfterKey] is TimeSpan retryAfter) return retryAfter < MaxSingleWait ? retryAfter : MaxSingleWait;
            var random = _random ??= new Random(Guid.NewGuid().GetHashCode());
            var exp = _baseDelay.TotalMilliseconds * Math.Pow(2, n);
            var jittered = exp / 2 + random.NextDouble() * exp / 2;
            return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxSingleWait.TotalMilliseconds));
        }

        /// <summary>Retry-After in seconds or as an HTTP date.</summary>
        public static TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? header)
        {
            if (header is null) return null;
            if (header.Delta is TimeSpan delta) return delta;
            if (header.Date is DateTimeOffset date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }
    }
}
