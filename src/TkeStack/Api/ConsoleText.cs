using System.Text;

namespace TkeStack
{
    /// <summary>Server text made safe for a terminal. A server (or whoever wrote a display name or an
    /// event) can put ESC, BEL or C1 controls in any string; written raw, they clear the screen,
    /// retitle the window, move the cursor or fake a prompt. Control characters are shown escaped
    /// instead, as C and PowerShell write them (<c>\e</c>, <c>\a</c>, <c>\b</c>, <c>\x01</c>,
    /// <c>\x9B</c>, <c>\u202E</c>), so the user sees that they were there. Printable text, tabs and
    /// line breaks are kept; a text without controls comes back as the same string. The objects the
    /// cmdlets emit keep the data as it came: this is for messages, warnings, progress and the views,
    /// which call it as <c>[TkeStack.ConsoleText]::Safe($_.DisplayName)</c>.</summary>
    public static class ConsoleText
    {
        /// <summary>The text with its control characters escaped; line breaks and tabs kept (a CR LF as a
        /// line break, a lone CR escaped: it would overwrite the line).</summary>
        /// <param name="text">Text that came from the server.</param>
        public static string Safe(string? text) => Escape(text, keepLines: true);

        /// <summary>The same for one line (a table cell, a progress bar): line breaks and tabs escaped
        /// too, so a value cannot draw rows of its own.</summary>
        /// <param name="text">Text that came from the server.</param>
        public static string SafeLine(string? text) => Escape(text, keepLines: false);

        private static string Escape(string? text, bool keepLines)
        {
            if (text is null || text.Length == 0) return text ?? string.Empty;
            var clean = true;
            foreach (var c in text)
            {
                if (IsControl(c) && !(keepLines && (c == '\n' || c == '\t')))
                {
                    clean = false;
                    break;
                }
            }
            if (clean) return text;

            var b = new StringBuilder(text.Length + 16);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (!IsControl(c))
                {
                    b.Append(c);
                    continue;
                }
                switch (c)
                {
                    case '\n' when keepLines:
                    case '\t' when keepLines:
                        b.Append(c);
                        break;
                    case '\r' when keepLines && i + 1 < text.Length && text[i + 1] == '\n':
                        break;
                    case '\n': b.Append("\\n"); break;
                    case '\t': b.Append("\\t"); break;
                    case '\r': b.Append("\\r"); break;
                    case '\u001b': b.Append("\\e"); break;
                    case '\a': b.Append("\\a"); break;
                    case '\b': b.Append("\\b"); break;
                    case '\f': b.Append("\\f"); break;
                    case '\v': b.Append("\\v"); break;
                    case '\0': b.Append("\\0"); break;
                    default:
                        b.Append(c < 0x100 ? "\\x" + ((int)c).ToString("X2") : "\\u" + ((int)c).ToString("X4"));
                        break;
                }
            }
            return b.ToString();
        }

        /// <summary>C0 controls, DEL, C1 controls (U+0080 to U+009F, U+009B being a one-character CSI),
        /// the line and paragraph separators, and the bidirectional overrides and isolates that make a
        /// terminal show text in another order than it is.</summary>
        private static bool IsControl(char c) =>
            c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' ||
            c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
