using System.Linq;
using System.Management.Automation;
using TkeStack.Api;

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
        protected override void ProcessRecordCore()
        {
            var given = Name?.Where(n => CheckName(n, TkeNameKind.Cluster, wildcards: true)).ToArray();
            if (given != null && given.Length == 0) return;
            var session = ActiveSession;
            var names = new NameFilter(given);
            foreach (var name in names.Literals)
            {
                ForTarget(name, () =>
                {
                    using var doc = Send(ApiRequest.Get(ApiRoutes.Cluster(session, name)));
                    WriteObject(new Cluster(doc.RootElement.Clone(), session));
                });
            }
            if (!names.NeedsList) return;
            foreach (var item in ListItems(ApiRequest.Get(ApiRoutes.Clusters(session)), "clusters"))
            {
                var cluster = new Cluster(item.Clone(), session);
                if (names.Matches(cluster.Name) && !names.Literals.Contains(cluster.Name)) WriteObject(cluster);
            }
        }
    }
}
