using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text;
using System.Text.Json.Nodes;
using TkeStack.Models;

namespace TkeStack
{
    /// <summary>A machine (a node TKEStack installs and joins to a cluster), as Get-TkeMachine and
    /// New-TkeMachine emit it. TKEStack answers the SSH password, private key and pass phrase on
    /// every GET; they are masked here, in <see cref="TkeObject.ApiObject"/> too.</summary>
    public sealed class Machine : TkeObject
    {
        /// <summary>What replaces a secret of the spec.</summary>
        public const string Masked = "********";

        private static readonly string[] SecretFields = { "password", "privateKey", "passPhrase" };

        internal Machine(MachineResource r, ReadOnlyMemory<byte> json, TkeSession? session) : base(MaskSecrets(json), session)
        {
            Name = r.Metadata?.Name ?? string.Empty;
            ClusterName = r.Spec?.ClusterName;
            IP = r.Spec?.Ip;
            Port = r.Spec?.Port ?? 0;
            Type = r.Spec?.Type;
            Username = r.Spec?.Username;
            TenantId = r.Spec?.TenantId;
            Phase = r.Status?.Phase;
            Reason = r.Status?.Reason;
            Message = r.Status?.Message;
            Conditions = (r.Status?.Conditions ?? new List<Condition>()).ToArray();
            CreationTimestamp = r.Metadata?.CreationTimestamp;
            DeletionTimestamp = r.Metadata?.DeletionTimestamp;

            // The release's steps differ (v1.4 to v1.9): judged from the conditions (InstallSteps.cs).
            var position = InstallSteps.Judge(Conditions, Phase);
            StepsDone = position.Done;
            StepsTotal = position.Total;
            FailedStep = position.Failed;
            StepInProgress = position.Running;
        }

        /// <summary>The machine's name, such as mc-brd44nzd.</summary>
        public string Name { get; }

        /// <summary>The cluster id it joins.</summary>
        public string? ClusterName { get; }

        /// <summary>The node's IP address.</summary>
        public string? IP { get; }

        /// <summary>The node's SSH port.</summary>
        public int Port { get; }

        /// <summary>Baremetal.</summary>
        public string? Type { get; }

        /// <summary>The SSH user (root).</summary>
        public string? Username { get; }

        /// <summary>The tenant that owns the machine.</summary>
        public string? TenantId { get; }

        /// <summary>Initializing, Running, Failed, Upgrading or Terminating.</summary>
        public string? Phase { get; }

        /// <summary>FailedInit (a step failed; TKEStack retries it forever) or FailedHealthCheck.</summary>
        public string? Reason { get; }

        /// <summary>The error of the failed step or health check.</summary>
        public string? Message { get; }

        /// <summary>One condition per install step done or in progress, plus HealthCheck.</summary>
        public Condition[] Conditions { get; }

        /// <summary>The install step running while the phase is Initializing.</summary>
        public string? StepInProgress { get; }

        /// <summary>The install steps done.</summary>
        public int StepsDone { get; }

        /// <summary>The install steps in all, which differ by TKEStack release (23 to 25); 0 while the
        /// conditions written so far fit more than one release.</summary>
        public int StepsTotal { get; }

        /// <summary>The step whose condition turned False with reason FailedInit, if one did.</summary>
        public Condition? FailedStep { get; }

        /// <summary>When the machine was created.</summary>
        public DateTime? CreationTimestamp { get; }

        /// <summary>When its removal was asked for.</summary>
        public DateTime? DeletionTimestamp { get; }

        /// <inheritdoc />
        public override string ToString() => Name;

        /// <summary>The object with spec.password, spec.privateKey and spec.passPhrase masked.</summary>
        private static ReadOnlyMemory<byte> MaskSecrets(ReadOnlyMemory<byte> json)
        {
            var text = json.Span;
            var any = false;
            foreach (var field in SecretFieldsUtf8)
            {
                any |= text.IndexOf(field) >= 0;
            }
            if (!any) return json;
            var node = JsonNode.Parse(text.ToArray())!.AsObject();
            if (node["spec"] is JsonObject spec)
            {
                foreach (var field in SecretFields)
                {
                    if (spec.ContainsKey(field)) spec[field] = Masked;
                }
            }
            return Encoding.UTF8.GetBytes(node.ToJsonString());
        }

        private static readonly byte[][] SecretFieldsUtf8 = SecretFields.Select(f => Encoding.UTF8.GetBytes("\"" + f + "\"")).ToArray();
    }
}
