using TkeStack.Commands;

namespace TkeStack.Tests;

/// <summary>The one rule book for names sent to the API (Kubernetes DNS-1123 names).</summary>
public sealed class NameRuleTests
{
    [Theory]
    [InlineData("cls-a1b2c3d4", "Cluster")]
    [InlineData("global", "Cluster")]
    [InlineData("kube-system", "Namespace")]
    [InlineData("my.app-1", "Object")]
    [InlineData("0", "Object")]
    public void Good_names_pass(string name, string kind) => Assert.Null(TkeName.Problem(name, Enum.Parse<TkeNameKind>(kind)));

    [Theory]
    [InlineData("", "Cluster", "empty")]
    [InlineData("CLS-1", "Cluster", "upper-case")]
    [InlineData("cls_1", "Cluster", "'_'")]
    [InlineData("cls 1", "Cluster", "space")]
    [InlineData("-cls", "Cluster", "start and end")]
    [InlineData("cls-", "Cluster", "start and end")]
    [InlineData("a..b", "Object", "between dots")]
    [InlineData("kube.system", "Namespace", "'.'")]
    [InlineData("生产", "Cluster", "display name")]
    [InlineData("../x", "Object", "'/'")]
    public void Bad_names_say_what_is_wrong(string name, string kind, string said) =>
        Assert.Contains(said, TkeName.Problem(name, Enum.Parse<TkeNameKind>(kind)));

    [Fact]
    public void Length_limits_are_63_for_a_namespace_and_253_for_other_names()
    {
        Assert.Null(TkeName.Problem(new string('n', 63), TkeNameKind.Namespace));
        Assert.Contains("more than 63", TkeName.Problem(new string('n', 64), TkeNameKind.Namespace));
        Assert.Null(TkeName.Problem(new string('c', 253), TkeNameKind.Cluster));
        Assert.Contains("more than 253", TkeName.Problem(new string('c', 254), TkeNameKind.Cluster));
    }

    [Fact]
    public void Wildcards_pass_where_allowed_unless_blank()
    {
        Assert.Null(TkeName.Problem("cls-*", TkeNameKind.Cluster, wildcards: true));
        Assert.Null(TkeName.Problem("Kube*", TkeNameKind.Namespace, wildcards: true));
        Assert.NotNull(TkeName.Problem("cls-*", TkeNameKind.Cluster));
    }
}
