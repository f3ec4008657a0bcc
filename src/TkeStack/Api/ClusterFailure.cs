using System.Management.Automation;
using System.Text.RegularExpressions;
using TkeStack.Models;

namespace TkeStack.Api
{
    /// <summary>Recognizes the answers TKEStack gives for a cluster that is locked or not healthy, which
    /// otherwise read as a missing permission (403) or a server fault (500, 503):
    /// <list type="bullet">
    /// <item>the platform's own routes to a cluster (the TApp route) check it in
    /// <c>APIServerLocationByCluster</c> (tkestack/tke <c>pkg/platform/util/location.go</c>, v1.4.0 to
    /// v1.9.2): 503 ServiceUnavailable "cluster X status is abnormal" when its phase is not Running,
    /// then 403 Forbidden "clusters... \"X\" is forbidden: cluster is been locked";</item>
    /// <item>the proxy behind <c>X-TKE-ClusterName</c> (<c>pkg/platform/proxy/client.go</c>) returns
    /// a plain error for a locked cluster, which the API server answers as a 500 with no reason and
    /// the bare message "cluster X has been locked".</item>
    /// </list></summary>
    internal static class ClusterFailure
    {
        private static readonly Regex Abnormal = new Regex(@"^cluster (\S+) status is abnormal$", RegexOptions.CultureInvariant);
        private static readonly Regex LockedByProxy = new Regex(@"^cluster (\S+) has been locked$", RegexOptions.CultureInvariant);

        /// <summary>The error to give instead, or null when the answer is not about the cluster's state.</summary>
        /// <param name="code">The HTTP status code.</param>
        /// <param name="status">The Status the server answered, if any.</param>
        /// <param name="message">The message as already worded (with the request and code).</param>
        internal static TkeApiException? Recognize(int code, KubeStatus? status, string message)
        {
            var text = status?.Message ?? string.Empty;
            string? cluster = null;
            var locked = false;
            if (code == 503 && Abnormal.Match(text) is { Success: true } a)
            {
                cluster = a.Groups[1].Value;
            }
            else if (code == 403 && status?.Details?.Kind == "clusters" && text.EndsWith("is forbidden: cluster is been locked", System.StringComparison.Ordinal))
            {
                cluster = status.Details.Name;
                locked = true;
            }
            else if (code == 500 && string.IsNullOrEmpty(status?.Reason) && LockedByProxy.Match(text) is { Success: true } l)
            {
                cluster = l.Groups[1].Value;
                locked = true;
            }
            if (string.IsNullOrEmpty(cluster)) return null;
            // Not the user's permission nor a fault to retry: the cluster is out of service until an
            // administrator unlocks it or it is healthy again.
            var what = locked
                ? $"Cluster {cluster} is locked: TKEStack refuses requests to it until an administrator unlocks it."
                : $"Cluster {cluster} is not healthy (its phase is not Running): TKEStack refuses requests to it until it is.";
            return new TkeApiException($"{what} {message}",
                locked ? "TkeClusterLocked" : "TkeClusterUnhealthy", ErrorCategory.ResourceUnavailable, code, status,
                $"Get-TkeCluster {cluster} | Format-List Name, Phase, Locked, Conditions");
        }
    }
}
