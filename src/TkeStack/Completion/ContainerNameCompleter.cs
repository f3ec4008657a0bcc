using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using TkeStack.Api;

namespace TkeStack.Completion
{
    /// <summary>Completes the container names of the workload already typed (<c>-ClusterName</c>,
    /// <c>-Namespace</c>, <c>-Kind</c>, <c>-Name</c>), read as Get-TkeWorkload reads it (guide 2.1's
    /// path; a TApp as guide 2.2.1 reads it), with each container's current image as tooltip.
    /// Without -Kind, every kind is tried. Nothing until cluster, namespace and name are given.
    /// For -Container of Set-TkeWorkloadImage.</summary>
    public sealed class ContainerNameCompleter : TkeCompleter
    {
        internal override IEnumerable<Candidate> Candidates(TkeSession session, IDictionary fakeBoundParameters)
        {
            var cluster = CompletionSource.BoundText(fakeBoundParameters, "ClusterName");
            var ns = CompletionSource.BoundText(fakeBoundParameters, "Namespace");
            var name = CompletionSource.BoundText(fakeBoundParameters, "Name");
            if (cluster is null || ns is null || name is null) return new Candidate[0];
            var kindText = CompletionSource.BoundText(fakeBoundParameters, "Kind");
            WorkloadKind[] kinds;
            if (kindText is null) kinds = (WorkloadKind[])Enum.GetValues(typeof(WorkloadKind));
            else if (Enum.TryParse<WorkloadKind>(kindText, true, out var kind)) kinds = new[] { kind };
            else return new Candidate[0];
            var reads = kinds.Select(k => System.Threading.Tasks.Task.Run(() => Read(session, cluster, ns, k, name))).ToArray();
            System.Threading.Tasks.Task.WaitAll(reads);
            return reads.SelectMany(r => r.Result).GroupBy(c => c.Name).Select(g => g.First()).ToList();
        }

        private static Candidate[] Read(TkeSession session, string cluster, string ns, WorkloadKind kind, string name)
        {
            var get = WorkloadRequests.Get(session, cluster, ns, kind, name);
            return CompletionSource.Get(session, "containers|" + kind + "|" + cluster + "|" + ns + "|" + name, async ct =>
            {
                using var doc = await session.Client.SendAsync(get, NullRequestLog.Instance, ct).ConfigureAwait(false);
                var result = new List<Candidate>();
                var e = doc.RootElement;
                foreach (var p in new[] { "spec", "template", "spec", "containers" })
                {
                    if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e)) return result.ToArray();
                }
                if (e.ValueKind != JsonValueKind.Array) return result.ToArray();
                foreach (var c in e.EnumerateArray())
                {
                    var container = CompletionSource.Text(c, "name");
                    if (!string.IsNullOrEmpty(container))
                        result.Add(new Candidate(container!, $"{container}: {CompletionSource.Text(c, "image")} ({kind} {ns}/{name} in {cluster})"));
                }
                return result.ToArray();
            });
        }
    }
}
