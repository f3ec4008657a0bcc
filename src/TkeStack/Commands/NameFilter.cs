using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>Splits a <c>-Name</c> argument into literal names (each read with its own GET, a
    /// missing one an ObjectNotFound error) and wildcard patterns (matched against a list, silent
    /// when nothing matches, as Get-ChildItem is).</summary>
    internal sealed class NameFilter
    {
        private readonly List<WildcardPattern> _patterns;

        public NameFilter(string[]? names)
        {
            var all = names ?? new string[0];
            Literals = all.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)).Distinct().ToList();
            _patterns = all.Where(WildcardPattern.ContainsWildcardCharacters)
                .Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
            ListAll = all.Length == 0;
        }

        /// <summary>Names without wildcards.</summary>
        public List<string> Literals { get; }

        /// <summary>True when the whole list is wanted (no names given).</summary>
        public bool ListAll { get; }

        /// <summary>True when a list must be read: no names at all, or a wildcard among them.</summary>
        public bool NeedsList => ListAll || _patterns.Count > 0;

        /// <summary>Whether a listed name is wanted.</summary>
        public bool Matches(string name) => ListAll || _patterns.Any(p => p.IsMatch(name));
    }
}
