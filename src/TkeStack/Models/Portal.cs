using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using TkeStack.Models;

namespace TkeStack
{
    /// <summary>What the portal (guide 4.1) says of the API key's user, as <c>Get-TkeProject -Portal</c>
    /// emits it: whether they are an administrator, and the projects they are in.</summary>
    public sealed class Portal : TkeObject
    {
        internal Portal(PortalResource r, ReadOnlyMemory<byte> json, TkeSession? session) : base(json, session)
        {
            User = session?.User;
            Administrator = r.Administrator;
            Projects = new OrderedDictionary(StringComparer.Ordinal);
            foreach (var pair in (r.Projects ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Projects[pair.Key] = pair.Value;
            }
        }

        /// <summary>The API key's user, when the key says.</summary>
        public string? User { get; }

        /// <summary>True for a platform administrator: the portal then lists no projects, and
        /// Get-TkeProject lists every project of the tenant instead.</summary>
        public bool Administrator { get; }

        /// <summary>The projects the user is a member of: id (prj-xxx) to display name.</summary>
        public OrderedDictionary Projects { get; }

        /// <summary>The project ids.</summary>
        internal IEnumerable<string> ProjectNames => Projects.Keys.Cast<string>();

        /// <inheritdoc />
        public override string ToString() => Administrator ? $"{User} (administrator)" : $"{User} ({Projects.Count} projects)";
    }
}
