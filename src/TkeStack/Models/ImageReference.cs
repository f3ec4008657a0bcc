using System.Text.RegularExpressions;

namespace TkeStack
{
    /// <summary>Docker image references, checked with the grammar of github.com/distribution/reference
    /// (<c>regexp.go</c>): <c>[domain[:port]/]path[:tag][@digest]</c>, where path components are
    /// lower-case alphanumerics joined by <c>.</c>, <c>_</c>, <c>__</c> or dashes, a tag is at most 128
    /// word characters, dots and dashes, and a digest is <c>algorithm:hex</c> (32 hex digits or more).</summary>
    internal static class ImageReference
    {
        private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
        private const string Domain = DomainComponent + @"(?:\." + DomainComponent + @")*(?::[0-9]+)?";
        private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
        private const string Name = "(?:" + Domain + "/)?" + PathComponent + "(?:/" + PathComponent + ")*";
        private const string Tag = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
        private const string Digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

        private static readonly Regex Reference = new Regex("^(?<name>" + Name + ")(?::" + Tag + ")?(?:@" + Digest + ")?$", RegexOptions.CultureInvariant);

        /// <summary>Null when <paramref name="image"/> is a valid reference, else why it is not.</summary>
        public static string? Check(string image)
        {
            if (string.IsNullOrWhiteSpace(image)) return "an image reference cannot be empty";
            var m = Reference.Match(image);
            if (m.Success)
            {
                return m.Groups["name"].Value.Length > 255 ? "the repository name is longer than 255 characters" : null;
            }
            var lower = image.ToLowerInvariant();
            if (lower != image && CheckLowerRepository(image)) return "the repository name must be lower-case";
            return "it is not a Docker image reference of the form name[:tag][@digest], such as registry.example.com/team/app:1.2.3";
        }

        /// <summary>True when the reference would be valid with its repository path in lower case.</summary>
        private static bool CheckLowerRepository(string image)
        {
            var at = image.IndexOf('@');
            var main = at >= 0 ? image.Substring(0, at) : image;
            var rest = at >= 0 ? image.Substring(at) : string.Empty;
            var slash = main.LastIndexOf('/');
            var colon = main.LastIndexOf(':');
            var tag = colon > slash ? main.Substring(colon) : string.Empty;
            var name = colon > slash ? main.Substring(0, colon) : main;
            var firstSlash = name.IndexOf('/');
            var domain = firstSlash >= 0 && (name.Substring(0, firstSlash).IndexOfAny(new[] { '.', ':' }) >= 0 || name.Substring(0, firstSlash) == "localhost")
                ? name.Substring(0, firstSlash + 1) : string.Empty;
            var candidate = domain + name.Substring(domain.Length).ToLowerInvariant() + tag + rest;
            return Reference.IsMatch(candidate);
        }
    }
}
