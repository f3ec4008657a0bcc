using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Api;

namespace TkeStack.Completion
{
    /// <summary>One name a completer can offer, with the tooltip the console shows beside it.</summary>
    internal readonly struct Candidate
    {
        public Candidate(string name, string tooltip, string? scope = null)
        {
            Name = name;
            Tooltip = tooltip;
            Scope = scope;
        }

        /// <summary>The name to complete.</summary>
        public string Name { get; }

        /// <summary>What the console shows beside it.</summary>
        public string Tooltip { get; }

        /// <summary>What the name belongs to (a machine's cluster), for completers that narrow by it.</summary>
        public string? Scope { get; }
    }

    /// <summary>Where completers get their names: lists read with the session's own client, cached a
    /// short time per session, and waited for only within a short deadline. A list still being read
    /// when the deadline passes goes on in the background and fills the cache, so the next Tab
    /// answers from it. A completer that freezes the prompt on a slow console is worse than none.</summary>
    internal static class CompletionSource
    {
        /// <summary>How long a list read for completion is reused.</summary>
        internal static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

        /// <summary>How long a failed read (not found, forbidden, unreachable) is remembered as empty.</summary>
        internal static readonly TimeSpan FailureLifetime = TimeSpan.FromSeconds(5);

        /// <summary>How long one Tab waits for the server.</summary>
        internal static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(1500);

        /// <summary>How long a read may go on in the background after the deadline.</summary>
        private static readonly TimeSpan BackgroundLimit = TimeSpan.FromSeconds(30);

        /// <summary>Pages read at most for one list (a tenant filter can leave pages short).</summary>
        internal const int MaxPages = 10;

        private sealed class Entry
        {
            public Entry(Task<Candidate[]> task) => Task = task;
            public Task<Candidate[]> Task { get; }
            public DateTime ExpiresAt { get; set; } = DateTime.MaxValue;
        }

        private static readonly ConditionalWeakTable<TkeSession, ConcurrentDictionary<string, Entry>> Caches =
            new ConditionalWeakTable<TkeSession, ConcurrentDictionary<string, Entry>>();

        /// <summary>The session to complete against: a -Session already typed, else the runspace's default.</summary>
        internal static TkeSession? SessionOf(IDictionary? fakeBoundParameters) =>
            (Unwrap(Bound(fakeBoundParameters, "Session")) as TkeSession ?? SessionStore.Default) is { Disconnected: false } s ? s : null;

        /// <summary>A parameter already typed, as text: a string, the first of an array, or the Name
        /// of an object the module emitted (a piped-in cluster, for example).</summary>
        internal static string? BoundText(IDictionary? fakeBoundParameters, string name)
        {
            var value = Unwrap(Bound(fakeBoundParameters, name));
            if (value is IEnumerable e && !(value is string)) value = Unwrap(e.Cast<object?>().FirstOrDefault());
            var text = value switch
            {
                null => null,
                string s => s,
                Cluster c => c.Name,
                Namespace n => n.Name,
                _ => value.ToString(),
            };
            text = text?.Trim();
            return string.IsNullOrEmpty(text) || WildcardPattern.ContainsWildcardCharacters(text) ? null : text;
        }

        private static object? Bound(IDictionary? parameters, string name)
        {
            if (parameters is null) return null;
            foreach (DictionaryEntry pair in parameters)
            {
                if (string.Equals(pair.Key as string, name, StringComparison.OrdinalIgnoreCase)) return pair.Value;
            }
            return null;
        }

        private static object? Unwrap(object? value) => value is PSObject p ? p.BaseObject : value;

        /// <summary>The names of a list read with a resource operation, from the cache or read now
        /// within the deadline (at most a few pages); nothing when the list is not there in time or
        /// cannot be read.</summary>
        internal static Candidate[] Names<T>(TkeSession session, string key, Func<TkeApi, ListReader<T>> list, Func<T, Candidate> candidate) =>
            Get(session, key, async ct =>
            {
                using var reader = list(session.Api);
                var items = await reader.ReadAllAsync(NullRequestLog.Instance, ct, MaxPages).ConfigureAwait(false);
                return items.Select(candidate).Where(c => c.Name.Length > 0).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToArray();
            });

        /// <summary>Any set of names, from the cache or computed now within the deadline.</summary>
        internal static Candidate[] Get(TkeSession session, string key, Func<CancellationToken, Task<Candidate[]>> read)
        {
            var cache = Caches.GetValue(session, _ => new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal));
            var now = DateTime.UtcNow;
            if (cache.TryGetValue(key, out var cached) && cached.ExpiresAt <= now) cache.TryRemove(key, out _);
            var entry = cache.GetOrAdd(key, _ =>
            {
                var e = new Entry(StartRead(read));
                e.Task.ContinueWith(t => e.ExpiresAt = DateTime.UtcNow + (t.Status == TaskStatus.RanToCompletion && t.Result.Length > 0 ? Lifetime : FailureLifetime),
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return e;
            });
            try
            {
                return entry.Task.Wait(Deadline) && entry.Task.Status == TaskStatus.RanToCompletion ? entry.Task.Result : new Candidate[0];
            }
            catch (AggregateException)
            {
                return new Candidate[0];
            }
        }

        private static Task<Candidate[]> StartRead(Func<CancellationToken, Task<Candidate[]>> read)
        {
            var limit = new CancellationTokenSource(BackgroundLimit);
            return Task.Run(async () =>
            {
                try
                {
                    return await read(limit.Token).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Not found, forbidden, unreachable, malformed: completion offers nothing.
                    return new Candidate[0];
                }
                finally
                {
                    limit.Dispose();
                }
            });
        }

        /// <summary>The completion results for the word typed so far: the names that start with it
        /// (or match it as a wildcard), quoted when they need it.</summary>
        internal static IEnumerable<CompletionResult> Results(IEnumerable<Candidate> candidates, string? wordToComplete)
        {
            var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = new WildcardPattern(WildcardPattern.ContainsWildcardCharacters(word) ? word : WildcardPattern.Escape(word) + "*", WildcardOptions.IgnoreCase);
            foreach (var c in candidates)
            {
                if (!pattern.IsMatch(c.Name)) continue;
                var text = c.Name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ',', ';', '(', ')', '{', '}', '@', '#' }) >= 0
                    ? "'" + CodeGeneration.EscapeSingleQuotedStringContent(c.Name) + "'"
                    : c.Name;
                yield return new CompletionResult(text, c.Name, CompletionResultType.ParameterValue, string.IsNullOrEmpty(c.Tooltip) ? c.Name : c.Tooltip);
            }
        }
    }

    /// <summary>The base of the module's argument completers: it finds the session, asks
    /// <see cref="Candidates"/>, and turns any failure into no results, since a completer must never
    /// throw at the user's prompt.</summary>
    public abstract class TkeCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var session = CompletionSource.SessionOf(fakeBoundParameters);
                if (session is null) return new CompletionResult[0];
                return CompletionSource.Results(Candidates(session, fakeBoundParameters), wordToComplete).ToList();
            }
            catch (Exception)
            {
                return new CompletionResult[0];
            }
        }

        /// <summary>The names to offer, given the session and the parameters already typed.</summary>
        internal abstract IEnumerable<Candidate> Candidates(TkeSession session, IDictionary fakeBoundParameters);
    }
}
