using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>Get-TkeSession: the default session of this runspace (URI, prefixes, and what the
    /// API key says of itself; never the key).</summary>
    [Cmdlet(VerbsCommon.Get, "TkeSession")]
    [OutputType(typeof(TkeSession))]
    public sealed class GetTkeSessionCommand : TkeCmdletBase
    {
        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var session = SessionStore.Default;
            if (session is null)
            {
                WriteVerbose("Not connected: run Connect-Tke.");
                return;
            }
            WriteObject(session);
        }
    }
}
