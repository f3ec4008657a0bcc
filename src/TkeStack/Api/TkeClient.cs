using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace TkeStack.Api
{
    /// <summary>The whole HTTP story of a session, in one place: one HttpClient (so connections are
    /// reused, safely from many threads), the bearer key, the cluster header, timeouts, retries of
    /// calls that are safe to repeat, and the mapping of failures to <see cref="TkeApiException"/>.
    /// It is built from what it needs (where, which key, how) and knows nothing of sessions; the
    /// resource operations (<see cref="TkeApi"/>) are the only callers.</summary>
    internal sealed class TkeClient : IDisposable
    {
        private readonly ApiEndpoint _endpoint;
        private readonly ApiCredential _credential;
        private readonly TkeClientOptions _options;
        private readonly HttpClient _http;
        private readonly RetryPolicy _retry;

        public TkeClient(ApiEndpoint endpoint, ApiCredential credential, TkeClientOptions options)
        {
            _endpoint = endpoint;
            _credential = credential;
            _options = options;
            var o = options;
            var handler = new HttpClientHandler
            {
                // A 3xx is reported, never followed: a redirect would carry the key elsewhere, and the
                // open-source gateway answers an unknown path with a 302 to its login page.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
            };
            if (o.SkipCertificateCheck)
            {
                handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
            }
            if (o.NoProxy)
            {
                handler.UseProxy = false;
            }
            else if (o.Proxy != null)
            {
                handler.UseProxy = true;
                // UseDefaultCredentials is a view of Credentials: setting it to false clears them,
                // so it is set only when asked for (and never after Credentials).
                var proxy = new WebProxy(o.Proxy);
                if (o.ProxyUseDefaultCredentials) proxy.UseDefaultCredentials = true;
                else proxy.Credentials = o.ProxyCredential;
                handler.Proxy = proxy;
            }
            _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("TkeStack", typeof(TkeClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
            _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            _retry = new RetryPolicy(o.MaximumRetryCount, TimeSpan.FromSeconds(o.RetryIntervalSec));
        }

        /// <summary>Sends a call and returns its answer, a success, in pooled chunks the caller disposes
        /// (<see cref="ApiAnswer"/> reads it); any failure is a <see cref="TkeApiException"/>.</summary>
        public async Task<ApiAnswer> SendAsync(ApiRequest request, IRequestLog log, CancellationToken cancel)
        {
            if (!request.Anonymous) await RenewIfDueAsync(log, cancel).ConfigureAwait(false);
            return await ExchangeAsync(request, log, cancel).ConfigureAwait(false);
        }

        /// <summary>The call with its retries, under one deadline (-TimeoutSec, see RetryPolicy), and its
        /// answer; the credential is the one in place (no renewal first: the renewal itself calls this).</summary>
        private async Task<ApiAnswer> ExchangeAsync(ApiRequest request, IRequestLog log, CancellationToken cancel)
        {
            var uri = BuildUri(request);
            var (code, contentType, body, cookie) = await _retry.RunAsync(request, uri, log, (attempt, ct) => SendOnceAsync(request, uri, log, ct, cancel),
                TimeSpan.FromSeconds(_options.TimeoutSec), cancel).ConfigureAwait(false);
            return new ApiAnswer(request.Method.Method, uri, code, contentType, body) { SetCookie = cookie };
        }

        /// <summary>How long before a console login lapses it is renewed: the console renews in its last
        /// minutes too, and a call that started on a fresh cookie ends before it lapses.</summary>
        internal static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

        private readonly SemaphoreSlim _renewing = new SemaphoreSlim(1, 1);

        /// <summary>Renews a console login that lapses within <see cref="RenewBefore"/>, once, whichever
        /// thread comes first (tkestack/tke <c>pkg/gateway/api/token.go</c>: POST tokens/renew with the
        /// cookie answers 201 and a new cookie, or 204 when the login has no refresh token). A login
        /// that cannot be renewed is used until it lapses; one that has lapsed fails here, before the
        /// call is sent, as the gateway would refuse it.</summary>
        private async Task RenewIfDueAsync(IRequestLog log, CancellationToken cancel)
        {
            if (_credential.Kind != TkeCredentialKind.ConsoleLogin || _credential.Token.Length == 0) return;
            if (!RenewDue(_credential.KeyInfo.ExpiresAt, DateTimeOffset.UtcNow, _credential.CannotRenew)) return;
            await _renewing.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                var info = _credential.KeyInfo;
                if (!RenewDue(info.ExpiresAt, DateTimeOffset.UtcNow, _credential.CannotRenew)) return;
                var request = new ApiRequest(HttpMethod.Post, ApiRoutes.TokenRenew, ApiGroup.Gateway).WantingCookie();
                log.Debug($"The console login lapses at {info.ExpiresAt:u}: renewing it.");
                try
                {
                    string? cookie;
                    int code;
                    using (var answer = await ExchangeAsync(request, log, cancel).ConfigureAwait(false))
                    {
                        cookie = answer.SetCookie;
                        code = answer.StatusCode;
                    }
                    var renewed = cookie is null ? null : GatewayCookie.Read(cookie);
                    if (code == 204 || renewed is null)
                    {
                        _credential.CannotRenew = true;
                        log.Debug("The gateway cannot renew this login (it has no refresh token): it is used until it lapses.");
                        return;
                    }
                    _credential.Replace(SecureText.FromPlain(cookie!), ApiKeyInfo.FromLogin(renewed.Value, info.User));
                }
                catch (TkeApiException e) when (!(info.ExpiresAt <= DateTimeOffset.UtcNow) && e.StatusCode != 401)
                {
                    // The login still holds: the call goes on with it, and renewal is tried again next call.
                    log.Debug("Renewing the console login failed; going on with it until it lapses: " + e.Message);
                }
            }
            finally
            {
                _renewing.Release();
            }
        }

        /// <summary>True when a login lapsing at <paramref name="expires"/> is to be renewed at <paramref name="now"/>.</summary>
        internal static bool RenewDue(DateTimeOffset? expires, DateTimeOffset now, bool cannotRenew) =>
            !cannotRenew && expires is { } e && e - now < RenewBefore;

        /// <summary>One attempt: the answer of a success, or a <see cref="TkeApiException"/>. Transient
        /// failures carry <see cref="TransientFailure"/> so the retry policy can judge them.
        /// <paramref name="deadline"/> ends at the call's deadline or on Ctrl+C; <paramref name="cancel"/>
        /// on Ctrl+C only, so the two are told apart.</summary>
        private async Task<(int Code, string? ContentType, ResponseBody Body, string? Cookie)> SendOnceAsync(ApiRequest request, Uri uri, IRequestLog log,
            CancellationToken deadline, CancellationToken cancel)
        {
            var watch = Stopwatch.StartNew();
            var response = await SendHeadersAsync(request, uri, log, "", deadline, cancel).ConfigureAwait(false);

            using (response)
            {
                ResponseBody body;
                try
                {
                    body = await ReadBodyAsync(response, deadline).ConfigureAwait(false);
                }
                catch (Exception e) when ((e is OperationCanceledException || e is IOException || e is HttpRequestException) &&
                                          deadline.IsCancellationRequested && !cancel.IsCancellationRequested)
                {
                    throw TimedOut(request, uri, (int)response.StatusCode);
                }
                catch (Exception e) when ((e is HttpRequestException || e is IOException) && !cancel.IsCancellationRequested)
                {
                    throw new TkeApiException($"{request.Method.Method} {uri.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} but the body broke off: {Innermost(e)}",
                        "TkeResponseTruncated", ErrorCategory.ConnectionError, (int)response.StatusCode, null, null, e)
                    { Data = { [TransientFailure.Key] = TransientFailure.AfterResponse } };
                }
                var code = (int)response.StatusCode;
                var contentType = response.Content.Headers.ContentType?.ToString();
                log.Debug($"{code} {response.ReasonPhrase} in {watch.ElapsedMilliseconds} ms, {body.Length} bytes");
                // A success hands its pooled chunks on to SendAsync, which gives them back.
                if (code >= 200 && code < 300)
                {
                    var cookie = request.WantsCookie && response.Headers.TryGetValues("Set-Cookie", out var set) ? GatewayCookie.FromSetCookie(set) : null;
                    return (code, contentType, body, cookie);
                }

                byte[] bytes;
                using (body) bytes = body.ToArray();
                throw FailureOf(response, bytes, request, uri);
            }
        }

        /// <summary>Sends a request and waits for its answer's headers; a failure before any answer is
        /// a <see cref="TkeApiException"/>: the deadline (TimedOut), a TLS certificate refused (not
        /// transient), or a connection that failed (transient, before any response).</summary>
        private async Task<HttpResponseMessage> SendHeadersAsync(ApiRequest request, Uri uri, IRequestLog log, string note,
            CancellationToken deadline, CancellationToken cancel)
        {
            using var message = NewMessage(request, uri);
            log.Debug($"{request.Method.Method} {uri}" + (request.ClusterName is null ? "" : $" X-TKE-ClusterName: {request.ClusterName}")
                + (request.ContentType is null ? "" : $" Content-Type: {request.ContentType} ({request.Body?.Length ?? 0} bytes)") + note);
            try
            {
                return await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                throw TimedOut(request, uri, null);
            }
            catch (HttpRequestException e) when (!cancel.IsCancellationRequested && IsCertificateFailure(e))
            {
                // Not transient: the same certificate will be refused again.
                throw new TkeApiException($"{request.Method.Method} {uri.GetLeftPart(UriPartial.Path)} failed: the server's TLS certificate is not trusted ({Innermost(e)}).",
                    "TkeCertificateInvalid", ErrorCategory.SecurityError, null, null,
                    "Trust the console's certificate authority on this machine, or, only for a console you trust on a network you trust, Connect-Tke -SkipCertificateCheck.", e);
            }
            catch (HttpRequestException e) when (!cancel.IsCancellationRequested)
            {
                throw new TkeApiException($"{request.Method.Method} {uri.GetLeftPart(UriPartial.Path)} failed before an answer: {Innermost(e)}",
                    "TkeConnectionFailed", ErrorCategory.ConnectionError, null, null,
                    "Check that the console URI is right and reachable from here (proxy, firewall, TLS).", e)
                { Data = { [TransientFailure.Key] = TransientFailure.BeforeResponse } };
            }
        }

        /// <summary>The error of an answer that is not a success, with its Retry-After for the retry policy.
        /// A secret the request carried and the answer echoes (a wrong password) is replaced by ***.</summary>
        private TkeApiException FailureOf(HttpResponseMessage response, byte[] body, ApiRequest request, Uri uri)
        {
            if (request.Echoed.Count > 0)
            {
                var text = Encoding.UTF8.GetString(body);
                foreach (var secret in request.Echoed)
                {
                    if (secret.Length > 0) text = text.Replace(secret, "***");
                }
                body = Encoding.UTF8.GetBytes(text);
            }
            var caller = new Caller(_endpoint.Dialect, _credential.Kind, _credential.KeyInfo, request.Api);
            var error = ErrorMapper.FromResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body, request.Method.Method, uri,
                caller, response.Headers.Location?.ToString());
            var retryAfter = RetryPolicy.ReadRetryAfter(response.Headers.RetryAfter);
            if (retryAfter != null) error.Data[RetryPolicy.RetryAfterKey] = retryAfter.Value;
            return error;
        }

        /// <summary>The HTTP message of a request: the credential, the cluster header, the body.</summary>
        private HttpRequestMessage NewMessage(ApiRequest request, Uri uri)
        {
            var message = new HttpRequestMessage(request.Method, uri);
            if (!request.Anonymous) AddCredential(message);
            if (request.ClusterName != null) message.Headers.TryAddWithoutValidation("X-TKE-ClusterName", request.ClusterName);
            if (request.Body != null)
            {
                var content = new ByteArrayContent(request.Body);
                content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType ?? "application/json");
                message.Content = content;
            }
            return message;
        }

        /// <summary>The credential as the console's dialect wants it: the guide's console reads an API key
        /// from <c>Authorization: Bearer</c>; the open-source gateway reads only its <c>tke</c> cookie
        /// (an API key goes in it as the token the gateway hands on) and, from v1.9.1, the CSRF header
        /// made from it, which older gateways ignore (<see cref="GatewayCookie"/>).</summary>
        private void AddCredential(HttpRequestMessage message)
        {
            var secret = SecureText.ToPlain(_credential.Token);
            if (secret.Length == 0) return;
            if (_endpoint.Dialect == TkeDialect.Console)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
                return;
            }
            var cookie = _credential.Kind == TkeCredentialKind.ConsoleLogin ? secret : GatewayCookie.ForApiKey(secret, _credential.KeyInfo.ExpiresAt);
            message.Headers.TryAddWithoutValidation("Cookie", GatewayCookie.Name + "=" + cookie);
            message.Headers.TryAddWithoutValidation(GatewayCookie.CsrfHeader, GatewayCookie.Csrf(cookie));
        }

        /// <summary>Sends a GET whose answer is a stream of text (a container's log) and hands the
        /// body to <paramref name="read"/> as it arrives, never holding it whole. -TimeoutSec bounds
        /// the wait for the answer's headers, not the reading (a followed log has no end); only that
        /// wait is retried, as nothing has been handed on yet. An error answer is mapped as any other.</summary>
        public async Task StreamAsync(ApiRequest request, IRequestLog log, Func<Stream, CancellationToken, Task> read, CancellationToken cancel)
        {
            var uri = BuildUri(request);
            await RenewIfDueAsync(log, cancel).ConfigureAwait(false);
            using var response = await _retry.RunAsync(request, uri, log, async (attempt, ct) =>
            {
                var answer = await SendHeadersAsync(request, uri, log, " (streamed)", ct, cancel).ConfigureAwait(false);
                var code = (int)answer.StatusCode;
                if (code >= 200 && code < 300) return answer;
                using (answer)
                {
                    byte[] bytes;
                    using (var body = await ReadBodyAsync(answer, ct).ConfigureAwait(false)) bytes = body.ToArray();
                    throw FailureOf(answer, bytes, request, uri);
                }
            }, TimeSpan.FromSeconds(_options.TimeoutSec), cancel).ConfigureAwait(false);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            await read(stream, cancel).ConfigureAwait(false);
        }

        /// <summary>The whole body, in chunks rented from the shared pool (the caller disposes it), refused
        /// once more than -MaximumResponseSizeMB has come. The count is of the bytes after decompression
        /// (the handler inflates gzip and deflate), so a small compressed bomb is refused at the cap too.</summary>
        private async Task<ResponseBody> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancel)
        {
            var max = _options.MaxResponseBytes;
            if (response.Content.Headers.ContentLength is long declared && declared > max) throw TooLarge(declared);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            return await ResponseBody.ReadAsync(stream, max, TooLarge, cancel).ConfigureAwait(false);
        }

        private TkeApiException TooLarge(long size) => new TkeApiException(
            $"The answer is larger than {_options.MaxResponseBytes / (1024 * 1024)} MiB ({size} bytes or more): refused rather than read into memory.",
            "TkeResponseTooLarge", ErrorCategory.LimitsExceeded);

        /// <summary>The deadline passed in this attempt; the retry policy turns it into the call's timeout,
        /// with the time and the attempts.</summary>
        private static TkeApiException TimedOut(ApiRequest request, Uri uri, int? code) => new TkeApiException(
            $"{request.Method.Method} {uri.GetLeftPart(UriPartial.Path)} timed out.",
            RetryPolicy.TimedOutId, ErrorCategory.OperationTimeout, code, null, "Raise the limit with Connect-Tke -TimeoutSec, or check the console's health.");

        /// <summary>The page size lists ask for (0: whole lists in one answer).</summary>
        public int PageSize => _options.PageSize;

        /// <summary>The absolute URI of a request: base, the API's prefix, path and query.</summary>
        public Uri BuildUri(ApiRequest request)
        {
            var b = new StringBuilder(_endpoint.Uri.GetLeftPart(UriPartial.Authority));
            b.Append(_endpoint.Uri.AbsolutePath.TrimEnd('/'));
            b.Append(_endpoint.PrefixOf(request.Api));
            b.Append(request.Path);
            var query = request.Query.ToList();
            for (var i = 0; i < query.Count; i++)
            {
                b.Append(i == 0 ? '?' : '&').Append(Uri.EscapeDataString(query[i].Key)).Append('=').Append(Uri.EscapeDataString(query[i].Value));
            }
            return new Uri(b.ToString());
        }

        private static bool IsCertificateFailure(Exception e)
        {
            for (var x = e; x != null; x = x.InnerException)
            {
                if (x is System.Security.Authentication.AuthenticationException) return true;
            }
            return false;
        }

        private static string Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e.Message;
        }

        public void Dispose()
        {
            _http.Dispose();
            _renewing.Dispose();
        }
    }
}
