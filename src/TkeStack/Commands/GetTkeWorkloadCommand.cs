using System.Management.Automation;

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
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            if (!CheckName(ClusterName, TkeNameKind.Cluster) || !CheckName(Namespace, TkeNameKind.Namespace)) return;
            var (cluster, ns, kind) = (ClusterName, Namespace, Kind);
            var workloads = session.Api.Workloads;
            WriteNamed(Name, TkeNameKind.Object, w => w.Name,
                name => Call((log, ct) => workloads.GetAsync(cluster, ns, kind, name, log, ct)),
                _ => Items(workloads.List(cluster, ns, kind)), ns);
        }
    }
}
