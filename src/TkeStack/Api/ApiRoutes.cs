using System;

namespace TkeStack.Api
{
    /// <summary>Every URL path the module calls, in one place, numbered as the user's API guide
    /// numbers its calls. Paths start with the session's prefix (/platform or /business by default,
    /// empty against tke-platform-api or tke-business-api directly).</summary>
    internal static class ApiRoutes
    {
        private const string PlatformGroup = "/apis/platform.tkestack.io/v1";
        private const string BusinessGroup = "/apis/business.tkestack.io/v1";

        /// <summary>Guide 1.2: the clusters.</summary>
        public static string Clusters(TkeSession s) => s.PlatformPrefix + PlatformGroup + "/clusters";

        /// <summary>One cluster.</summary>
        public static string Cluster(TkeSession s, string name) => Clusters(s) + "/" + Escape(name);

        /// <summary>Guide 1.3: the namespaces of the cluster named by X-TKE-ClusterName.</summary>
        public static string Namespaces(TkeSession s) => s.PlatformPrefix + "/api/v1/namespaces";

        /// <summary>One namespace of the cluster named by X-TKE-ClusterName.</summary>
        public static string Namespace(TkeSession s, string name) => Namespaces(s) + "/" + Escape(name);

        /// <summary>Guide 2.1: the Deployments, StatefulSets or DaemonSets (plural) of a namespace,
        /// through the cluster proxy.</summary>
        public static string Workloads(TkeSession s, string ns, string plural) =>
            s.PlatformPrefix + "/apis/apps/v1/namespaces/" + Escape(ns) + "/" + plural;

        /// <summary>Guide 2.1: one Deployment, StatefulSet or DaemonSet.</summary>
        public static string Workload(TkeSession s, string ns, string plural, string name) =>
            Workloads(s, ns, plural) + "/" + Escape(name);

        /// <summary>TKEStack's pods subresource of a Deployment, StatefulSet or DaemonSet (tkestack/tke
        /// <c>pkg/platform/proxy/apps/rest/rest.go</c>).</summary>
        public static string WorkloadPods(TkeSession s, string ns, string plural, string name) => Workload(s, ns, plural, name) + "/pods";

        /// <summary>TKEStack's events subresource of a Deployment, StatefulSet or DaemonSet: the
        /// workload's events and its pods' (tkestack/tke <c>pkg/platform/proxy/apps/deployment/storage/event.go</c>).</summary>
        public static string WorkloadEvents(TkeSession s, string ns, string plural, string name) => Workload(s, ns, plural, name) + "/events";

        /// <summary>Guide 2.2.1 and 2.3: the TApps of a cluster (namespace and name go in the query;
        /// <c>action=pods</c> or <c>action=events</c> asks for a TApp's pods or events, tkestack/tke
        /// <c>pkg/platform/registry/cluster/storage/tappcontroller.go</c>).</summary>
        public static string TApps(TkeSession s, string cluster) => Cluster(s, cluster) + "/tapps";

        /// <summary>Guide 3.1: the machines.</summary>
        public static string Machines(TkeSession s) => s.PlatformPrefix + PlatformGroup + "/machines";

        /// <summary>Guide 3.2 and 3.3: one machine.</summary>
        public static string Machine(TkeSession s, string name) => Machines(s) + "/" + Escape(name);

        /// <summary>Guide 4.1: the portal (am I an administrator, which projects am I in).</summary>
        public static string Portal(TkeSession s) => s.BusinessPrefix + BusinessGroup + "/portal";

        /// <summary>All projects (an administrator's view).</summary>
        public static string Projects(TkeSession s) => s.BusinessPrefix + BusinessGroup + "/projects";

        /// <summary>Guide 4.3: one project.</summary>
        public static string Project(TkeSession s, string name) => Projects(s) + "/" + Escape(name);

        /// <summary>Guide 4.2: the namespaces of a project.</summary>
        public static string ProjectNamespaces(TkeSession s, string project) =>
            s.BusinessPrefix + BusinessGroup + "/namespaces/" + Escape(project) + "/namespaces";

        private static string Escape(string segment) => Uri.EscapeDataString(segment);
    }
}
