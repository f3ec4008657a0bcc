using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>Runs a changing cmdlet's work for each pipeline input concurrently: each input is started
    /// as it arrives (after ShouldProcess, asked one by one on the pipeline thread), at most
    /// <c>throttle</c> are in flight, and results, errors and log lines are written on the pipeline
    /// thread in input order. Ctrl+C cancels everything in flight through the cmdlet's token.</summary>
    internal sealed class ThrottledPipeline<TResult>
    {
        private sealed class Item
        {
            public Item(object target, Task<TResult> task, QueueLog log)
            {
                Target = target;
                Task = task;
                Log = log;
            }

            public object Target { get; }
            public Task<TResult> Task { get; }
            public QueueLog Log { get; }
        }

        /// <summary>A log that keeps an item's lines until its turn to be written comes.</summary>
        internal sealed class QueueLog : IRequestLog
        {
            private readonly ConcurrentQueue<KeyValuePair<bool, string>> _lines = new ConcurrentQueue<KeyValuePair<bool, string>>();

            public void Verbose(string message) => _lines.Enqueue(new KeyValuePair<bool, string>(true, message));

            public void Debug(string message) => _lines.Enqueue(new KeyValuePair<bool, string>(false, message));

            public void WriteTo(Cmdlet cmdlet)
            {
                while (_lines.TryDequeue(out var line))
                {
                    if (line.Key) cmdlet.WriteVerbose(line.Value);
                    else cmdlet.WriteDebug(line.Value);
                }
            }
        }

        private readonly TkeCmdletBase _cmdlet;
        private readonly int _throttle;
        private readonly Queue<Item> _inFlight = new Queue<Item>();
        private readonly SemaphoreSlim _slots;

        public ThrottledPipeline(TkeCmdletBase cmdlet, int throttle)
        {
            _cmdlet = cmdlet;
            _throttle = Math.Max(1, throttle);
            _slots = new SemaphoreSlim(_throttle, _throttle);
        }

        /// <summary>Starts the work for one input, first writing what earlier inputs have finished and,
        /// when <c>throttle</c> are running, waiting for the oldest.</summary>
        public void Start(object target, Func<IRequestLog, CancellationToken, Task<TResult>> work, Action<TResult> write)
        {
            WriteFinished(write, waitForOldest: _inFlight.Count >= _throttle);
            var log = new QueueLog();
            var token = _cmdlet.CancelToken;
            var task = Task.Run(async () =>
            {
                await _slots.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    return await work(log, token).ConfigureAwait(false);
                }
                finally
                {
                    _slots.Release();
                }
            }, token);
            _inFlight.Enqueue(new Item(target, task, log));
        }

        /// <summary>Writes everything still in flight, in input order (EndProcessing).</summary>
        public void Complete(Action<TResult> write)
        {
            while (_inFlight.Count > 0) WriteOldest(write);
        }

        private void WriteFinished(Action<TResult> write, bool waitForOldest)
        {
            if (waitForOldest && _inFlight.Count > 0) WriteOldest(write);
            while (_inFlight.Count > 0 && _inFlight.Peek().Task.IsCompleted) WriteOldest(write);
        }

        private void WriteOldest(Action<TResult> write)
        {
            var item = _inFlight.Dequeue();
            TResult result;
            try
            {
                result = _cmdlet.Run(_ => item.Task);
            }
            catch (TkeApiException e)
            {
                // (A PipelineStoppedException from Ctrl+C passes through: the token already cancelled the rest.)
                item.Log.WriteTo(_cmdlet);
                _cmdlet.WriteError(TkeCmdletBase.ToErrorRecord(e, item.Target));
                return;
            }
            item.Log.WriteTo(_cmdlet);
            write(result);
        }
    }
}
