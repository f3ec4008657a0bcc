using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>Disconnect-Tke: forgets the default session of this runspace (or the one given).</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Tke")]
    [OutputType(typeof(void))]
    public sealed class DisconnectTkeCommand : TkeCmdletBase
    {
        /// <summary>The session to forget; the default when not given.</summary>
        [Parameter(ValueFromPipeline = true)]
        public TkeSession? Session { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var current = SessionStore.Default;
            if (Session is null || ReferenceEquals(Session, current))
            {
                if (current is null) WriteVerbose("Not connected; nothing to forget.");
                SessionStore.Default = null;
            }
        }
    }
}
