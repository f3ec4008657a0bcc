using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>The base of every cmdlet that calls the API: it resolves the session once per record
    /// (the <c>-Session</c> given or carried by a piped object, else the runspace's default) and hands
    /// it to <see cref="ProcessRecordWithSession"/> (PSOpenAD's shape), runs the resource operations
    /// of <see cref="TkeApi"/> on the pipeline thread, and owns the one "get by name" of the Get cmdlets.</summary>
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
                if (session!.Disconnected)
                {
                    // Objects remember the session they were read with: after Disconnect-Tke they must
                    // not go on calling the server with its key.
                    ThrowTerminatingError(new ErrorRecord(
                        new InvalidOperationException($"The session {session} was ended by Disconnect-Tke. Run Connect-Tke, then read the objects again (or pass the new session with -Session)."),
                        "TkeNotConnected", ErrorCategory.InvalidOperation, null));
                }
                return session;
            }
        }

        /// <inheritdoc />
        protected sealed override void ProcessRecordCore() => ProcessRecordWithSession(ActiveSession);

        /// <summary>The cmdlet's work for one pipeline input, with the session resolved.</summary>
        protected abstract void ProcessRecordWithSession(TkeSession session);

        /// <summary>Runs one resource operation on the pipeline thread (its log written as it happens).</summary>
        internal T Call<T>(Func<IRequestLog, CancellationToken, Task<T>> operation) => Run(ct => operation(this, ct));

        /// <summary>Every item of a list, page after page, each handed out as its page arrives (the
        /// next page is already on its way). Stopping early drops the page asked for ahead.</summary>
        internal IEnumerable<T> Items<T>(ListReader<T> list)
        {
            using (list)
            {
                while (Run(ct => list.NextAsync(this, ct)) is { } page)
                {
                    foreach (var item in page.Items) yield return item;
                }
            }
        }

        /// <summary>The Get cmdlets' one shape for <c>-Name</c>: each name checked (a bad one is a
        /// TkeInvalidName error before any request), each literal name read on its own (a missing one
        /// a non-terminating ObjectNotFound error with the name as target), and the list read once
        /// when a wildcard or no name is given, filtered by the patterns (silent when nothing matches,
        /// as Get-ChildItem is), with a failure of the list about <paramref name="listTarget"/>.</summary>
        /// <param name="names">The -Name values, or null for all.</param>
        /// <param name="kind">The rule names follow.</param>
        /// <param name="nameOf">The name of a listed object, matched against the patterns.</param>
        /// <param name="get">Reads one literal name; null when it writes its own answer.</param>
        /// <param name="list">The list to filter (it may narrow its reads by the filter), or null when there is none to read.</param>
        /// <param name="listTarget">What a failure of the list is about (the cluster, the namespace).</param>
        internal void WriteNamed<T>(string[]? names, TkeNameKind kind, Func<T, string> nameOf, Func<string, T?> get, Func<NameFilter, IEnumerable<T>>? list, object? listTarget)
            where T : class
        {
            var given = names?.Where(n => CheckName(n, kind, wildcards: true)).ToArray();
            if (given != null && given.Length == 0) return;
            var filter = new NameFilter(given);
            foreach (var name in filter.Literals)
            {
                ForTarget(name, () =>
                {
                    if (get(name) is { } found) WriteObject(found);
                });
            }
            if (!filter.NeedsList || list is null) return;
            ForTarget(listTarget, () =>
            {
                foreach (var item in list(filter))
                {
                    var name = nameOf(item);
                    if (filter.Matches(name) && !filter.Literals.Contains(name)) WriteObject(item);
                }
            });
        }
    

        /// <summary>The clusters read to explain a missing cluster id, once per cmdlet and only after a 404.</summary>
        private List<Cluster>? _clustersForHints;

        /// <summary>A 404 for a cluster id told better when the id is a display name: reads the list
        /// of clusters once per cmdlet (only on a 404) to name the id that has it.</summary>
        internal TkeApiException ExplainMissingCluster(TkeSession session, TkeApiException e, string name)
        {
            if (e.StatusCode != 404) return e;
            if (_clustersForHints is null)
            {
                try
                {
                    _clustersForHints = Items(session.Api.Clusters.List()).ToList();
                }
                catch (TkeException)
                {
                    // The list is only a hint; the 404 stands as it is.
                    _clustersForHints = new List<Cluster>();
                }
            }
            var explained = Models.MissingName.ExplainCluster(e, name, _clustersForHints);
            // The error is about the cluster, whatever the cmdlet was reading in it.
            explained.Target = name;
            return explained;
        }

        /// <summary>Throws the ObjectNotFound error (TkeApiNotFound, with the display-name hint) when
        /// the cluster does not exist; for a <c>-ClusterName</c> whose list came back empty, so a typo
        /// is an error and not silence.</summary>
        internal void RequireCluster(TkeSession session, string cluster)
        {
            try
            {
                Call((log, ct) => session.Api.Clusters.GetAsync(cluster, log, ct));
            }
            catch (TkeApiException e) when (e.StatusCode == 404)
            {
                throw ExplainMissingCluster(session, e, cluster);
            }
        }

        /// <summary>Throws the ObjectNotFound error when the cluster or the namespace does not exist;
        /// for a <c>-Namespace</c> whose list came back empty (the API server lists a namespace that
        /// does not exist as empty, not as a 404). One GET of the namespace through the proxy.</summary>
        internal void RequireNamespace(TkeSession session, string cluster, string ns)
        {
            try
            {
                Call((log, ct) => session.Api.Namespaces.GetAsync(cluster, ns, log, ct));
            }
            catch (TkeApiException e) when (e.StatusCode == 404)
            {
                if (Models.MissingName.IsAboutCluster(e)) throw ExplainMissingCluster(session, e, cluster);
                throw Models.MissingName.ExplainNamespace(e, cluster, ns);
            }
        }

        /// <summary>The items of a list, then <paramref name="whenEmpty"/> when there were none (it
        /// throws the error for a missing cluster or namespace). Use inside the list of <see cref="WriteNamed"/>:
        /// <c>_ =&gt; OrWhenEmpty(Items(list), () =&gt; RequireNamespace(session, cluster, ns))</c>.</summary>
        internal static IEnumerable<T> OrWhenEmpty<T>(IEnumerable<T> items, Action whenEmpty)
        {
            var any = false;
            foreach (var item in items)
            {
                any = true;
                yield return item;
            }
            if (!any) whenEmpty();
        }
    

        /// <summary>The items of a list read through the cluster proxy, with the proxy's 404 for the
        /// cluster told better (the display-name hint of <see cref="ExplainMissingCluster"/>).</summary>
        internal IEnumerable<T> ExplainingCluster<T>(TkeSession session, string cluster, IEnumerable<T> items)
        {
            using var e = items.GetEnumerator();
            while (true)
            {
                bool more;
                try
                {
                    more = e.MoveNext();
                }
                catch (TkeApiException x) when (Models.MissingName.IsAboutCluster(x))
                {
                    throw ExplainMissingCluster(session, x, cluster);
                }
                if (!more) yield break;
                yield return e.Current;
            }
        }
    }
}
