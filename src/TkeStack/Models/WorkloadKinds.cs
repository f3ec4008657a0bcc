using System;
using System.Linq;

namespace TkeStack
{
    /// <summary>The one table of workload kinds by the names a user may type: the kind itself,
    /// and kubectl's plural and short names (deploy, sts, ds).</summary>
    internal static class WorkloadKinds
    {
        private static readonly (WorkloadKind Kind, string[] Names)[] Table =
        {
            (WorkloadKind.Deployment, new[] { "deployment", "deployments", "deploy" }),
            (WorkloadKind.StatefulSet, new[] { "statefulset", "statefulsets", "sts" }),
            (WorkloadKind.DaemonSet, new[] { "daemonset", "daemonsets", "ds" }),
            (WorkloadKind.TApp, new[] { "tapp", "tapps" }),
        };

        /// <summary>The names a user may type, for messages: "Deployment (deploy), ...".</summary>
        public static string Names => string.Join(", ", Table.Select(k => $"{k.Kind} ({k.Names.OrderBy(n => n.Length).First()})"));

        /// <summary>Every name a user may type, for completion.</summary>
        public static string[] AllNames => Table.SelectMany(k => new[] { k.Kind.ToString() }.Concat(k.Names.Skip(1))).ToArray();

        /// <summary>Every kind.</summary>
        public static WorkloadKind[] All => Table.Select(k => k.Kind).ToArray();

        /// <summary>The kinds a typed name means: every kind for none, nothing for a name it is not.</summary>
        public static WorkloadKind[] Parse(string? typed) => typed is null
            ? All
            : Table.Where(k => k.Names.Contains(typed.Trim(), StringComparer.OrdinalIgnoreCase)).Select(k => k.Kind).ToArray();
    }
}
