using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>What a name given to a cmdlet names, which decides the rule it must follow.</summary>
    internal enum TkeNameKind
    {
        /// <summary>A cluster id such as cls-a1b2c3d4: a DNS-1123 subdomain, as every object name of
        /// tke-platform-api (tkestack/tke <c>api/platform/validation</c> uses apimachinery's ValidateObjectMeta).</summary>
        Cluster,

        /// <summary>A namespace: a DNS-1123 label (Kubernetes <c>ValidateNamespaceName</c>), no dots.</summary>
        Namespace,

        /// <summary>Any other Kubernetes object (a workload, a machine, a project): a DNS-1123 subdomain
        /// (k8s.io/apimachinery <c>pkg/util/validation/validation.go</c> IsDNS1123Subdomain).</summary>
        Object,
    }

    /// <summary>The one rule book for names the cmdlets send to the API, so a bad name is refused
    /// before any request with a message that says what is wrong. Cmdlets call
    /// <see cref="TkeCmdletBase.CheckName"/>, which writes the error with the bad value as its target.</summary>
    internal static class TkeName
    {
        /// <summary>Why <paramref name="value"/> is not a valid name of that kind, or null when it is.
        /// With <paramref name="wildcards"/>, a pattern (* ? [ ]) is accepted as long as it is not blank.</summary>
        public static string? Problem(string? value, TkeNameKind kind, bool wildcards = false)
        {
            var what = What(kind);
            if (value is null || value.Length == 0) return $"The {what} is empty. {Hint(kind)}";
            if (wildcards && WildcardPattern.ContainsWildcardCharacters(value))
            {
                if (value.Trim().Length == 0) return $"The {what} pattern '{value}' is blank. {Hint(kind)}";
                try
                {
                    // A pattern is compiled when first matched: a bad one ('cls-[') fails here, before any request.
                    new WildcardPattern(value, WildcardOptions.IgnoreCase).IsMatch(string.Empty);
                }
                catch (WildcardPatternException)
                {
                    return $"'{value}' is not a valid wildcard pattern: a '[' opens a set of characters that must be closed with ']'. To match '[' itself, write it as '`['.";
                }
                return null;
            }
            var max = kind == TkeNameKind.Namespace ? 63 : 253;
            string? why = null;
            if (value.Length > max)
            {
                why = $"it is {value.Length} characters long, more than {max}";
            }
            else
            {
                foreach (var c in value)
                {
                    if (c >= 'A' && c <= 'Z') { why = "it has upper-case letters"; break; }
                    var ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (c == '.' && kind != TkeNameKind.Namespace);
                    if (!ok) { why = c == ' ' ? "it has a space" : $"it has the character '{c}'"; break; }
                }
                if (why is null && !(IsAlnum(value[0]) && IsAlnum(value[value.Length - 1])))
                {
                    why = "it must start and end with a lower-case letter or a digit";
                }
                if (why is null && value.Contains(".."))
                {
                    why = "it has an empty part between dots";
                }
            }
            return why is null ? null : $"'{value}' is not a valid {what}: {why}. {Hint(kind)}";
        }

        private static bool IsAlnum(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

        private static string What(TkeNameKind kind) => kind switch
        {
            TkeNameKind.Cluster => "cluster id",
            TkeNameKind.Namespace => "namespace name",
            _ => "name",
        };

        private static string Hint(TkeNameKind kind) => kind switch
        {
            TkeNameKind.Cluster => "A cluster id is lower-case letters, digits and '-', such as cls-a1b2c3d4 (not the display name: Get-TkeCluster lists both).",
            TkeNameKind.Namespace => "A namespace name is at most 63 lower-case letters, digits and '-', such as kube-system.",
            _ => "A Kubernetes name is lower-case letters, digits, '-' and '.', starting and ending with a letter or digit.",
        };
    }
}
