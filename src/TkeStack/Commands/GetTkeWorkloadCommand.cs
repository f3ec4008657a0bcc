using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>Get-TkeWorkload: the Deployments, StatefulSets, DaemonSets and TApps of namespaces
    /// (guide 2.1's objects through the cluster proxy; a TApp read as guide 2.2.1 reads it): one kind
    /// or several (kubectl's names too), one cluster and namespace or several, every namespace of a
    /// cluster when -Namespace is left out (kubectl's -A).</summary>
    [Cmdlet(VerbsCommon.Get, "TkeWorkload")]
    [OutputType(typeof(Workload))]
    public sealed class GetTkeWorkloadCommand : TkeApiCmdlet
    {
        /// <summary>Cluster ids (cls-xxxxxxxx). Binds from piped namespaces and workloads.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ClusterNameCompleter))]
        public string[] ClusterName { get; set; } = new string[0];

        /// <summary>Namespaces. Binds from piped namespaces (their Namespace alias) and workloads.
        /// Every namespace of the cluster when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.NamespaceCompleter))]
        public string[]? Namespace { get; set; }

        /// <summary>Deployment, StatefulSet, DaemonSet or TApp, or kubectl's names (deploy, sts, ds,
        /// tapp, and the plurals); several may be given. Every kind when not given: a cluster that does
        /// not serve the TApp kind is then passed over (-Verbose says so).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.WorkloadKindCompleter))]
        public string[]? Kind { get; set; }

        /// <summary>Workload names; wildcards filter the list. Every workload when not given.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.WorkloadNameCompleter))]
        public string[]? Name { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            var kinds = new List<WorkloadKind>();
            foreach (var k in Kind ?? new string[0])
            {
                var parsed = WorkloadKinds.Parse(k);
                if (parsed.Length == 0)
                {
                    WriteInvalid($"'{k}' is not a workload kind: give {WorkloadKinds.Names}.", "TkeInvalidKind", k);
                    return;
                }
                kinds.AddRange(parsed.Where(p => !kinds.Contains(p)));
            }
            var explicitKinds = kinds.Count > 0;
            if (!explicitKinds) kinds.AddRange(WorkloadKinds.All);
            if (ClusterName.Any(c => !CheckName(c, TkeNameKind.Cluster))) return;
            if (Namespace != null && Namespace.Any(n => !CheckName(n, TkeNameKind.Namespace))) return;
            var given = Name?.Where(n => CheckName(n, TkeNameKind.Object, wildcards: true)).ToArray();
            if (given != null && given.Length == 0) return;
            var filter = new NameFilter(given);
            var api = session.Api;
            if (Namespace != null && filter.NeedsList)
            {
                // The lists this record will read, asked for at once (their first pages on the wire
                // together, at most MaxListsAhead, the rest as their turn comes); they are written in
                // order. A TApp list waits for its cluster's probe.
                foreach (var cluster in ClusterName)
                {
                    foreach (var ns in Namespace)
                    {
                        foreach (var kind in kinds.Where(k => k != WorkloadKind.TApp || explicitKinds))
                        {
                            if (_ahead.Count >= MaxListsAhead) break;
                            var reader = api.Workloads.List(cluster, ns, kind);
                            reader.Prefetch(CancelToken);
                            _ahead[(cluster, ns, kind)] = reader;
                        }
                    }
                }
            }
            try
            {
                ReadAll(session, kinds, explicitKinds, filter);
            }
            finally
            {
                foreach (var reader in _ahead.Values) reader.Dispose();
                _ahead.Clear();
            }
        }

        /// <summary>How many lists are asked for ahead of their turn, at most.</summary>
        private const int MaxListsAhead = 16;

        /// <summary>Lists started ahead, by cluster, namespace and kind.</summary>
        private readonly Dictionary<(string, string, WorkloadKind), ListReader<Workload>> _ahead = new Dictionary<(string, string, WorkloadKind), ListReader<Workload>>();

        private void ReadAll(TkeSession session, List<WorkloadKind> kinds, bool explicitKinds, NameFilter filter)
        {
            var api = session.Api;
            foreach (var cluster in ClusterName)
            {
                ForTarget(cluster, () =>
                {
                    var namespaces = Namespace ?? Items(api.Namespaces.List(cluster)).Select(n => n.Name).ToArray();
                    foreach (var ns in namespaces)
                    {
                        ForTarget(ns, () => ReadNamespace(session, cluster, ns, kinds, explicitKinds, filter, explicitNamespace: Namespace != null));
                    }
                });
            }
        }

        /// <summary>The workloads of one namespace: each literal name read by kind (missing in every
        /// kind asked: ObjectNotFound), the lists read for wildcards or all; a literal namespace that
        /// does not exist is ObjectNotFound, not silence.</summary>
        private void ReadNamespace(TkeSession session, string cluster, string ns, List<WorkloadKind> kinds, bool explicitKinds, NameFilter filter, bool explicitNamespace)
        {
            var api = session.Api;
            var written = 0;
            var serves = kinds.Where(k => k != WorkloadKind.TApp || explicitKinds || ServesTApps(api, cluster)).ToList();
            foreach (var name in filter.Literals)
            {
                if (!explicitNamespace)
                {
                    continue; // read from the lists below, since the namespace was not named
                }
                var found = false;
                foreach (var kind in serves)
                {
                    ForTarget(name, () =>
                    {
                        try
                        {
                            WriteObject(Call((log, ct) => api.Workloads.GetAsync(cluster, ns, kind, name, log, ct)));
                            found = true;
                            written++;
                        }
                        catch (TkeApiException e) when (e.StatusCode == 404 && serves.Count > 1 && e.ErrorId != "TkeTAppNotInstalled")
                        {
                            // Not of this kind; another kind may have it.
                        }
                    });
                }
                if (!found && serves.Count > 1)
                {
                    WriteError(new ErrorRecord(
                        new ItemNotFoundException($"No workload named '{name}' in {cluster}/{ns} (looked for {string.Join(", ", serves)})."),
                        "TkeWorkloadNotFound", ErrorCategory.ObjectNotFound, name));
                }
            }
            var literalsFromList = !explicitNamespace && filter.Literals.Count > 0;
            if (filter.NeedsList || literalsFromList)
            {
                foreach (var kind in serves)
                {
                    if (_ahead.TryGetValue((cluster, ns, kind), out var ahead)) _ahead.Remove((cluster, ns, kind));
                    foreach (var w in Items(ahead ?? api.Workloads.List(cluster, ns, kind)))
                    {
                        var wanted = explicitNamespace ? filter.Matches(w.Name) && !filter.Literals.Contains(w.Name) : filter.Matches(w.Name) || filter.Literals.Contains(w.Name);
                        if (!wanted) continue;
                        WriteObject(w);
                        written++;
                    }
                }
            }
            if (written == 0 && explicitNamespace)
            {
                // A list of a namespace that does not exist is empty, not 404: a typo must not be silence.
                RequireNamespace(session, cluster, ns);
            }
        }

        /// <summary>Whether a cluster serves the TApp kind, asked once per cluster with a list of one.</summary>
        private bool ServesTApps(TkeApi api, string cluster)
        {
            if (_tapps.TryGetValue(cluster, out var serves)) return serves;
            try
            {
                Call((log, ct) => api.Workloads.List(cluster, "default", WorkloadKind.TApp).NextAsync(log, ct));
                serves = true;
            }
            catch (TkeApiException e) when (e.ErrorId == "TkeTAppNotInstalled")
            {
                WriteVerbose($"Cluster {cluster} does not serve the TApp kind; its TApps are not listed.");
                serves = false;
            }
            _tapps[cluster] = serves;
            return serves;
        }

        private readonly Dictionary<string, bool> _tapps = new Dictionary<string, bool>();
    }
}
