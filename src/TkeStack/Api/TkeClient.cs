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
    /// calls that are safe to repeat, and the mapping of failures to <see cref="TkeApiException"/>.</summary>
    internal sealed class TkeClient : IDisposable
    {
        private readonly TkeSession _session;
        private readonly HttpClient _http;
        private readonly RetryPolicy _retry;

        public TkeClient(TkeSession session)
        {
            _session = session;
            var o = session.Options;
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

        /// <summary>Sends a call and returns its JSON answer; any failure is a <see cref="TkeApiException"/>.
        /// The caller disposes the document.</summary>
        public async Task<JsonDocument> SendAsync(ApiRequest request, IRequestLog log, CancellationToken cancel)
        {
            var uri = BuildUri(request);
            // -TimeoutSec is a deadline for the call, retries included (see RetryPolicy).
            var (code, contentType, body) = await _retry.RunAsync(request, uri, log, (attempt, ct) => SendOnceAsync(request, uri, log, ct, cancel),
                TimeSpan.FromSeconds(_session.Options.TimeoutSec), cancel).ConfigureAwait(false);
            JsonDocument doc;
            using (body)
            {
                // The start of the body, kept for the message should it not be JSON.
                var head = body.ToArray(256);
                try
                {
                    if (body.Length == 0) throw ErrorMapper.NotApi(code, contentType, Array.Empty<byte>(), request.Method.Method, uri);
                    // Parsed from a stream, the document keeps its bytes in pooled buffers it gives back when
                    // disposed, and the body's chunks go back as the parser reads past them: pages of a long
                    // list reuse the same memory instead of leaving large-object garbage behind.
                    using var stream = body.ReadOnce();
                    doc = JsonDocument.Parse(stream);
                }
                catch (JsonException e)
                {
                    if (contentType != null && contentType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0)
                        throw ErrorMapper.NotApi(code, contentType, head, request.Method.Method, uri);
                    throw ErrorMapper.Malformed(request.Method.Method, uri, "well-formed", e);
                }
            }
            // Every answer of a Kubernetes-style API is an object (an item, a list or a Status).
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                var kind = doc.RootElement.ValueKind;
                doc.Dispose();
                throw ErrorMapper.Malformed(request.Method.Method, uri, $"an API object (it is a JSON {kind.ToString().ToLowerInvariant()})");
            }
            return doc;
        }

        /// <summary>One attempt: the answer of a success, or a <see cref="TkeApiException"/>. Transient
        /// failures carry <see cref="TransientFailure"/> so the retry policy can judge them.
        /// <paramref name="deadline"/> ends at the call's deadline or on Ctrl+C; <paramref name="cancel"/>
        /// on Ctrl+C only, so the two are told apart.</summary>
        private async Task<(int Code, string? ContentType, ResponseBody Body)> SendOnceAsync(ApiRequest request, Uri uri, IRequestLog log,
            CancellationToken deadline, CancellationToken cancel)
        {
            using var message = new HttpRequestMessage(request.Method, uri);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecureText.ToPlain(_session.Token));
            if (request.ClusterName != null) message.Headers.TryAddWithoutValidation("X-TKE-ClusterName", request.ClusterName);
            if (request.Body != null)
            {
                var content = new ByteArrayContent(request.Body);
                content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType ?? "application/json");
                message.Content = content;
            }

            log.Debug($"{request.Method.Method} {uri}" + (request.ClusterName is null ? "" : $" X-TKE-ClusterName: {request.ClusterName}")
                + (request.ContentType is null ? "" : $" Content-Type: {request.ContentType} ({request.Body?.Length ?? 0} bytes)"));
            var watch = Stopwatch.StartNew();
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline).ConfigureAwait(false);
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
                if (code >= 200 && code < 300) return (code, contentType, body);

                byte[] bytes;
                using (body) bytes = body.ToArray();
                var error = ErrorMapper.FromResponse(code, contentType, bytes, request.Method.Method, uri, _session.KeyInfo,
                    response.Headers.Location?.ToString());
                var retryAfter = RetryPolicy.ReadRetryAfter(response.Headers.RetryAfter);
                if (retryAfter != null) error.Data[RetryPolicy.RetryAfterKey] = retryAfter.Value;
                throw error;
            }
        }

        /// <summary>The whole body, in chunks rented from the shared pool (the caller disposes it), refused
        /// once more than -MaximumResponseSizeMB has come. The count is of the bytes after decompression
        /// (the handler inflates gzip and deflate), so a small compressed bomb is refused at the cap too.</summary>
        private async Task<ResponseBody> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancel)
        {
            var max = _session.Options.MaxResponseBytes;
            if (response.Content.Headers.ContentLength is long declared && declared > max) throw TooLarge(declared);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            return await ResponseBody.ReadAsync(stream, max, TooLarge, cancel).ConfigureAwait(false);
        }

        private TkeApiException TooLarge(long size) => new TkeApiException(
            $"The answer is larger than {_session.Options.MaxResponseBytes / (1024 * 1024)} MiB ({size} bytes or more): refused rather than read into memory.",
            "TkeResponseTooLarge", ErrorCategory.LimitsExceeded);

        /// <summary>The deadline passed in this attempt; the retry policy turns it into the call's timeout,
        /// with the time and the attempts.</summary>
        private static TkeApiException TimedOut(ApiRequest request, Uri uri, int? code) => new TkeApiException(
            $"{request.Method.Method} {uri.GetLeftPart(UriPartial.Path)} timed out.",
            RetryPolicy.TimedOutId, ErrorCategory.OperationTimeout, code, null, "Raise the limit with Connect-Tke -TimeoutSec, or check the console's health.");

        private Uri BuildUri(ApiRequest request)
        {
            var b = new StringBuilder(_session.Uri.GetLeftPart(UriPartial.Authority));
            b.Append(_session.Uri.AbsolutePath.TrimEnd('/'));
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

        public void Dispose() => _http.Dispose();
    }
}
