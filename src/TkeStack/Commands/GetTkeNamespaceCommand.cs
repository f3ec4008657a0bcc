using System;
using System.Linq;
using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>Get-TkeNamespace: guide 1.3, the namespaces of one cluster, read through the
    /// platform's cluster proxy with the X-TKE-ClusterName header.</summary>
    [Cmdlet(VerbsCommon.Get, "TkeNamespace")]
    [OutputType(typeof(Namespace))]
    public sealed class GetTkeNamespaceCommand : TkeApiCmdlet
    {
        /// <summary>Cluster ids (cls-xxxxxxxx, not display names). Binds from a piped cluster.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ClusterNameCompleter))]
        public string[] ClusterName { get; set; } = new string[0];

        /// <summary>Namespace names; wildcards filter the list. All namespaces when not given.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.NamespaceCompleter))]
        public string[]? Name { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            var namespaces = session.Api.Namespaces;
            foreach (var cluster in ClusterName.Distinct(StringComparer.Ordinal))
            {
                if (!CheckName(cluster, TkeNameKind.Cluster)) continue;
                WriteNamed(Name, TkeNameKind.Namespace, n => n.Name,
                    name =>
                    {
                        try
                        {
                            return Call((log, ct) => namespaces.GetAsync(cluster, name, log, ct));
                        }
                        catch (Api.TkeApiException e) when (Models.MissingName.IsAboutCluster(e))
                        {
                            throw ExplainMissingCluster(session, e, cluster);
                        }
                    },
                    _ => ExplainingCluster(session, cluster, Items(namespaces.List(cluster))), cluster);
            }
        }
    }
}
