using System.Collections.Generic;
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
            public readonly List<TkeSession> Connected = new List<TkeSession>();
        }

        private static readonly ConditionalWeakTable<Runspace, Holder> Defaults = new ConditionalWeakTable<Runspace, Holder>();
        private static readonly Holder NoRunspace = new Holder();

        private static Holder Current =>
            Runspace.DefaultRunspace is Runspace rs ? Defaults.GetValue(rs, _ => new Holder()) : NoRunspace;

        public static TkeSession? Default
        {
            get => Current.Session;
            set
            {
                var holder = Current;
                holder.Session = value;
                if (value != null && !holder.Connected.Contains(value)) holder.Connected.Add(value);
            }
        }

        /// <summary>The sessions this runspace connected (or was given with Set-TkeSession) and has
        /// not disconnected, oldest first (Get-TkeSession -ListAvailable).</summary>
        public static IReadOnlyList<TkeSession> Available => Current.Connected.ToArray();

        /// <summary>Forgets a session in this runspace (Disconnect-Tke); the default too, when it is that one.</summary>
        public static void Forget(TkeSession session)
        {
            var holder = Current;
            holder.Connected.Remove(session);
            if (ReferenceEquals(holder.Session, session)) holder.Session = null;
        }
    }
}
