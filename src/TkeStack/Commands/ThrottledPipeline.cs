using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>Runs a changing cmdlet's work for each pipeline input concurrently. Each input is
    /// started as it arrives, at most <c>throttle</c> at a time; what an input's work writes (objects,
    /// errors, warnings, verbose and debug lines) is kept and written on the pipeline thread in input
    /// order; progress records and confirmation questions are passed to the pipeline thread as they
    /// come, and it runs them whenever it waits (for a free slot, or at the end). Ctrl+C cancels all
    /// the work in flight through the cmdlet's token and stops the pipeline.</summary>
    /// <remarks>The work never calls a cmdlet method itself: it writes through its
    /// <see cref="ItemOutput"/>, which is also the <see cref="IRequestLog"/> to give the client.
    /// An input that waits after its change (-Wait) marks the change with <see cref="ItemOutput.Changed"/>:
    /// what it wrote up to there (the ImageChange, the machine made) is written as soon as every
    /// earlier input has made its own change or ended, not after the earlier inputs' waits. PowerShell
    /// refuses every write once a pipeline is stopping (Ctrl+C), so a change is reported when it is
    /// made or never: a -PassThru list after Ctrl+C holds every change whose answer came back.</remarks>
    internal sealed class ThrottledPipeline
    {
        private sealed class Item
        {
            public Item(object? target, Task task, ItemOutput output)
            {
                Target = target;
                Task = task;
                Output = output;
            }

            public object? Target { get; }
            public Task Task { get; }
            public ItemOutput Output { get; }

            /// <summary>What it wrote up to its change (or all of it, when it ended) has been written.</summary>
            public bool ChangeWritten { get; set; }

            /// <summary>Its outcome (the error its work threw) has been written.</summary>
            public bool OutcomeWritten { get; set; }
        }

        private static readonly Action Wake = () => { };
        private static int _nextProgressId;

        private readonly TkeCmdletBase _cmdlet;
        private readonly int _throttle;
        private readonly int _window;
        private readonly Queue<Item> _pending = new Queue<Item>();
        private readonly BlockingCollection<Action> _pump = new BlockingCollection<Action>();
        private TaskCompletionSource<bool> _lastTurn;
        private int _running;
        private int _highWater;

        /// <param name="cmdlet">The cmdlet whose pipeline thread writes and whose Ctrl+C cancels.</param>
        /// <param name="throttle">How many inputs may be in flight at once.</param>
        public ThrottledPipeline(TkeCmdletBase cmdlet, int throttle)
        {
            _cmdlet = cmdlet;
            _throttle = Math.Max(1, throttle);
            // Results wait for the slower inputs before them: a bounded number, so memory stays bounded.
            _window = Math.Max(_throttle * 4, 16);
            _lastTurn = new TaskCompletionSource<bool>();
            _lastTurn.SetResult(true);
        }

        /// <summary>The most inputs that were in flight at once (for tests of the throttle).</summary>
        internal int HighWater => _highWater;

        /// <summary>Starts the work for one input (call on the pipeline thread, after ShouldProcess):
        /// first writes what earlier inputs have finished, then waits for a free slot if need be.
        /// A failure the work throws becomes, through <see cref="ErrorPipeline"/>, a non-terminating
        /// error with <paramref name="target"/> as its TargetObject (or the object the failure names).</summary>
        public void Start(object? target, Func<ItemOutput, CancellationToken, Task> work)
        {
            WriteFinished();
            while (Volatile.Read(ref _running) >= _throttle || _pending.Count >= _window)
            {
                PumpOne();
                WriteFinished();
            }
            var previousTurn = _lastTurn.Task;
            var turn = new TaskCompletionSource<bool>();
            _lastTurn = turn;
            var output = new ItemOutput(this, previousTurn, turn);
            var running = Interlocked.Increment(ref _running);
            if (running > _highWater) _highWater = running;
            var token = _cmdlet.CancelToken;
            var task = Task.Run(() => work(output, token), token);
            task.ContinueWith(_ =>
            {
                // Whoever waits for this input's turn to ask (a later input) may go on.
                turn.TrySetResult(false);
                Interlocked.Decrement(ref _running);
                _pump.Add(Wake);
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            _pending.Enqueue(new Item(target, task, output));
        }

        /// <summary>Writes an input's outcome that needed no work (bad input found on the pipeline
        /// thread) in its place in the input order.</summary>
        public void Add(Action<Cmdlet> write)
        {
            var output = new ItemOutput(this, _lastTurn.Task, null);
            output.Enqueue(write);
            _pending.Enqueue(new Item(null, Task.CompletedTask, output));
            WriteFinished();
        }

        /// <summary>Waits for everything still in flight and writes it, in input order (EndProcessing).</summary>
        public void Complete()
        {
            while (_pending.Count > 0)
            {
                WriteFinished();
                if (_pending.Count > 0) PumpOne();
            }
            while (_pump.TryTake(out var action)) action();
        }

        /// <summary>Runs one action passed to the pipeline thread, waiting for it if none is there.</summary>
        private void PumpOne()
        {
            Action action;
            try
            {
                action = _pump.Take(_cmdlet.CancelToken);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            action();
        }

        /// <summary>Writes, in input order, the inputs at the head of the queue whose work has ended;
        /// then, in input order, what the next ones wrote up to their change, for as long as each
        /// earlier input has made its change or ended (an input that ended is written whole).</summary>
        private void WriteFinished()
        {
            while (_pump.TryTake(out var action)) action();
            while (_pending.Count > 0 && _pending.Peek().Task.IsCompleted)
            {
                var item = _pending.Dequeue();
                item.Output.WriteTo(_cmdlet);
                if (!item.OutcomeWritten) WriteOutcome(item);
            }
            foreach (var item in _pending)
            {
                if (item.ChangeWritten) continue;
                if (item.Task.IsCompleted)
                {
                    item.Output.WriteTo(_cmdlet);
                    item.ChangeWritten = item.OutcomeWritten = true;
                    WriteOutcome(item);
                    continue;
                }
                if (!item.Output.IsChanged) break;
                item.Output.WriteUpToChange(_cmdlet);
                item.ChangeWritten = true;
            }
        }

        /// <summary>The error an input's work ended with, if any.</summary>
        private void WriteOutcome(Item item)
        {
            var task = item.Task;
            if (task.IsCanceled)
            {
                if (_cmdlet.CancelToken.IsCancellationRequested) throw new PipelineStoppedException();
                WriteCancelled(item.Target);
                return;
            }
            if (!task.IsFaulted) return;
            var e = task.Exception!.GetBaseException();
            if (ErrorPipeline.ToRecord(e, item.Target) is { } record)
            {
                _cmdlet.WriteError(record);
                return;
            }
            if (e is OperationCanceledException)
            {
                if (_cmdlet.CancelToken.IsCancellationRequested) throw new PipelineStoppedException();
                WriteCancelled(item.Target);
                return;
            }
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
        }

        private void WriteCancelled(object? target) => _cmdlet.WriteError(new ErrorRecord(
            new OperationCanceledException($"The work for '{target}' was cancelled before it ended."), "TkeCancelled", ErrorCategory.OperationStopped, target));

        /// <summary>What one input's work writes, kept until its turn; also the log its calls write to.</summary>
        internal sealed class ItemOutput : IRequestLog
        {
            private readonly ThrottledPipeline _owner;
            private readonly Task _previousTurn;
            private readonly TaskCompletionSource<bool>? _turn;
            private readonly ConcurrentQueue<Action<Cmdlet>> _writes = new ConcurrentQueue<Action<Cmdlet>>();
            private readonly ConcurrentQueue<Action<Cmdlet>> _afterChange = new ConcurrentQueue<Action<Cmdlet>>();
            private volatile bool _changed;

            internal ItemOutput(ThrottledPipeline owner, Task previousTurn, TaskCompletionSource<bool>? turn)
            {
                _owner = owner;
                _previousTurn = previousTurn;
                _turn = turn;
            }

            internal void Enqueue(Action<Cmdlet> write) => (_changed ? _afterChange : _writes).Enqueue(write);

            /// <summary>True once the input's change has reached the server and it goes on to wait.</summary>
            public bool IsChanged => _changed;

            /// <summary>Marks the change as made (call after writing its result, before a wait): what was
            /// written so far goes out as soon as the inputs before it have made their changes, without
            /// waiting for their waits, so a Ctrl+C during the waits loses no report of a change.</summary>
            public void Changed()
            {
                _changed = true;
                _owner._pump.Add(Wake);
            }

            /// <summary>An information record (6>, -InformationVariable) carrying an object, such as the
            /// machine just created before -Wait waits for it.</summary>
            public void Information(object data, string tag) => Enqueue(c =>
            {
                var record = new InformationRecord(data, (c as PSCmdlet)?.MyInvocation.MyCommand?.Name ?? "TkeStack");
                record.Tags.Add(tag);
                c.WriteInformation(record);
            });

            /// <inheritdoc />
            public void Verbose(string message) => Enqueue(c => c.WriteVerbose(ConsoleText.Safe(message)));

            /// <inheritdoc />
            public void Debug(string message) => Enqueue(c => c.WriteDebug(ConsoleText.Safe(message)));

            /// <summary>A warning (server text in it shown without control characters).</summary>
            public void Warning(string message) => Enqueue(c => c.WriteWarning(ConsoleText.Safe(message)));

            public void Error(ErrorRecord record) => Enqueue(c => c.WriteError(record));

            public void Object(object? value) => Enqueue(c => c.WriteObject(value));

            /// <summary>Written at once (on the pipeline thread's next wait), not in input order:
            /// progress is about now.</summary>
            public void Progress(ProgressRecord record)
            {
                // A progress bar is one line the host redraws: server text in it (a step's message, a
                // rollout's status) is shown without control characters or line breaks.
                record.Activity = ConsoleText.SafeLine(record.Activity);
                record.StatusDescription = ConsoleText.SafeLine(record.StatusDescription);
                if (record.CurrentOperation != null) record.CurrentOperation = ConsoleText.SafeLine(record.CurrentOperation);
                _owner._pump.Add(() => _owner._cmdlet.WriteProgress(record));
            }

            /// <summary>A fresh activity id for Write-Progress, unique in the process.</summary>
            public static int NewProgressId() => Interlocked.Increment(ref _nextProgressId);

            /// <summary>ShouldProcess, asked on the pipeline thread, one question at a time and in input
            /// order (after every earlier input has asked its own or ended).</summary>
            public async Task<bool> ShouldProcessAsync(string target, string action)
            {
                await _previousTurn.ConfigureAwait(false);
                var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _owner._pump.Add(() =>
                {
                    try
                    {
                        answer.SetResult(_owner._cmdlet.ShouldProcess(target, action));
                    }
                    catch (Exception e)
                    {
                        answer.SetException(e);
                        throw;
                    }
                });
                var yes = await answer.Task.ConfigureAwait(false);
                _turn?.TrySetResult(yes);
                return yes;
            }

            internal void WriteTo(Cmdlet cmdlet)
            {
                while (_writes.TryDequeue(out var write)) write(cmdlet);
                while (_afterChange.TryDequeue(out var write)) write(cmdlet);
            }

            internal void WriteUpToChange(Cmdlet cmdlet)
            {
                while (_writes.TryDequeue(out var write)) write(cmdlet);
            }
        }
    }
}
