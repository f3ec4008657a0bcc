using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>What every cmdlet of the module shares: cancellation from Ctrl+C, running async calls
    /// to completion on the pipeline thread while their log reaches the verbose and debug streams,
    /// and writing failures through the one <see cref="ErrorPipeline"/>.</summary>
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
        protected sealed override void ProcessRecord() => ForTarget(null, ProcessRecordCore);

        /// <summary>Runs the action for one target, writing a failure as a non-terminating error about
        /// that target, so the other targets go on.</summary>
        internal void ForTarget(object? target, Action action)
        {
            try
            {
                action();
            }
            catch (Exception e) when (ErrorPipeline.ToRecord(e, target) is { } record)
            {
                WriteError(record);
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

        /// <summary>Runs one call that answers nothing on the pipeline thread.</summary>
        internal void Call(Func<IRequestLog, CancellationToken, Task> operation) => Run(async ct =>
        {
            await operation(this, ct).ConfigureAwait(false);
            return true;
        });

        /// <summary>How many objects written from another thread may wait for the pipeline thread:
        /// a producer faster than the pipeline (a long log) waits instead of filling memory.</summary>
        private readonly SemaphoreSlim _emitWindow = new SemaphoreSlim(1024);

        /// <summary>Writes an object from any thread while a <see cref="Run{T}"/> waits: in order, on
        /// the pipeline thread, the caller waiting when too many are not written yet.</summary>
        internal void Emit(object? value, CancellationToken cancel)
        {
            _emitWindow.Wait(cancel);
            Post(() =>
            {
                _emitWindow.Release();
                WriteObject(value);
            });
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

        /// <summary>Writes a non-terminating error for bad input, before any request is sent.</summary>
        internal void WriteInvalid(string message, string errorId, object? target, ErrorCategory category = ErrorCategory.InvalidArgument) =>
            WriteError(ErrorPipeline.Invalid(message, errorId, target, category));

        /// <summary>Stops the cmdlet with an error for bad input, before any request is sent.</summary>
        /// <summary>The console user name of a -Credential (without a leading backslash, as Get-Credential
        /// may give it); refused before any request (TkeInvalidCredential) when it or the password is empty.</summary>
        internal string ConsoleUser(PSCredential credential)
        {
            var user = credential.UserName?.TrimStart('\\') ?? "";
            if (user.Trim().Length == 0 || credential.Password is null || credential.Password.Length == 0)
            {
                ThrowInvalid("-Credential needs the user name and the password you sign in to the TKEStack console with.", "TkeInvalidCredential", null);
            }
            return user;
        }

        /// <summary>$env:TKE_URI, for a cmdlet given no -Uri and no session; refused (TkeNoUri) when not set.</summary>
        internal Uri ConsoleUriFromEnvironment()
        {
            var uri = ConsoleAddress.FromEnvironment();
            if (uri is null)
            {
                ThrowInvalid("No console URI: give -Uri (the address you open the TKEStack console at), connect first (Connect-Tke), or set $env:TKE_URI.", "TkeNoUri", null);
            }
            return uri!;
        }

        /// <summary>The API's root for the address of the console's web pages (…/tkestack…), said in
        /// -Verbose; any other address as it is.</summary>
        internal Uri AtConsoleRoot(Uri uri)
        {
            var root = ConsoleAddress.WithoutConsolePage(uri, out var changed);
            if (changed) WriteVerbose($"{ConnectTkeCommand.Shown(uri)} is the console's web page; its APIs are at {root}.");
            return root;
        }

        internal void ThrowInvalid(string message, string errorId, object? target, ErrorCategory category = ErrorCategory.InvalidArgument) =>
            ThrowTerminatingError(ErrorPipeline.Invalid(message, errorId, target, category));

        /// <summary>Checks a name against <see cref="TkeName"/>'s rules before any request; a bad one
        /// is a non-terminating InvalidArgument error (id TkeInvalidName) with the name as target.</summary>
        internal bool CheckName(string? value, TkeNameKind kind, bool wildcards = false)
        {
            var problem = TkeName.Problem(value, kind, wildcards);
            if (problem is null) return true;
            WriteInvalid(problem, "TkeInvalidName", value);
            return false;
        }
    }
}
