using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>What every cmdlet of the module shares: cancellation from Ctrl+C, running async calls
    /// to completion on the pipeline thread while their log reaches the verbose and debug streams,
    /// and writing failures as ErrorRecords with a stable id, the right category and a target.</summary>
    public abstract class TkeCmdletBase : PSCmdlet, IRequestLog
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private BlockingCollection<Action>? _pending;

        /// <summary>Cancelled when the user presses Ctrl+C (PowerShellStandard has no PipelineStopToken).</summary>
        internal CancellationToken CancelToken => _stop.Token;

        /// <inheritdoc />
        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>The cmdlet's work for one pipeline input.</summary>
        protected abstract void ProcessRecordCore();

        /// <inheritdoc />
        protected sealed override void ProcessRecord()
        {
            try
            {
                ProcessRecordCore();
            }
            catch (TkeApiException e)
            {
                WriteError(ToErrorRecord(e, null));
            }
            catch (JsonException e)
            {
                WriteError(ToErrorRecord(ErrorMapper.WrongShape(e), null));
            }
        }

        /// <summary>Runs async work to completion on the pipeline thread. What the work logs in the
        /// meantime is written as it happens; Ctrl+C cancels it and stops the pipeline.</summary>
        internal T Run<T>(Func<CancellationToken, Task<T>> work)
        {
            var queue = new BlockingCollection<Action>();
            var outer = _pending;
            _pending = queue;
            try
            {
                var task = work(_stop.Token);
                task.ContinueWith(_ => queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                foreach (var action in queue.GetConsumingEnumerable())
                {
                    action();
                }
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                _pending = outer;
            }
        }

        // Lines of the log carry server text (a reason phrase, a Status): no control characters.
        void IRequestLog.Verbose(string message) => Post(() => WriteVerbose(ConsoleText.Safe(message)));

        void IRequestLog.Debug(string message) => Post(() => WriteDebug(ConsoleText.Safe(message)));

        /// <summary>Runs an action on the pipeline thread: at once when called there, else queued to
        /// the <see cref="Run{T}"/> that is waiting.</summary>
        private void Post(Action action)
        {
            var queue = _pending;
            if (queue is null)
            {
                action();
                return;
            }
            try
            {
                queue.Add(action);
            }
            catch (InvalidOperationException)
            {
                // The work ended while it was still logging; the line is dropped.
            }
        }

        /// <summary>The ErrorRecord for a failed call, with the object it concerns as target.</summary>
        internal static ErrorRecord ToErrorRecord(TkeApiException e, object? target)
        {
            var record = new ErrorRecord(e, e.ErrorId, e.Category, target);
            record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = e.RecommendedAction };
            return record;
        }

        /// <summary>Writes a non-terminating error for bad input, before any request is sent.</summary>
        internal void WriteInvalid(string message, string errorId, object? target, ErrorCategory category = ErrorCategory.InvalidArgument) =>
            WriteError(new ErrorRecord(new ArgumentException(message), errorId, category, target));

        /// <summary>Stops the cmdlet with an error for bad input, before any request is sent.</summary>
        internal void ThrowInvalid(string message, string errorId, object? target, ErrorCategory category = ErrorCategory.InvalidArgument) =>
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, category, target));

        /// <summary>Runs the action for one target, writing an API failure as a non-terminating error
        /// about that target, so the other targets go on.</summary>
        internal void ForTarget(object target, Action action)
        {
            try
            {
                action();
            }
            catch (TkeApiException e)
            {
                WriteError(ToErrorRecord(e, target));
            }
            catch (JsonException e)
            {
                // A model could not be read from the answer: one clear error, no half-built object.
                WriteError(ToErrorRecord(ErrorMapper.WrongShape(e), target));
            }
        }

        /// <summary>Checks a name against <see cref="TkeName"/>'s rules before any request; a bad one
        /// is a non-terminating InvalidArgument error (id TkeInvalidName) with the name as target.</summary>
        internal bool CheckName(string? value, TkeNameKind kind, bool wildcards = false)
        {
            var problem = TkeName.Problem(value, kind, wildcards);
            if (problem is null) return true;
            WriteInvalid(problem, "TkeInvalidName", value);
            return false;
        }

        /// <summary><see cref="CheckName"/> for cmdlets whose output goes through a
        /// <see cref="ThrottledPipeline"/>: the first bad name's error takes its turn in input order.</summary>
        internal bool CheckNames(ThrottledPipeline pipeline, params (string? Value, TkeNameKind Kind)[] names)
        {
            foreach (var (value, kind) in names)
            {
                var problem = TkeName.Problem(value, kind, false);
                if (problem is null) continue;
                pipeline.Add(_ => WriteInvalid(problem, "TkeInvalidName", value));
                return false;
            }
            return true;
        }
    }

    /// <summary>The base of every cmdlet that calls the API: it finds the session (the
    /// <c>-Session</c> given or carried by a piped object, else the runspace's default).</summary>
    public abstract class TkeApiCmdlet : TkeCmdletBase
    {
        /// <summary>The session to use; the default is the one the last Connect-Tke of this runspace made.
        /// Objects emitted by the module carry theirs, so a pipeline stays on it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public TkeSession? Session { get; set; }

        /// <summary>The session in force; a terminating TkeNotConnected error when there is none.</summary>
        internal TkeSession ActiveSession
        {
            get
            {
                var session = Session ?? SessionStore.Default;
                if (session is null)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new InvalidOperationException("Not connected to TKEStack: run Connect-Tke first. Inside ForEach-Object -Parallel or a thread job, pass the session with -Session $using:session."),
                        "TkeNotConnected", ErrorCategory.InvalidOperation, null));
                }
                return session!;
            }
        }

        /// <summary>Sends one call and returns its JSON answer (the caller disposes it).</summary>
        internal JsonDocument Send(ApiRequest request)
        {
            var session = ActiveSession;
            return Run(ct => session.Client.SendAsync(request, this, ct));
        }

        /// <summary>The same list read off the pipeline thread (for the work of a
        /// <see cref="ThrottledPipeline"/>): each item is handed to <paramref name="each"/> while its page lives.</summary>
        internal static async Task ListItemsAsync(TkeSession session, ApiRequest request, string kind, IRequestLog log, Action<JsonElement> each, CancellationToken cancel)
        {
            string? next = null;
            do
            {
                var page = PageOf(session, request, next);
                using var doc = await session.Client.SendAsync(page, log, cancel).ConfigureAwait(false);
                next = ReadPage(doc, session, page, kind, out var items);
                if (items.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in items.EnumerateArray()) each(item);
                }
            }
            while (!string.IsNullOrEmpty(next));
        }

        /// <summary>Every item of a Kubernetes list, page after page (following <c>continue</c> until it
        /// is empty, as a page may hold fewer items than asked for), each handed out as its page is read.
        /// The next page is asked for as soon as a page's <c>continue</c> is known, so it comes over the
        /// wire while this one's items go down the pipeline; its log lines are written when it is taken.
        /// An element lives as long as its page: clone what must outlive the next item.</summary>
        internal IEnumerable<JsonElement> ListItems(ApiRequest request, string kind)
        {
            var session = ActiveSession;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(CancelToken);
            var log = new BufferedLog();
            var page = PageOf(session, request, null);
            Task<JsonDocument>? pending = null;
            var first = true;
            try
            {
                while (first || pending != null)
                {
                    JsonDocument doc;
                    if (first)
                    {
                        // The first page is waited for at once: its log is written live, retries and all.
                        first = false;
                        var p = page;
                        doc = Run(ct => session.Client.SendAsync(p, this, ct));
                    }
                    else
                    {
                        var taken = pending!;
                        pending = null;
                        try
                        {
                            doc = Run(_ => taken);
                        }
                        finally
                        {
                            log.WriteTo(this);
                        }
                    }
                    using (doc)
                    {
                        var next = ReadPage(doc, session, page, kind, out var items);
                        if (!string.IsNullOrEmpty(next))
                        {
                            page = PageOf(session, request, next);
                            pending = session.Client.SendAsync(page, log, stop.Token);
                        }
                        if (items.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var item in items.EnumerateArray())
                            {
                                yield return item;
                            }
                        }
                    }
                }
            }
            finally
            {
                if (pending != null)
                {
                    // The caller stopped early (Select-Object -First, an error): drop the page asked for.
                    stop.Cancel();
                    pending.ContinueWith(t => { if (t.Status == TaskStatus.RanToCompletion) t.Result.Dispose(); else _ = t.Exception; },
                        CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
        }

        /// <summary>The items of one page of a Kubernetes list (an array, or null for none) and the
        /// <c>continue</c> token of the next page (null on the last); a page without <c>items</c> is malformed.</summary>
        private static string? ReadPage(JsonDocument doc, TkeSession session, ApiRequest page, string kind, out JsonElement items)
        {
            var root = doc.RootElement;
            if (!root.TryGetProperty("items", out items) || (items.ValueKind != JsonValueKind.Array && items.ValueKind != JsonValueKind.Null))
            {
                throw ErrorMapper.Malformed("GET", new Uri(session.Uri, page.Path), "a list of " + kind);
            }
            return root.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object &&
                   meta.TryGetProperty("continue", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()
                : null;
        }

        private static ApiRequest PageOf(TkeSession session, ApiRequest request, string? next)
        {
            var page = request.Copy();
            var pageSize = session.Options.PageSize;
            if (pageSize > 0) page.WithQuery("limit", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            page.WithQuery("continue", next);
            return page;
        }

        /// <summary>A log kept until the pipeline thread writes it (for a page read ahead).</summary>
        private sealed class BufferedLog : IRequestLog
        {
            private readonly ConcurrentQueue<KeyValuePair<bool, string>> _lines = new ConcurrentQueue<KeyValuePair<bool, string>>();

            public void Verbose(string message) => _lines.Enqueue(new KeyValuePair<bool, string>(true, message));

            public void Debug(string message) => _lines.Enqueue(new KeyValuePair<bool, string>(false, message));

            public void WriteTo(Cmdlet cmdlet)
            {
                while (_lines.TryDequeue(out var line))
                {
                    if (line.Key) cmdlet.WriteVerbose(ConsoleText.Safe(line.Value));
                    else cmdlet.WriteDebug(ConsoleText.Safe(line.Value));
                }
            }
        }
    }
}
