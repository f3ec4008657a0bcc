using System;
using System.Collections.Generic;
using System.Linq;

namespace TkeStack.Models
{
    /// <summary>The install steps of a Baremetal machine in each TKEStack release, and the judgement
    /// of where a machine is among them. The steps are the condition types TKEStack writes, one per
    /// handler of tkestack/tke <c>pkg/platform/provider/baremetal/machine/provider.go</c>
    /// (CreateHandlers), in order: each done step is True, the one running Unknown (Waiting) or False
    /// (FailedInit), later ones absent. So the position of the step running is known from the
    /// conditions alone; the count of all steps only once the conditions show which release wrote
    /// them (or the caller knows the release).</summary>
    internal static class InstallSteps
    {
        private static readonly string[] Head = { "EnsureCopyFiles", "EnsurePreInstallHook", "EnsureClean", "EnsureRegistryHosts" };
        private static readonly string[] Middle = { "EnsureKernelModule", "EnsureSysctl", "EnsureDisableSwap", "EnsureManifestDir", "EnsurePreflight", "EnsureNvidiaDriver", "EnsureNvidiaContainerRuntime" };
        private static readonly string[] Join = { "EnsureKubelet", "EnsureCNIPlugins", "EnsureConntrackTools", "EnsureKubeadm", "EnsureJoinPhasePreflight", "EnsureJoinPhaseKubeletStart", "EnsureKubeconfig", "EnsureMarkNode", "EnsureNodeReady" };

        /// <summary>The known lists, oldest first: v1.4.0 to v1.5.x (23 steps); v1.6.0 to v1.7.x (24,
        /// adds EnsureInitAPIServerHost); v1.8.0 to v1.9.0 (25, EnsureContainerRuntime and
        /// EnsureKubernetesImages replace EnsureDocker); v1.9.1 on (24, no EnsureDisableOffloading).</summary>
        internal static readonly IReadOnlyList<StepList> Known = new[]
        {
            new StepList("v1.4-v1.5", 4000, 5999, Head.Concat(Middle).Concat(new[] { "EnsureDocker" }).Concat(Join).Concat(new[] { "EnsureDisableOffloading", "EnsurePostInstallHook" })),
            new StepList("v1.6-v1.7", 6000, 7999, Head.Concat(new[] { "EnsureInitAPIServerHost" }).Concat(Middle).Concat(new[] { "EnsureDocker" }).Concat(Join).Concat(new[] { "EnsureDisableOffloading", "EnsurePostInstallHook" })),
            new StepList("v1.8-v1.9.0", 8000, 9000, Head.Concat(new[] { "EnsureInitAPIServerHost" }).Concat(Middle).Concat(new[] { "EnsureContainerRuntime", "EnsureKubernetesImages" }).Concat(Join).Concat(new[] { "EnsureDisableOffloading", "EnsurePostInstallHook" })),
            new StepList("v1.9.1+", 9001, int.MaxValue, Head.Concat(new[] { "EnsureInitAPIServerHost" }).Concat(Middle).Concat(new[] { "EnsureContainerRuntime", "EnsureKubernetesImages" }).Concat(Join).Concat(new[] { "EnsurePostInstallHook" }))
        };

        /// <summary>Where a machine is: the step running and its position, the steps done, and the
        /// count of all steps when it can be told (0 when it cannot: better no "of M" than a wrong one).</summary>
        /// <param name="conditions">The machine's status.conditions (HealthCheck is not a step).</param>
        /// <param name="phase">status.phase.</param>
        /// <param name="tkeVersion">The TKEStack release (v1.9.2, 1.6), when the caller knows it; the
        /// conditions win when they contradict it.</param>
        internal static InstallPosition Judge(IReadOnlyList<Condition> conditions, string? phase, string? tkeVersion = null)
        {
            var steps = conditions.Where(c => c.Type != "HealthCheck" && !string.IsNullOrEmpty(c.Type)).ToList();
            var types = steps.Select(c => c.Type!).ToList();
            var done = steps.Count(c => c.Status == "True");
            var failed = steps.FirstOrDefault(c => c.Status == "False" && c.Reason == "FailedInit");
            // The lists these conditions are a beginning of (in any order: the set is what counts).
            var matching = Known.Where(l => types.Count <= l.Steps.Length && new HashSet<string>(l.Steps.Take(types.Count), StringComparer.Ordinal).SetEquals(types)).ToList();
            var hinted = tkeVersion is null ? null : matching.FirstOrDefault(l => l.Covers(tkeVersion));
            var list = hinted ?? (matching.Count > 0 && matching.All(l => l.Steps.Length == matching[0].Steps.Length) ? matching[0] : null);

            string? running = null;
            var number = 0;
            if (phase == "Initializing")
            {
                var index = steps.FindIndex(c => c.Status != "True");
                if (index >= 0)
                {
                    running = steps[index].Type;
                    number = index + 1;
                }
                else if (steps.Count == 0)
                {
                    // Before the first step is written the conditions are empty: the first step runs
                    // (EnsureCopyFiles in every release).
                    running = Known[0].Steps[0];
                    number = 1;
                }
                else if (list != null && steps.Count < list.Steps.Length)
                {
                    // All written steps done, the next not written yet.
                    running = list.Steps[steps.Count];
                    number = steps.Count + 1;
                }
            }
            var total = list?.Steps.Length ?? 0;
            // The counts still possible (23 to 25 before the conditions tell the release apart).
            var possible = (list != null ? new[] { list } : matching.ToArray()).Select(l => l.Steps.Length).ToArray();
            var fewest = possible.Length > 0 ? possible.Min() : 0;
            var most = possible.Length > 0 ? possible.Max() : 0;
            // Past the install (Running, Failed, Upgrading) every step is written: the count is exact
            // even for a list not known here.
            if (total == 0 && phase != "Initializing" && steps.Count > 0 && steps.All(c => c.Status == "True")) fewest = most = total = steps.Count;
            var failedNumber = failed is null ? 0 : types.IndexOf(failed.Type!) + 1;
            return new InstallPosition(running, number, done, total, fewest, most, failed, failedNumber, list);
        }
    }

    /// <summary>The install steps of a range of TKEStack releases.</summary>
    internal sealed class StepList
    {
        // Releases as minor * 1000 + patch of 1.x: v1.9.1 is 9001.
        private readonly int _from;
        private readonly int _to;

        internal StepList(string releases, int from, int to, IEnumerable<string> steps)
        {
            Releases = releases;
            _from = from;
            _to = to;
            Steps = steps.ToArray();
        }

        /// <summary>The releases, such as v1.6-v1.7.</summary>
        internal string Releases { get; }

        /// <summary>The condition types, in order.</summary>
        internal string[] Steps { get; }

        /// <summary>Whether a release (v1.9.2, 1.6, 1.8.1) uses this list.</summary>
        internal bool Covers(string version)
        {
            var parts = version.Trim().TrimStart('v', 'V').Split('.', '-');
            if (parts.Length < 2 || parts[0] != "1" || !int.TryParse(parts[1], out var minor)) return false;
            var patch = parts.Length > 2 && int.TryParse(parts[2], out var p) ? p : 0;
            var at = minor * 1000 + patch;
            return at >= _from && at <= _to;
        }
    }

    /// <summary>What <see cref="InstallSteps.Judge"/> found.</summary>
    internal sealed class InstallPosition
    {
        internal InstallPosition(string? running, int number, int done, int total, int fewest, int most, Condition? failed, int failedNumber, StepList? list)
        {
            Fewest = fewest;
            Most = most;
            Running = running;
            Number = number;
            Done = done;
            Total = total;
            Failed = failed;
            FailedNumber = failedNumber;
            List = list;
        }

        /// <summary>The step running while the phase is Initializing.</summary>
        internal string? Running { get; }

        /// <summary>Its position, from 1; 0 when none runs.</summary>
        internal int Number { get; }

        /// <summary>The steps done (True).</summary>
        internal int Done { get; }

        /// <summary>All the steps; 0 when the release cannot be told.</summary>
        internal int Total { get; }

        /// <summary>The fewest steps in all the conditions still allow (0 when they fit no known list).</summary>
        internal int Fewest { get; }

        /// <summary>The most steps in all the conditions still allow.</summary>
        internal int Most { get; }

        /// <summary>The step whose condition turned False with reason FailedInit.</summary>
        internal Condition? Failed { get; }

        /// <summary>Its position, from 1.</summary>
        internal int FailedNumber { get; }

        /// <summary>The release's list the conditions (or the release given) point to.</summary>
        internal StepList? List { get; }

        /// <summary>The share of the steps done, from the most steps still possible (never overshoots);
        /// -1 when no known list fits.</summary>
        internal int Percent => Most > 0 ? Math.Min(99, Done * 100 / Most) : -1;

        /// <summary>"N of M" when the count is known, "N of A-B" while the releases that fit disagree
        /// (never a wrong M), "N" when no known list fits.</summary>
        internal string Of(int number) =>
            Total > 0 ? $"{number} of {Total}" :
            Most > 0 ? $"{number} of {Fewest}-{Most}" :
            number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
