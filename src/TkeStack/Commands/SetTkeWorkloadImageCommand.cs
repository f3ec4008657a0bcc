using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Api;
using TkeStack.Models;

namespace TkeStack.Commands
{
    /// <summary>Set-TkeWorkloadImage: changes one container's image. Deployments, StatefulSets and
    /// DaemonSets get guide 2.1's strategic merge patch; a TApp is read and patched whole as guide 2.2
    /// and 2.3 say, guarded by its resourceVersion. With -Wait, follows the rollout to its end.</summary>
    [Cmdlet(VerbsCommon.Set, "TkeWorkloadImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImageChange))]
    public sealed class SetTkeWorkloadImageCommand : WorkloadTargetCmdlet
    {
        /// <summary>The container whose image changes. Binds from a piped ImageChange (to roll it back).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ContainerNameCompleter))]
        public string Container { get; set; } = string.Empty;

        /// <summary>The new image, a Docker reference name[:tag][@digest].</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Image { get; set; } = string.Empty;

        /// <summary>A workload piped from Get-TkeWorkload: its containers (and a TApp's resourceVersion)
        /// are taken from it instead of reading it again, so a bulk change sends one request per
        /// workload. Used only when it is the workload the other parameters name, on the same session.</summary>
        [Parameter(ValueFromPipeline = true)]
        public Workload? InputObject { get; set; }

        /// <summary>Write a TkeStack.ImageChange for each change made.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Wait until the rollout is done, failing fast when a new pod cannot start.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>What one input asks, taken from the parameters on the pipeline thread.</summary>
        private sealed class Job
        {
            public Job(SetTkeWorkloadImageCommand c, TkeSession session)
            {
                Api = session.Api.Workloads;
                ClusterName = c.ClusterName;
                Namespace = c.Namespace;
                Kind = c.Kind;
                Name = c.Name;
                Container = c.Container;
                var w = c.InputObject;
                if (w != null && ReferenceEquals(w.Session, session) && w.ClusterName == ClusterName && w.Namespace == Namespace && w.Kind == Kind && w.Name == Name)
                {
                    Known = w;
                }
            }

            /// <summary>The workload as it was piped in, when it is this one; null to read it.</summary>
            public Workload? Known { get; }

            public WorkloadOperations Api { get; }
            public string ClusterName { get; }
            public string Namespace { get; }
            public WorkloadKind Kind { get; }
            public string Name { get; }
            public string Container { get; }

            public Task<Workload> ReadAsync(IRequestLog log, CancellationToken ct) => Api.GetAsync(ClusterName, Namespace, Kind, Name, log, ct);
        }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (ImageReference.Check(Image) is { } why)
            {
                ThrowInvalid($"'{Image}' is not a valid image reference: {why}.", "TkeInvalidImage", Image);
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            // A container name is a DNS-1123 label, as a namespace is (Kubernetes ValidateContainers).
            if (!CheckNames((ClusterName, TkeNameKind.Cluster), (Namespace, TkeNameKind.Namespace),
                    (Name, TkeNameKind.Object), (Container, TkeNameKind.Namespace)))
            {
                return;
            }
            var job = new Job(this, session);
            Pipeline.Start(job.Name, (output, ct) => ChangeAsync(job, output, ct));
        }

        /// <summary>Read, ask, change, then (with -Wait) follow the rollout. Runs off the pipeline
        /// thread: everything it writes goes through <paramref name="output"/>.</summary>
        private async Task ChangeAsync(Job job, ThrottledPipeline.ItemOutput output, CancellationToken ct)
        {
            // A workload just read by Get-TkeWorkload is not read again: a changed image since then only
            // makes PreviousImage stale, and a TApp's resourceVersion guards its patch (409, read again).
            var w = job.Known ?? await job.ReadAsync(output, ct).ConfigureAwait(false);
            var current = w.ContainerNamed(job.Container) ?? throw WorkloadOperations.NoSuchContainer(w, job.Container);
            if (current.Image == Image)
            {
                output.Warning($"{w.Describe()}: container '{job.Container}' already runs {Image}; nothing was sent.");
                return;
            }
            var previous = current.Image;
            if (!await output.ShouldProcessAsync(w.Describe(), $"Set the image of container '{job.Container}' from '{previous}' to '{Image}'").ConfigureAwait(false)) return;

            await job.Api.SetImageAsync(w, job.Container, Image, output, ct).ConfigureAwait(false);
            var change = new ImageChange(w, job.Container, previous, Image);
            output.Verbose($"{w.Describe()}: container '{job.Container}' changed from {previous} to {Image}.");
            // Written before any wait: the change is made, and a runbook needs PreviousImage to roll
            // back even when the rollout then fails (the wait's error carries it as TargetObject too).
            if (PassThru) output.Object(change);
            if (!Wait) return;
            // The change reached the server: its ImageChange goes out now, not after the waits of the
            // inputs before it, so Ctrl+C during the rollouts loses none of a rollback list.
            output.Changed();
            await WaitReportingAsync(job.Api, RolloutWait.Target.Of(w, job.Container, Image, previous), change, output, ct).ConfigureAwait(false);
        }
    }
}
