using System;

namespace TkeStack.Api
{
    /// <summary>Every URL path the module calls, in one place, numbered as the user's API guide
    /// numbers its calls. Paths are relative to their API's prefix (<see cref="ApiGroup"/>): the
    /// client puts the session's /platform or /business (or nothing) in front.</summary>
    internal static class ApiRoutes
    {
        private const string PlatformGroup = "/apis/platform.tkestack.io/v1";
        private const string BusinessGroup = "/apis/business.tkestack.io/v1";

        /// <summary>Guide 1.2: the clusters.</summary>
        public const string Clusters = PlatformGroup + "/clusters";

        /// <summary>One cluster.</summary>
        public static string Cluster(string name) => Clusters + "/" + Escape(name);

        /// <summary>Guide 1.3: the namespaces of the cluster named by X-TKE-ClusterName.</summary>
        public const string Namespaces = "/api/v1/namespaces";

        /// <summary>One namespace of the cluster named by X-TKE-ClusterName.</summary>
        public static string Namespace(string name) => Namespaces + "/" + Escape(name);

        /// <summary>The pods of a namespace, through the cluster proxy (tkestack/tke
        /// <c>pkg/platform/proxy/core/rest/rest.go</c>: pods, pods/log, pods/events).</summary>
        public static string Pods(string ns) => Namespace(ns) + "/pods";

        /// <summary>One pod.</summary>
        public static string Pod(string ns, string name) => Pods(ns) + "/" + Escape(name);

        /// <summary>A pod's log or events.</summary>
        public static string PodSubresource(string ns, string name, string subresource) => Pod(ns, name) + "/" + subresource;

        /// <summary>The events of a namespace, through the cluster proxy.</summary>
        public static string NamespaceEvents(string ns) => Namespace(ns) + "/events";

        /// <summary>Guide 2.1: the Deployments, StatefulSets or DaemonSets (plural) of a namespace,
        /// through the cluster proxy.</summary>
        public static string Workloads(string ns, string plural) => "/apis/apps/v1/namespaces/" + Escape(ns) + "/" + plural;

        /// <summary>Guide 2.1: one Deployment, StatefulSet or DaemonSet.</summary>
        public static string Workload(string ns, string plural, string name) => Workloads(ns, plural) + "/" + Escape(name);

        /// <summary>TKEStack's pods or events subresource of a Deployment, StatefulSet or DaemonSet
        /// (tkestack/tke <c>pkg/platform/proxy/apps/rest/rest.go</c>; the events are the workload's and
        /// its pods', <c>pkg/platform/proxy/apps/deployment/storage/event.go</c>).</summary>
        public static string WorkloadSubresource(string ns, string plural, string name, string subresource) =>
            Workload(ns, plural, name) + "/" + subresource;

        /// <summary>Guide 2.2.1 and 2.3: the TApps of a cluster (namespace and name go in the query;
        /// <c>action=pods</c> or <c>action=events</c> asks for a TApp's pods or events, tkestack/tke
        /// <c>pkg/platform/registry/cluster/storage/tappcontroller.go</c>).</summary>
        public static string TApps(string cluster) => Cluster(cluster) + "/tapps";

        /// <summary>Guide 3.1: the machines.</summary>
        public const string Machines = PlatformGroup + "/machines";

        /// <summary>Guide 3.2 and 3.3: one machine.</summary>
        public static string Machine(string name) => Machines + "/" + Escape(name);

        /// <summary>Guide 4.1: the portal (am I an administrator, which projects am I in).</summary>
        public const string Portal = BusinessGroup + "/portal";

        /// <summary>All projects (an administrator's view).</summary>
        public const string Projects = BusinessGroup + "/projects";

        /// <summary>Guide 4.3: one project.</summary>
        public static string Project(string name) => Projects + "/" + Escape(name);

        /// <summary>Guide 4.2: the namespaces of a project.</summary>
        public static string ProjectNamespaces(string project) => BusinessGroup + "/namespaces/" + Escape(project) + "/namespaces";

        /// <summary>The open-source gateway's console login: POST a form with username and password
        /// (tkestack/tke <c>pkg/gateway/api/token.go</c>, every release from v1.4.0).</summary>
        public const string Tokens = GatewayGroup + "/tokens";

        /// <summary>Renews a console login from its cookie's refresh token.</summary>
        public const string TokenRenew = Tokens + "/renew";

        /// <summary>Who a console login is (name, uid, groups).</summary>
        public const string TokenInfo = Tokens + "/info";

        /// <summary>An API key made from a user name and password (tkestack/tke
        /// <c>pkg/auth/apiserver/apiserver.go</c> APIKeyPasswordPath). The trailing slash matters: the
        /// gateway lets <c>APIKeyPasswordPath + "/"</c> through without its cookie
        /// (<c>pkg/gateway/proxy/proxy.go</c>), and tke-auth-api takes it as the same path.</summary>
        public const string ApiKeyFromPassword = "/apis/auth.tkestack.io/v1/apikeys/default/password/";

        private const string GatewayGroup = "/apis/gateway.tkestack.io/v1";

        /// <summary>A name as one path segment. Names the user gives are checked before any request;
        /// one that reaches here empty or as a dot segment came from an answer (a create answering the
        /// name '..'), and would climb the path: refused, nothing sent.</summary>
        private static string Escape(string segment)
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                throw new TkeApiException($"The server named an object '{segment}', which cannot stand in a URL path; the call that needed it was not sent.",
                    "TkeApiMalformed", System.Management.Automation.ErrorCategory.InvalidResult, null, null,
                    "Something other than the TKEStack API may be answering: check Connect-Tke's -Uri and prefixes.");
            }
            return Uri.EscapeDataString(segment);
        }
    }
}
