using System.Linq;
using System.Management.Automation;
using TkeStack.Api;

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
        protected override void ProcessRecordCore()
        {
            if (!CheckName(ClusterName, TkeNameKind.Cluster)) return;
            var given = Name?.Where(n => CheckName(n, TkeNameKind.Namespace, wildcards: true)).ToArray();
            if (given != null && given.Length == 0) return;
            var session = ActiveSession;
            var names = new NameFilter(given);
            foreach (var name in names.Literals)
            {
                ForTarget(name, () =>
                {
                    using var doc = Send(ApiRequest.Get(ApiRoutes.Namespace(session, name)).WithCluster(ClusterName));
                    WriteObject(new Namespace(doc.RootElement.Clone(), ClusterName, session));
                });
            }
            if (!names.NeedsList) return;
            ForTarget(ClusterName, () =>
            {
                foreach (var item in ListItems(ApiRequest.Get(ApiRoutes.Namespaces(session)).WithCluster(ClusterName), "namespaces"))
                {
                    var ns = new Namespace(item.Clone(), ClusterName, session);
                    if (names.Matches(ns.Name) && !names.Literals.Contains(ns.Name)) WriteObject(ns);
                }
            });
        }
    }
}
