using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>Get-TkeCluster: guide 1.2, the clusters of the platform.</summary>
    [Cmdlet(VerbsCommon.Get, "TkeCluster")]
    [OutputType(typeof(Cluster))]
    public sealed class GetTkeClusterCommand : TkeApiCmdlet
    {
        /// <summary>Cluster ids (cls-xxxxxxxx); wildcards filter the list. All clusters when not given.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [Alias("ClusterName")]
        [ArgumentCompleter(typeof(Completion.ClusterNameCompleter))]
        public string[]? Name { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            var clusters = session.Api.Clusters;
            WriteNamed(Name, TkeNameKind.Cluster, c => c.Name,
                name =>
                {
                    try
                    {
                        return Call((log, ct) => clusters.GetAsync(name, log, ct));
                    }
                    catch (Api.TkeApiException e) when (e.StatusCode == 404)
                    {
                        // prod-beijing is what the console shows: say which id has that display name.
                        throw ExplainMissingCluster(session, e, name);
                    }
                },
                _ => Items(clusters.List()), null);
        }
    }
}
