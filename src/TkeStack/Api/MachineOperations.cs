using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Models;

namespace TkeStack.Api
{
    /// <summary>Guide 3.1 to 3.3: the machines (nodes TKEStack installs and joins to a cluster).</summary>
    internal sealed class MachineOperations : ResourceOperations
    {
        public MachineOperations(TkeClient client, TkeSession? owner) : base(client, owner)
        {
        }

        /// <summary>Guide 3.1: creates a machine from its body (<see cref="Models.MachineBody"/>). A create
        /// is never sent twice; a failure says what it means for the node.</summary>
        public async Task<Machine> CreateAsync(byte[] body, string cluster, string ip, int port, IRequestLog log, CancellationToken cancel)
        {
            try
            {
                using var answer = await Client.SendAsync(new ApiRequest(HttpMethod.Post, ApiRoutes.Machines).WithBody(body, "application/json"), log, cancel).ConfigureAwait(false);
                return answer.One(TkeJsonContext.Default.MachineResource, Make);
            }
            catch (TkeApiException e)
            {
                throw ExplainCreate(e, cluster, ip, port);
            }
        }

        /// <summary>Guide 3.2: one machine by name.</summary>
        public async Task<Machine> GetAsync(string name, IRequestLog log, CancellationToken cancel)
        {
            using var answer = await Client.SendAsync(ApiRequest.Get(ApiRoutes.Machine(name)), log, cancel).ConfigureAwait(false);
            return answer.One(TkeJsonContext.Default.MachineResource, Make);
        }

        /// <summary>One machine by name, or null when it is gone (404).</summary>
        public async Task<Machine?> FindAsync(string name, IRequestLog log, CancellationToken cancel)
        {
            try
            {
                return await GetAsync(name, log, cancel).ConfigureAwait(false);
            }
            catch (TkeApiException e) when (e.StatusCode == 404)
            {
                return null;
            }
        }

        /// <summary>Every machine, or those of one cluster. The platform API indexes spec.clusterName
        /// (tkestack/tke <c>pkg/platform/registry/machine/strategy.go</c>), so the selector goes to the
        /// server; the items are still checked, for a server that ignores it.</summary>
        public ListReader<Machine> List(string? cluster = null)
        {
            var request = ApiRequest.Get(ApiRoutes.Machines);
            if (cluster != null) request.WithQuery("fieldSelector", "spec.clusterName=" + cluster);
            return ListReader.Of(Client, request, "machines", TkeJsonContext.Default.MachineResource, Make);
        }

        private Machine Make(MachineResource r, byte[] json) => new Machine(r, json, Owner);

        /// <summary>The machine of a cluster with this address, or null (addresses compared as addresses).</summary>
        public async Task<Machine?> FindByIpAsync(string cluster, IPAddress ip, IRequestLog log, CancellationToken cancel)
        {
            using var reader = List(cluster);
            while (await reader.NextAsync(log, cancel).ConfigureAwait(false) is { } page)
            {
                var found = page.Items.FirstOrDefault(m => m.ClusterName == cluster && MachineAddress.Same(m.IP, ip));
                if (found != null) return found;
            }
            return null;
        }

        /// <summary>Guide 3.3: asks for a machine's removal. True when asked now; false when TKEStack
        /// answered 409, as it does while the node is already being removed.</summary>
        public async Task<bool> DeleteAsync(string name, IRequestLog log, CancellationToken cancel)
        {
            try
            {
                using var answer = await Client.SendAsync(new ApiRequest(HttpMethod.Delete, ApiRoutes.Machine(name)), log, cancel).ConfigureAwait(false);
                answer.Ignore();
                return true;
            }
            catch (TkeApiException e) when (e.StatusCode == 409 && e.Reason == "Conflict")
            {
                return false;
            }
        }

        /// <summary>The error of a failed create, with what the user needs: for a 422 the parameter
        /// the server's message concerns; for a 5xx or a lost connection, that the machine may or may
        /// not exist (the POST is never sent twice) and how to look.</summary>
        internal static TkeApiException ExplainCreate(TkeApiException e, string cluster, string ip, int port)
        {
            if (e.StatusCode == 422)
            {
                var parameter = MachineFields.ParameterFor(e.Status?.Details?.Causes?.Select(c => c.Field).FirstOrDefault(f => !string.IsNullOrEmpty(f)));
                return e.Explained($"{e.Message.TrimEnd('.')}. Check {parameter}.",
                    "TKEStack logs in to the node over SSH before it accepts a machine: the user must be root, the password right, the port open, the clock close to the masters', and the IP new to the cluster.");
            }
            if (e.ErrorId == "TkeApiServerPanic")
            {
                // ValidateMachineWithCluster reads the cluster's clusterCIDR without checking it: a cluster
                // without one (an imported cluster) makes the validation panic, and nothing is created.
                return e.Explained(
                    $"TKEStack's validation of machine {ip} for {cluster} crashed on the server (a plain 500), which is what it answers for a cluster without a cluster CIDR, such as an imported one: only clusters TKEStack created take machines. {e.Message}",
                    $"Check the cluster's type with: Get-TkeCluster {cluster} | Format-List Name, Type, Phase");
            }
            var unknownOutcome = e.StatusCode >= 500 || e.ErrorId == "TkeTimeout" || e.ErrorId == "TkeResponseTruncated" ||
                (e.StatusCode is null && e.Data.Contains(TransientFailure.Key));
            if (!unknownOutcome) return e;
            var check = $"Get-TkeMachine -ClusterName {cluster} | Where-Object IP -eq '{ip}'";
            return e.Explained(
                $"Adding machine {ip} to {cluster} may or may not have happened: {e.Message.TrimEnd('.')}. The request was not sent again, as a create is not repeatable. Check with: {check}",
                $"Run {check}; if nothing is there, add it again with: {RetryCommand(cluster, ip, port)}");
        }

        /// <summary>The New-TkeMachine to paste when a create may not have happened; the password is
        /// typed again into Get-Credential (it is in no error).</summary>
        internal static string RetryCommand(string cluster, string ip, int port) =>
            $"New-TkeMachine -ClusterName {cluster} -IP {ip} -Port {port} -Credential (Get-Credential root)";
    }

    /// <summary>Which parameter of New-TkeMachine a field of the machine's spec comes from, for a 422.</summary>
    internal static class MachineFields
    {
        public static string ParameterFor(string? field)
        {
            switch (field)
            {
                case "spec.ip": return "-IP";
                case "spec.port": return "-Port";
                case "spec.clusterName": return "-ClusterName";
                case "spec.type": return "-Type";
                case "spec.tenantID": return "-TenantId";
                case "spec.user":
                case "spec.username":
                case "spec.password":
                case "spec": return "-Credential (and that -IP and -Port reach the node's SSH)";
                default: return "-IP, -Port and -Credential";
            }
        }
    }
}
