using System;
using System.Collections;
using System.Text.Json;
using TkeStack.Models;

namespace TkeStack
{
    /// <summary>A Kubernetes namespace of one cluster, as Get-TkeNamespace emits it. Its ClusterName
    /// and <c>Namespace</c> (an alias of Name) bind to the next cmdlet in a pipeline.</summary>
    public sealed class Namespace : TkeObject
    {
        internal Namespace(NamespaceResource r, ReadOnlyMemory<byte> json, string clusterName, TkeSession? session) : base(json, session)
        {
            Name = r.Metadata?.Name ?? string.Empty;
            ClusterName = clusterName;
            Phase = r.Status?.Phase;
            Labels = new Hashtable();
            if (r.Metadata?.Labels != null)
            {
                foreach (var pair in r.Metadata.Labels) Labels[pair.Key] = pair.Value;
            }
            CreationTimestamp = r.Metadata?.CreationTimestamp;
        }

        /// <summary>The namespace's name.</summary>
        public string Name { get; }

        /// <summary>The cluster id it belongs to.</summary>
        public string ClusterName { get; }

        /// <summary>Active or Terminating.</summary>
        public string? Phase { get; }

        /// <summary>The namespace's labels.</summary>
        public Hashtable Labels { get; }

        /// <summary>When the namespace was created.</summary>
        public DateTime? CreationTimestamp { get; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
