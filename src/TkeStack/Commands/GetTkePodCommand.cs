using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>Get-TkePod: the pods of a workload (TKEStack's pods subresource; a TApp's
    /// <c>action=pods</c>), or of a namespace, through the cluster proxy.</summary>
    [Cmdlet(VerbsCommon.Get, "TkePod", DefaultParameterSetName = WorkloadSet)]
    [OutputType(typeof(Pod))]
    public sealed class GetTkePodCommand : TkeApiCmdlet
    {
        // The workload set is the default: with the namespace set first, PowerShell would bind a piped
        // workload's ClusterName and Namespace by property name and list the whole namespace.
        private const string NamespaceSet = "Namespace";
        private const string WorkloadSet = "Workload";

        /// <summary>The workload whose pods to read, piped from Get-TkeWorkload.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = WorkloadSet)]
        public Workload? Workload { get; set; }

        /// <summary>The cluster id (cls-xxxxxxxx). Binds from piped namespaces.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = NamespaceSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ClusterNameCompleter))]
        public string ClusterName { get; set; } = string.Empty;

        /// <summary>The namespace. Binds from piped namespaces.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = NamespaceSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.NamespaceCompleter))]
        public string Namespace { get; set; } = string.Empty;

        /// <summary>Pod names; wildcards filter. Every pod when not given.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.PodNameCompleter))]
        public string[]? Name { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            if (Workload is { } w)
            {
                // The subresource answers the workload's pods in one list: names only filter it.
                var filter = new NameFilter(Name);
                ForTarget(w, () =>
                {
                    foreach (var pod in Call((log, ct) => session.Api.Workloads.PodsAsync(w, log, ct)))
                    {
                        if (filter.Matches(pod.Name) || filter.Literals.Contains(pod.Name)) WriteObject(pod);
                    }
                });
                return;
            }
            if (!CheckName(ClusterName, TkeNameKind.Cluster) || !CheckName(Namespace, TkeNameKind.Namespace)) return;
            var (cluster, ns) = (ClusterName, Namespace);
            var pods = session.Api.Pods;
            WriteNamed(Name, TkeNameKind.Object, p => p.Name,
                name => Call((log, ct) => pods.GetAsync(cluster, ns, name, log, ct)),
                _ => Items(pods.List(cluster, ns)), ns);
        }
    }
}
