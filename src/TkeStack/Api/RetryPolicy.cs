using System;
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
    /// bounded total wait. POST and DELETE are never sent twice: a create is not repeatable.</summary>
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

        public async Task<T> RunAsync<T>(ApiRequest request, Uri uri, IRequestLog log, Func<int, CancellationToken, Task<T>> attempt, CancellationToken cancel)
        {
            var waited = TimeSpan.Zero;
            for (var n = 0; ; n++)
            {
                try
                {
                    return await attempt(n, cancel).ConfigureAwait(false);
                }
                catch (TkeApiException e) when (request.Idempotent && n < _maxRetries && IsTransient(e))
                {
                    var delay = DelayFor(n, e);
                    if (waited + delay > _maxTotalWait)
                    {
                        log.Verbose($"No retry of {request.Method.Method} {uri.AbsolutePath}: waiting {delay.TotalSeconds:0.##} s more would pass the {_maxTotalWait.TotalSeconds:0} s bound on retries.");
                        throw;
                    }
                    waited += delay;
                    log.Verbose($"Retry {n + 1} of {_maxRetries} of {request.Method.Method} {uri.AbsolutePath} in {delay.TotalSeconds:0.##} s: {Why(e)}");
                    await Task.Delay(delay, cancel).ConfigureAwait(false);
                }
            }
        }

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
