using System;
using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>Set-TkeSession: makes a session the default of this runspace, the one cmdlets use
    /// without -Session. Named as Az's Set-AzContext and PowerShell's own Set-Location are: Set
    /// changes what "current" means, and the session itself is left as it is.</summary>
    [Cmdlet(VerbsCommon.Set, "TkeSession")]
    [OutputType(typeof(TkeSession))]
    public sealed class SetTkeSessionCommand : TkeCmdletBase
    {
        /// <summary>The session to make the default: one Connect-Tke made, from Get-TkeSession -ListAvailable, or a variable.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public TkeSession Session { get; set; } = null!;

        /// <summary>Write the session, now the default.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            if (Session.Disconnected)
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException($"The session {Session} was ended by Disconnect-Tke and cannot be the default. Run Connect-Tke."),
                    "TkeNotConnected", ErrorCategory.InvalidOperation, Session));
                return;
            }
            SessionStore.Default = Session;
            WriteVerbose($"The default session is now {Session}.");
            if (PassThru) WriteObject(Session);
        }
    }
}
