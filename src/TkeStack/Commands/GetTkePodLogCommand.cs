using System;
using System.Management.Automation;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>Get-TkePodLog: a container's log through the cluster proxy (pods/log), written line by
    /// line as it arrives, never held whole; -Follow goes on until Ctrl+C.</summary>
    [Cmdlet(VerbsCommon.Get, "TkePodLog")]
    [OutputType(typeof(string))]
    public sealed class GetTkePodLogCommand : TkeApiCmdlet
    {
        /// <summary>The cluster id (cls-xxxxxxxx). Binds from piped pods.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ClusterNameCompleter))]
        public string ClusterName { get; set; } = string.Empty;

        /// <summary>The namespace. Binds from piped pods.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.NamespaceCompleter))]
        public string Namespace { get; set; } = string.Empty;

        /// <summary>The pod's name. Binds from piped pods.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.PodNameCompleter))]
        public string Name { get; set; } = string.Empty;

        /// <summary>The container; needed when the pod has more than one.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.PodContainerCompleter))]
        public string? Container { get; set; }

        /// <summary>Only the last N lines.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Tail { get; set; }

        /// <summary>Only the lines of this last stretch of time, such as (New-TimeSpan -Minutes 10) or '00:10:00'.</summary>
        [Parameter]
        public TimeSpan? Since { get; set; }

        /// <summary>The log of the container's previous run (after a crash).</summary>
        [Parameter]
        public SwitchParameter Previous { get; set; }

        /// <summary>Go on writing new lines until Ctrl+C.</summary>
        [Parameter]
        public SwitchParameter Follow { get; set; }

        /// <summary>Begin each line with the time the container wrote it (RFC 3339).</summary>
        [Parameter]
        public SwitchParameter Timestamps { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            if (!CheckName(ClusterName, TkeNameKind.Cluster) || !CheckName(Namespace, TkeNameKind.Namespace) || !CheckName(Name, TkeNameKind.Object)) return;
            if (Container != null && !CheckName(Container, TkeNameKind.Namespace)) return;
            if (Since is { } since && since <= TimeSpan.Zero)
            {
                WriteInvalid($"-Since {since} is not a stretch of time before now: give a positive time span, such as '00:10:00'.", "TkeInvalidSince", since);
                return;
            }
            if (Previous && Follow)
            {
                WriteInvalid("-Previous and -Follow contradict each other: a previous run has ended and has nothing more to follow.", "TkeInvalidLogOptions", Name);
                return;
            }
            var options = new LogOptions { Container = Container, TailLines = Tail, Since = Since, Previous = Previous, Follow = Follow, Timestamps = Timestamps };
            var (cluster, ns, pod) = (ClusterName, Namespace, Name);
            ForTarget(pod, () => Call((log, ct) => session.Api.Pods.LogAsync(cluster, ns, pod, options, line => Emit(line, ct), log, ct)));
        }
    }
}
