using System.Linq;
using System.Management.Automation;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>Get-TkeWorkload: the Deployments, StatefulSets, DaemonSets or TApps of a namespace
    /// (guide 2.1's objects through the cluster proxy; a TApp read as guide 2.2.1 reads it).</summary>
    [Cmdlet(VerbsCommon.Get, "TkeWorkload")]
    [OutputType(typeof(Workload))]
    public sealed class GetTkeWorkloadCommand : TkeApiCmdlet
    {
        /// <summary>The cluster id (cls-xxxxxxxx). Binds from piped namespaces and workloads.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ClusterNameCompleter))]
        public string ClusterName { get; set; } = string.Empty;

        /// <summary>The namespace. Binds from piped namespaces (their Namespace alias) and workloads.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.NamespaceCompleter))]
        public string Namespace { get; set; } = string.Empty;

        /// <summary>Deployment, StatefulSet, DaemonSet or TApp.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public WorkloadKind Kind { get; set; }

        /// <summary>Workload names; wildcards filter the list. Every workload of the kind when not given.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.WorkloadNameCompleter))]
        public string[]? Name { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            if (!CheckName(ClusterName, TkeNameKind.Cluster) || !CheckName(Namespace, TkeNameKind.Namespace)) return;
            var given = Name?.Where(n => CheckName(n, TkeNameKind.Object, wildcards: true)).ToArray();
            if (given != null && given.Length == 0) return;
            var session = ActiveSession;
            var names = new NameFilter(given);
            foreach (var name in names.Literals)
            {
                ForTarget(name, () =>
                {
                    try
                    {
                        using var doc = Send(WorkloadRequests.Get(session, ClusterName, Namespace, Kind, name));
                        WriteObject(new Workload(doc.RootElement.Clone(), ClusterName, Kind, session));
                    }
                    catch (TkeApiException e)
                    {
                        throw WorkloadAnswers.Explain(e, Kind, ClusterName);
                    }
                });
            }
            if (!names.NeedsList) return;
            ForTarget(Namespace, () =>
            {
                try
                {
                    foreach (var item in ListItems(WorkloadRequests.List(session, ClusterName, Namespace, Kind), WorkloadRequests.Plural(Kind)))
                    {
                        var w = new Workload(item.Clone(), ClusterName, Kind, session);
                        if (names.Matches(w.Name) && !names.Literals.Contains(w.Name)) WriteObject(w);
                    }
                }
                catch (TkeApiException e)
                {
                    throw WorkloadAnswers.Explain(e, Kind, ClusterName);
                }
            });
        }
    }
}
