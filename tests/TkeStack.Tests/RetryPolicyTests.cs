using System.Diagnostics;
using System.Management.Automation;
using System.Net.Http.Headers;
using TkeStack.Api;

namespace TkeStack.Tests;

/// <summary>The one retry policy: what it retries, how long it waits, and what it never repeats.</summary>
public sealed class RetryPolicyTests
{
    private static readonly Uri Uri = new("http://console.test/platform/apis/platform.tkestack.io/v1/clusters");

    private sealed class Log : IRequestLog
    {
        public List<string> Lines { get; } = new();
        public void Verbose(string message) => Lines.Add(message);
        public void Debug(string message) { }
    }

    private static TkeApiException Http(int code, TimeSpan? retryAfter = null)
    {
        var e = new TkeApiException($"HTTP {code}", "TkeApiHttp" + code, ErrorCategory.ResourceUnavailable, code);
        if (retryAfter != null) e.Data[RetryPolicy.RetryAfterKey] = retryAfter.Value;
        return e;
    }

    private static TkeApiException Dropped() => new("failed before an answer", "TkeConnectionFailed", ErrorCategory.ConnectionError)
    {
        Data = { [TransientFailure.Key] = TransientFailure.BeforeResponse },
    };

    private static async Task<(int Attempts, Exception? Error, Log Log)> Run(ApiRequest request, Func<int, Exception?> fail, int retries = 4, TimeSpan? total = null)
    {
        var policy = new RetryPolicy(retries, TimeSpan.FromMilliseconds(10), total);
        var attempts = 0;
        var log = new Log();
        try
        {
            await policy.RunAsync(request, Uri, log, (n, _) =>
            {
                attempts++;
                return fail(n) is { } e ? Task.FromException<int>(e) : Task.FromResult(n);
            }, CancellationToken.None);
            return (attempts, null, log);
        }
        catch (Exception e)
        {
            return (attempts, e, log);
        }
    }

    [Theory]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task A_GET_is_retried_on_a_transient_status_and_says_why(int code)
    {
        var (attempts, error, log) = await Run(ApiRequest.Get("/x"), n => n < 2 ? Http(code) : null);
        Assert.Null(error);
        Assert.Equal(3, attempts);
        Assert.Equal(2, log.Lines.Count);
        Assert.Contains($"the server answered {code}", log.Lines[0]);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(500)]
    public async Task Other_statuses_are_not_retried(int code)
    {
        var (attempts, error, _) = await Run(ApiRequest.Get("/x"), _ => Http(code));
        Assert.Equal(1, attempts);
        Assert.IsType<TkeApiException>(error);
    }

    [Fact]
    public async Task A_connection_failure_of_a_GET_is_retried()
    {
        var (attempts, error, _) = await Run(ApiRequest.Get("/x"), n => n == 0 ? Dropped() : null);
        Assert.Null(error);
        Assert.Equal(2, attempts);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task POST_and_DELETE_are_never_sent_twice(string method)
    {
        var request = new ApiRequest(new HttpMethod(method), "/x");
        Assert.Equal(1, (await Run(request, _ => Http(503))).Attempts);
        Assert.Equal(1, (await Run(request, _ => Dropped())).Attempts);
    }

    [Fact]
    public async Task An_idempotent_PATCH_is_retried_and_a_plain_one_is_not()
    {
        Assert.Equal(1, (await Run(new ApiRequest(new HttpMethod("PATCH"), "/x"), _ => Http(503))).Attempts);
        Assert.Equal(5, (await Run(new ApiRequest(new HttpMethod("PATCH"), "/x").AsIdempotent(), _ => Http(503))).Attempts);
    }

    [Fact]
    public async Task The_number_of_retries_is_bounded()
    {
        var (attempts, error, _) = await Run(ApiRequest.Get("/x"), _ => Http(503), retries: 3);
        Assert.Equal(4, attempts);
        Assert.Equal(503, Assert.IsType<TkeApiException>(error).StatusCode);
    }

    [Fact]
    public async Task The_total_wait_is_bounded_even_when_Retry_After_asks_for_more()
    {
        var watch = Stopwatch.StartNew();
        var (attempts, error, log) = await Run(ApiRequest.Get("/x"), _ => Http(429, TimeSpan.FromSeconds(20)), total: TimeSpan.FromSeconds(1));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(1, attempts);
        Assert.NotNull(error);
        Assert.Contains("bound on retries", log.Lines.Last());
    }

    [Fact]
    public async Task Retry_After_decides_the_wait()
    {
        var watch = Stopwatch.StartNew();
        var (attempts, error, _) = await Run(ApiRequest.Get("/x"), n => n == 0 ? Http(429, TimeSpan.FromMilliseconds(400)) : null);
        Assert.Null(error);
        Assert.Equal(2, attempts);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(380), $"waited {watch.Elapsed}");
    }

    [Fact]
    public void Backoff_doubles_with_jitter_and_is_capped()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1));
        for (var n = 0; n < 4; n++)
        {
            var d = policy.DelayFor(n, Http(503)).TotalSeconds;
            var full = Math.Pow(2, n);
            Assert.InRange(d, full / 2, full);
        }
        Assert.Equal(RetryPolicy.MaxSingleWait, policy.DelayFor(9, Http(503)));
        Assert.Equal(RetryPolicy.MaxSingleWait, policy.DelayFor(0, Http(429, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void Retry_After_is_read_as_seconds_or_as_an_HTTP_date()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.ReadRetryAfter(RetryConditionHeaderValue.Parse("7")));
        var date = RetryPolicy.ReadRetryAfter(RetryConditionHeaderValue.Parse(DateTimeOffset.UtcNow.AddSeconds(30).ToString("r")))!.Value;
        Assert.InRange(date.TotalSeconds, 25, 31);
        Assert.Equal(TimeSpan.Zero, RetryPolicy.ReadRetryAfter(RetryConditionHeaderValue.Parse("Wed, 21 Oct 2015 07:28:00 GMT")));
        Assert.Null(RetryPolicy.ReadRetryAfter(null));
    }

    [Fact]
    public async Task Ctrl_C_ends_the_wait_between_retries_at_once()
    {
        var policy = new RetryPolicy(4, TimeSpan.FromSeconds(20));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            policy.RunAsync<int>(ApiRequest.Get("/x"), Uri, NullRequestLog.Instance, (_, _) => Task.FromException<int>(Http(503)), cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
    }

    // -TimeoutSec is a deadline for the call as a whole, retries included.

    [Fact]
    public async Task A_call_that_never_answers_fails_at_the_deadline_saying_the_real_time_and_the_attempts()
    {
        var policy = new RetryPolicy(4, TimeSpan.FromMilliseconds(10));
        var attempts = 0;
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<TkeApiException>(() => policy.RunAsync<int>(ApiRequest.Get("/x"), Uri, NullRequestLog.Instance, async (_, ct) =>
        {
            attempts++;
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }, TimeSpan.FromMilliseconds(400), CancellationToken.None));
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.35, 3);
        Assert.Equal(1, attempts);
        Assert.Equal("TkeTimeout", e.ErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, e.Category);
        Assert.Matches(@"^GET http://console\.test/platform/apis/platform\.tkestack\.io/v1/clusters timed out after 0\.\d s, 1 attempt \(-TimeoutSec 0\.4 bounds the whole call, retries included\)\.$", e.Message);
    }

    [Fact]
    public async Task Retries_share_the_deadline_and_the_message_counts_every_attempt()
    {
        var policy = new RetryPolicy(4, TimeSpan.FromMilliseconds(10));
        var attempts = 0;
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<TkeApiException>(() => policy.RunAsync<int>(ApiRequest.Get("/x"), Uri, NullRequestLog.Instance, async (n, ct) =>
        {
            attempts++;
            if (n < 2) throw Dropped();
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }, TimeSpan.FromMilliseconds(600), CancellationToken.None));
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.55, 3);
        Assert.Equal(3, attempts);
        Assert.Equal("TkeTimeout", e.ErrorId);
        Assert.Contains(", 3 attempts (", e.Message);
    }

    [Fact]
    public async Task A_retry_whose_wait_would_pass_the_deadline_is_not_made()
    {
        var policy = new RetryPolicy(4, TimeSpan.FromSeconds(2));
        var log = new Log();
        var attempts = 0;
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<TkeApiException>(() => policy.RunAsync<int>(ApiRequest.Get("/x"), Uri, log, (_, _) =>
        {
            attempts++;
            return Task.FromException<int>(Http(503));
        }, TimeSpan.FromMilliseconds(500), CancellationToken.None));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(0.5), $"gave up at once, not after {watch.Elapsed}");
        Assert.Equal(1, attempts);
        Assert.Equal(503, e.StatusCode);
        Assert.Contains(log.Lines, l => l.Contains("would pass -TimeoutSec 0.5, which bounds the whole call"));
    }

    [Fact]
    public async Task Ctrl_C_before_the_deadline_is_not_a_timeout()
    {
        var policy = new RetryPolicy(4, TimeSpan.FromMilliseconds(10));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => policy.RunAsync<int>(ApiRequest.Get("/x"), Uri, NullRequestLog.Instance, async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }, TimeSpan.FromSeconds(30), cts.Token));
    }
}
