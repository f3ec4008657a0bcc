using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>Get-TkeSession: the default session of this runspace (URI, prefixes, and what the
    /// API key says of itself; never the key), or with -ListAvailable every session this runspace
    /// holds (Az's Get-AzContext -ListAvailable).</summary>
    [Cmdlet(VerbsCommon.Get, "TkeSession")]
    [OutputType(typeof(TkeSession))]
    public sealed class GetTkeSessionCommand : TkeCmdletBase
    {
        /// <summary>Every session connected in this runspace and not disconnected, oldest first; IsDefault marks the default.</summary>
        [Parameter]
        public SwitchParameter ListAvailable { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            if (ListAvailable)
            {
                WriteObject(SessionStore.Available, enumerateCollection: true);
                return;
            }
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
