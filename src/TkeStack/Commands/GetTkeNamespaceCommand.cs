using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>Get-TkeNamespace: guide 1.3, the namespaces of one cluster, read through the
    /// platform's cluster proxy with the X-TKE-ClusterName header.</summary>
    [Cmdlet(VerbsCommon.Get, "TkeNamespace")]
    [OutputType(typeof(Namespace))]
    public sealed class GetTkeNamespaceCommand : TkeApiCmdlet
    {
        /// <summary>The cluster id (cls-xxxxxxxx, not its display name). Binds from a piped cluster.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ClusterNameCompleter))]
        public string ClusterName { get; set; } = string.Empty;

        /// <summary>Namespace names; wildcards filter the list. All namespaces when not given.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.NamespaceCompleter))]
        public string[]? Name { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            if (!CheckName(ClusterName, TkeNameKind.Cluster)) return;
            var cluster = ClusterName;
            var namespaces = session.Api.Namespaces;
            WriteNamed(Name, TkeNameKind.Namespace, n => n.Name,
                name => Call((log, ct) => namespaces.GetAsync(cluster, name, log, ct)),
                _ => Items(namespaces.List(cluster)), cluster);
        }
    }
}
