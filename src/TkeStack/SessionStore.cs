using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace TkeStack
{
    /// <summary>The default session of each runspace. Kept per runspace, not per process, so that one
    /// runbook's Connect-Tke or Disconnect-Tke never reaches another's (the lesson of
    /// msgraph-sdk-powershell#2543 and #1337).</summary>
    internal static class SessionStore
    {
        private sealed class Holder
        {
            public TkeSession? Session;
        }

        private static readonly ConditionalWeakTable<Runspace, Holder> Defaults = new ConditionalWeakTable<Runspace, Holder>();
        private static readonly Holder NoRunspace = new Holder();

        private static Holder Current =>
            Runspace.DefaultRunspace is Runspace rs ? Defaults.GetValue(rs, _ => new Holder()) : NoRunspace;

        public static TkeSession? Default
        {
            get => Current.Session;
            set => Current.Session = value;
        }
    }
}
