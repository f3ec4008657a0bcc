using System.Threading;
using TkeStack.Models;
using System.Threading.Tasks;

namespace TkeStack.Api
{
    /// <summary>The resource operations of one session, shaped like client-go's typed clientset: one
    /// object per resource, each owning its routes, queries, paging and the explanation of its own
    /// failures, and answering typed models. Cmdlets and completers call these and nothing below.</summary>
    internal sealed class TkeApi
    {
        /// <param name="client">The HTTP client that sends the calls.</param>
        /// <param name="owner">The session the models remember, so the next cmdlet in a pipeline
        /// stays on it; the client itself never sees it.</param>
        public TkeApi(TkeClient client, TkeSession? owner)
        {
            Clusters = new ClusterOperations(client, owner);
            Namespaces = new NamespaceOperations(client, owner);
            Workloads = new WorkloadOperations(client, owner);
            Machines = new MachineOperations(client, owner);
            Projects = new ProjectOperations(client, owner);
            Pods = new PodOperations(client, owner);
            Raw = new RawOperations(client, owner);
            Gateway = new GatewayOperations(client, owner);
        }

        public ClusterOperations Clusters { get; }
        public NamespaceOperations Namespaces { get; }
        public WorkloadOperations Workloads { get; }
        public MachineOperations Machines { get; }
        public ProjectOperations Projects { get; }
        public PodOperations Pods { get; }
        public RawOperations Raw { get; }
        public GatewayOperations Gateway { get; }
    }

    /// <summary>Guide 1.2: the platform's clusters.</summary>
    internal sealed class ClusterOperations : ResourceOperations
    {
        public ClusterOperations(TkeClient client, TkeSession? owner) : base(client, owner)
        {
        }

        /// <summary>One cluster by id.</summary>
        public async Task<Cluster> GetAsync(string name, IRequestLog log, CancellationToken cancel)
        {
            using var answer = await Client.SendAsync(ApiRequest.Get(ApiRoutes.Cluster(name)), log, cancel).ConfigureAwait(false);
            return answer.One(TkeJsonContext.Default.ClusterResource, Make, "Cluster");
        }

        /// <summary>Every cluster the key's tenant sees.</summary>
        public ListReader<Cluster> List() =>
            ListReader.Of(Client, ApiRequest.Get(ApiRoutes.Clusters), "clusters", TkeJsonContext.Default.ClusterResource, Make, "Cluster");

        private Cluster Make(ClusterResource r, byte[] json) => new Cluster(r, json, Owner);

        /// <summary>The cheapest call that proves a key: a page of one cluster.</summary>
        public async Task ProbeAsync(IRequestLog log, CancellationToken cancel)
        {
            using var answer = await Client.SendAsync(ApiRequest.Get(ApiRoutes.Clusters).WithQuery("limit", "1"), log, cancel).ConfigureAwait(false);
            answer.Ignore();
        }
    }

    /// <summary>Guide 1.3: the namespaces of a cluster, through the platform's cluster proxy.</summary>
    internal sealed class NamespaceOperations : ResourceOperations
    {
        public NamespaceOperations(TkeClient client, TkeSession? owner) : base(client, owner)
        {
        }

        /// <summary>One namespace of a cluster.</summary>
        public async Task<Namespace> GetAsync(string cluster, string name, IRequestLog log, CancellationToken cancel)
        {
            using var answer = await Client.SendAsync(ApiRequest.Get(ApiRoutes.Namespace(name)).WithCluster(cluster), log, cancel).ConfigureAwait(false);
            return answer.One(TkeJsonContext.Default.NamespaceResource, (r, json) => new Namespace(r, json, cluster, Owner), "Namespace");
        }

        /// <summary>Every namespace of a cluster.</summary>
        public ListReader<Namespace> List(string cluster) =>
            ListReader.Of(Client, ApiRequest.Get(ApiRoutes.Namespaces).WithCluster(cluster), "namespaces", TkeJsonContext.Default.NamespaceResource,
                (r, json) => new Namespace(r, json, cluster, Owner), "Namespace");
    }

    /// <summary>Any call the user builds (Invoke-TkeRequest): the answer as PowerShell objects or text,
    /// a list page after page. The client still owns the key, prefixes, retries and errors.</summary>
    internal sealed class RawOperations : ResourceOperations
    {
        public RawOperations(TkeClient client, TkeSession? owner) : base(client, owner)
        {
        }

        /// <summary>Sends the call; the answer as objects, or as text with <paramref name="raw"/>.</summary>
        public async Task<object?> SendAsync(ApiRequest request, bool raw, IRequestLog log, CancellationToken cancel)
        {
            using var answer = await Client.SendAsync(request, log, cancel).ConfigureAwait(false);
            return raw ? answer.Text() : answer.ToPowerShell();
        }

        /// <summary>A list call's items, following its continue tokens.</summary>
        public ListReader<object?> List(ApiRequest request) =>
            new ListReader<object?>(Client, request, "items", answer => new Page<object?>(answer.PowerShellPage(out var next), next));
    }
}
