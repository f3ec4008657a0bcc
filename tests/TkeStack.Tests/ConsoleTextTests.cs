using System.Text;
using TkeStack.Api;

namespace TkeStack.Tests;

/// <summary>Server text made safe for a terminal: control characters shown escaped, printable text,
/// tabs and line breaks kept, and the messages built from server text use it.</summary>
public sealed class ConsoleTextTests
{
    [Theory]
    [InlineData("prod-beijing", "prod-beijing")]
    [InlineData("生产集群 (北京)", "生产集群 (北京)")]
    [InlineData("a\\b", "a\\b")]
    [InlineData("\u001b]0;pwned\u0007", "\\e]0;pwned\\a")]
    [InlineData("\u001b[2J\u001b[H", "\\e[2J\\e[H")]
    [InlineData("red\u001b[31m!\u001b[0m", "red\\e[31m!\\e[0m")]
    [InlineData("\u009b1m", "\\x9B1m")]
    [InlineData("a\bb\0c\u007f", "a\\bb\\0c\\x7F")]
    [InlineData("x\u0001y", "x\\x01y")]
    [InlineData("line one\nline two\tend", "line one\nline two\tend")]
    [InlineData("crlf\r\nnext", "crlf\nnext")]
    [InlineData("over\rwrite", "over\\rwrite")]
    [InlineData("abc\u202Etxt.exe", "abc\\u202Etxt.exe")]
    [InlineData("", "")]
    public void Safe_escapes_controls_and_keeps_lines(string text, string shown) => Assert.Equal(shown, ConsoleText.Safe(text));

    [Theory]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("a\tb", "a\\tb")]
    [InlineData("a\r\nb", "a\\r\\nb")]
    [InlineData("\u001b[31mx", "\\e[31mx")]
    public void SafeLine_escapes_line_breaks_and_tabs_too(string text, string shown) => Assert.Equal(shown, ConsoleText.SafeLine(text));

    [Fact]
    public void Text_without_controls_is_the_same_string_and_null_is_empty()
    {
        var text = "nothing to escape";
        Assert.Same(text, ConsoleText.Safe(text));
        Assert.Equal("", ConsoleText.Safe(null));
        Assert.Equal("\\e", ConsoleText.Safe(ConsoleText.Safe("\u001b")).Replace("\\\\", "\\"));
    }

    private static readonly Uri Uri = new("http://console.test/platform/apis/platform.tkestack.io/v1/clusters/x");
    private const string Hostile = "\u001b]0;pwned\u0007\u001b[2J\u009b1m";

    private static void AssertNoControls(string? text)
    {
        Assert.NotNull(text);
        foreach (var c in text!)
        {
            Assert.False(c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f, $"control U+{(int)c:X4} in: {text}");
        }
    }

    [Fact]
    public void A_Status_message_with_controls_is_shown_escaped_but_the_Status_keeps_it()
    {
        var body = Encoding.UTF8.GetBytes("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"no \\u001b]0;pwned\\u0007 here\",\"reason\":\"NotFound\",\"code\":404}");
        var e = ErrorMapper.FromResponse(404, "application/json", body, "GET", Uri, ApiKeyInfo.Parse("not-a-jwt"), null);
        AssertNoControls(e.Message);
        Assert.Contains("no \\e]0;pwned\\a here", e.Message);
        Assert.Equal("no \u001b]0;pwned\u0007 here", e.Status!.Message);
    }

    [Fact]
    public void A_redirect_location_and_the_first_bytes_of_a_page_are_shown_escaped()
    {
        var redirect = ErrorMapper.FromResponse(302, null, [], "GET", Uri, ApiKeyInfo.Parse("not-a-jwt"), "http://evil.test/" + Hostile);
        AssertNoControls(redirect.Message);
        Assert.Contains("http://evil.test/\\e]0;pwned\\a\\e[2J\\x9B1m", redirect.Message);
        var page = ErrorMapper.NotApi(200, "text/html" + Hostile, Encoding.UTF8.GetBytes("<html>" + Hostile + "</html>"), "GET", Uri);
        AssertNoControls(page.Message);
        Assert.Contains("<html>\\e]0;pwned", page.Message);
    }

    [Fact]
    public void Every_TkeApiException_message_and_action_is_safe()
    {
        var e = new TkeApiException("made from " + Hostile, "TkeX", System.Management.Automation.ErrorCategory.InvalidResult, null, null, "do " + Hostile);
        AssertNoControls(e.Message);
        AssertNoControls(e.RecommendedAction);
    }
}
