using System.Text.RegularExpressions;

namespace TkeStack.Tests;

/// <summary>Scripts branch on error ids: every id the module's code writes is documented in the
/// README's "Errors a script can branch on" table, and every id documented there is still written.</summary>
public sealed class ErrorIdTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "TkeStack.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("No TkeStack.sln above " + AppContext.BaseDirectory);
    }

    /// <summary>The ids in the README table (first column, each in backticks), with the two families
    /// TkeApi&lt;Reason&gt; and TkeApiHttp&lt;code&gt; kept as written.</summary>
    private static HashSet<string> Documented()
    {
        var readme = File.ReadAllText(Path.Combine(Root(), "README.md"));
        var start = readme.IndexOf("| Error id | Category | When |", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no error id table");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in readme[start..].Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|')))
        {
            var first = line.Split('|')[1];
            foreach (Match m in Regex.Matches(first, "`(Tke[A-Za-z<>]+)`")) ids.Add(m.Groups[1].Value);
        }
        return ids;
    }

    /// <summary>The ids the code writes: string literals given as an error id.</summary>
    private static HashSet<string> Written()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root(), "src", "TkeStack"), "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            // Every error id is a string literal followed by the next argument (or, in a conditional,
            // by ':'): new TkeApiException(message, "Id", ...), WriteInvalid(message, "Id", target),
            // locked ? "TkeClusterLocked" : "TkeClusterUnhealthy", const string TimedOutId = "TkeTimeout";. Cmdlet nouns ([Cmdlet(VerbsCommon.Get, "TkePod", ...)])
            // and the product name are not ids.
            foreach (Match m in Regex.Matches(text, "(?<!Verbs[A-Za-z]+\\.[A-Za-z]+,\\s*)\"(Tke[A-Z][A-Za-z]+)\"\\s*[,:;]")) ids.Add(m.Groups[1].Value);
        }
        ids.Remove("TkeStack"); // the product name (User-Agent)
        ids.Remove("TkeApi"); // the prefix of TkeApi<Reason> and TkeApiHttp<code>, built at run time
        return ids;
    }

    [Fact]
    public void Every_error_id_the_code_writes_is_in_the_README_table()
    {
        var documented = Documented();
        var missing = Written().Where(id => !documented.Contains(id)).OrderBy(id => id).ToList();
        Assert.True(missing.Count == 0, "Not in README's error table: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_error_id_in_the_README_table_is_still_written()
    {
        var written = Written();
        var gone = Documented().Where(id => !id.Contains('<') && !written.Contains(id)).OrderBy(id => id).ToList();
        Assert.True(gone.Count == 0, "Documented but no longer written: " + string.Join(", ", gone));
    }
}
