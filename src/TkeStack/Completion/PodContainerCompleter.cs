using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace TkeStack.Completion
{
    /// <summary>Completes the container names of the pod already typed (<c>-ClusterName</c>,
    /// <c>-Namespace</c>, <c>-Name</c>), with each container's image and state as tooltip.</summary>
    public sealed class PodContainerCompleter : TkeCompleter
    {
        internal override IEnumerable<Candidate> Candidates(TkeSession session, IDictionary fakeBoundParameters)
        {
            var cluster = CompletionSource.BoundText(fakeBoundParameters, "ClusterName");
            var ns = CompletionSource.BoundText(fakeBoundParameters, "Namespace");
            var name = CompletionSource.BoundText(fakeBoundParameters, "Name");
            if (cluster is null || ns is null || name is null) return new Candidate[0];
            return CompletionSource.Get(session, $"podcontainers|{cluster}|{ns}|{name}", async ct =>
            {
                var pod = await session.Api.Pods.GetAsync(cluster, ns, name, Api.NullRequestLog.Instance, ct).ConfigureAwait(false);
                return pod.Containers.Select(c => new Candidate(c.Name, $"{c.Name}: {c.Image} ({c.State}{(c.Reason is null ? "" : " " + c.Reason)})")).ToArray();
            });
        }
    }
}
