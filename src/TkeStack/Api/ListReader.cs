using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace TkeStack.Api
{
    /// <summary>One page of a Kubernetes list, its items already typed.</summary>
    internal sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, string? next)
        {
            Items = items;
            Next = next;
        }

        /// <summary>The page's items (a page may hold fewer than asked for, even none).</summary>
        public IReadOnlyList<T> Items { get; }

        /// <summary>The <c>continue</c> token of the next page; null on the last.</summary>
        public string? Next { get; }
    }

    /// <summary>Makes list readers of a resource type.</summary>
    internal static class ListReader
    {
        /// <summary>A reader of the list <paramref name="request"/> names, each item read into
        /// <typeparamref name="TResource"/> and made a model with its own bytes.</summary>
        public static ListReader<T> Of<TResource, T>(TkeClient client, ApiRequest request, string what, JsonTypeInfo<TResource> info,
            Func<TResource, byte[], T> make, string? kind = null, Func<TkeApiException, TkeApiException>? explain = null)
            where TResource : class, new() =>
            new ListReader<T>(client, request, what, answer => new Page<T>(answer.Page(info, make, what, out var next, kind), next), explain);
    }

    /// <summary>The one paging loop of the module: a Kubernetes list read as an async stream of typed
    /// pages, following <c>continue</c> until it is empty. The next page is asked for as soon as a
    /// page's token is known, so it comes over the wire while this page's items go down the pipeline;
    /// what its request logs is kept and handed to the log of the call that takes it.
    /// A server whose paging does not advance (a token it gave before, or page after page with no
    /// items and a new token) ends the list with a <c>TkePagingStalled</c> error once the pages read
    /// so far have been handed out, so a list always ends.</summary>
    internal sealed class ListReader<T> : IDisposable
    {
        /// <summary>Pages in a row with no items and a token, after which the paging is judged stalled.
        /// A tenant filter applied after reading can leave a page empty, but not this many in a row.</summary>
        internal const int MaxEmptyPagesInARow = 100;

        private readonly TkeClient _client;
        private readonly ApiRequest _request;
        private readonly string _kind;
        private readonly Func<ApiAnswer, Page<T>> _read;
        private readonly Func<TkeApiException, TkeApiException>? _explain;
        private readonly HashSet<string> _tokens = new HashSet<string>(StringComparer.Ordinal);
        private readonly BufferedLog _aheadLog = new BufferedLog();
        private CancellationTokenSource? _stop;
        private Task<Page<T>>? _ahead;
        private TkeApiException? _stalled;
        private bool _started;
        private bool _ended;
        private int _emptyInARow;
        private int _pages;

        /// <param name="client">The client that sends the pages.</param>
        /// <param name="request">The list call; <c>limit</c> and <c>continue</c> are added per page.</param>
        /// <param name="kind">What is listed, for messages ("clusters").</param>
        /// <param name="read">Reads one page's typed items and its continue token from an answer.</param>
        /// <param name="explain">Tells a failed page's error better (the resource's own knowledge).</param>
        public ListReader(TkeClient client, ApiRequest request, string kind, Func<ApiAnswer, Page<T>> read, Func<TkeApiException, TkeApiException>? explain = null)
        {
            _client = client;
            _request = request;
            _kind = kind;
            _read = read;
            _explain = explain;
        }

        /// <summary>The next page, or null after the last. Throws the failure of the page's call.</summary>
        public async Task<Page<T>?> NextAsync(IRequestLog log, CancellationToken cancel)
        {
            if (_stalled != null)
            {
                var stalled = _stalled;
                _stalled = null;
                _ended = true;
                throw stalled;
            }
            if (_ended) return null;
            Page<T> page;
            if (!_started)
            {
                _started = true;
                _stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                page = await FetchAsync(null, log, cancel).ConfigureAwait(false);
            }
            else
            {
                var ahead = _ahead!;
                _ahead = null;
                try
                {
                    page = await ahead.ConfigureAwait(false);
                }
                finally
                {
                    _aheadLog.WriteTo(log);
                }
            }
            _pages++;
            Judge(page);
            if (!_ended && _stalled is null)
            {
                _ahead = FetchAsync(page.Next, _aheadLog, _stop!.Token);
            }
            return page;
        }

        /// <summary>Starts reading the first page now, its log kept for the call that takes it, so that
        /// several lists can be on the wire at once (the clusters of one Get-TkeWorkload).</summary>
        public void Prefetch(CancellationToken cancel)
        {
            if (_started) return;
            _started = true;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            _ahead = FetchAsync(null, _aheadLog, _stop.Token);
        }

        /// <summary>Every item of the list, reading at most <paramref name="maxPages"/> pages.</summary>
        public async Task<List<T>> ReadAllAsync(IRequestLog log, CancellationToken cancel, int maxPages = int.MaxValue)
        {
            var all = new List<T>();
            for (var pages = 0; pages < maxPages; pages++)
            {
                var page = await NextAsync(log, cancel).ConfigureAwait(false);
                if (page is null) break;
                all.AddRange(page.Items);
            }
            return all;
        }

        /// <summary>Whether the list goes on after this page, and whether its paging still advances.</summary>
        private void Judge(Page<T> page)
        {
            if (string.IsNullOrEmpty(page.Next))
            {
                _ended = true;
                return;
            }
            _emptyInARow = page.Items.Count == 0 ? _emptyInARow + 1 : 0;
            string? why = null;
            if (!_tokens.Add(page.Next!)) why = "it answered a continue token it had given before";
            else if (_emptyInARow >= MaxEmptyPagesInARow) why = $"it answered {_emptyInARow} pages in a row with no items and a new continue token";
            if (why is null) return;
            var uri = _client.BuildUri(_request);
            _stalled = new TkeApiException(
                $"Listing {_kind} at {uri.AbsolutePath} stopped after {_pages} pages: the server's paging does not advance ({why}). The items read so far were written.",
                "TkePagingStalled", ErrorCategory.InvalidResult, null, null,
                "The server (or a proxy in front of it) mishandles list paging. Try Connect-Tke -PageSize 0 to ask for whole lists in one answer, and report it to the console's administrators.");
        }

        private async Task<Page<T>> FetchAsync(string? next, IRequestLog log, CancellationToken cancel)
        {
            var page = _request.Copy();
            if (_client.PageSize > 0) page.WithQuery("limit", _client.PageSize.ToString(CultureInfo.InvariantCulture));
            page.WithQuery("continue", next);
            ApiAnswer answer;
            try
            {
                answer = await _client.SendAsync(page, log, cancel).ConfigureAwait(false);
            }
            catch (TkeApiException e) when (_explain != null)
            {
                throw _explain(e);
            }
            using (answer)
            {
                return _read(answer);
            }
        }

        /// <summary>Drops the page asked for ahead (the caller stopped early: Select-Object -First, an error).</summary>
        public void Dispose()
        {
            _stop?.Cancel();
            if (_ahead != null)
            {
                _ahead.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                _ahead = null;
            }
            _stop?.Dispose();
        }

        /// <summary>A log kept until the call that takes the page ahead writes it.</summary>
        private sealed class BufferedLog : IRequestLog
        {
            private readonly ConcurrentQueue<KeyValuePair<bool, string>> _lines = new ConcurrentQueue<KeyValuePair<bool, string>>();

            public void Verbose(string message) => _lines.Enqueue(new KeyValuePair<bool, string>(true, message));

            public void Debug(string message) => _lines.Enqueue(new KeyValuePair<bool, string>(false, message));

            public void WriteTo(IRequestLog log)
            {
                while (_lines.TryDequeue(out var line))
                {
                    if (line.Key) log.Verbose(line.Value);
                    else log.Debug(line.Value);
                }
            }
        }
    }
}
