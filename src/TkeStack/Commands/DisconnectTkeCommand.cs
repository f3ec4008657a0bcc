using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>Disconnect-Tke: ends the default session of this runspace (or the ones given): the
    /// session drops its key, so every object read with it stops calling the server, and cmdlets
    /// given it fail with TkeNotConnected.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Tke")]
    [OutputType(typeof(void))]
    public sealed class DisconnectTkeCommand : TkeCmdletBase
    {
        /// <summary>The session to end; the default when not given.</summary>
        [Parameter(ValueFromPipeline = true)]
        public TkeSession? Session { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var session = Session ?? SessionStore.Default;
            if (session is null)
            {
                WriteVerbose("Not connected; nothing to end.");
                return;
            }
            session.End();
            SessionStore.Forget(session);
            WriteVerbose($"Ended the session {session}.");
        }
    }
}
