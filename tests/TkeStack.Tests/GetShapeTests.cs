using System.Management.Automation;

namespace TkeStack.Tests;

/// <summary>The one Get shape, hosted in-process, across every Get cmdlet: a literal name that is not
/// there is a non-terminating ObjectNotFound error whose target is the name; a wildcard that matches
/// nothing is silent; a bad pattern is TkeInvalidName before any request; the good names go on.</summary>
public sealed class GetShapeTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    public static TheoryData<string, string> Cmdlets => new()
    {
        { "Get-TkeCluster", "" },
        { "Get-TkeNamespace", "-ClusterName cls-a1b2c3d4" },
        { "Get-TkeWorkload", "-ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment" },
        { "Get-TkeWorkload", "-ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp" },
        { "Get-TkeMachine", "" },
        { "Get-TkeProject", "" },
        { "Get-TkeProjectNamespace", "-ProjectName prj-shop0001" },
    };

    private string Id(string cmdlet, string id) => $"{id},TkeStack.Commands.{cmdlet.Replace("-", "")}Command";

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void A_missing_literal_name_is_ObjectNotFound_with_the_name_as_target(string cmdlet, string args)
    {
        var result = ModuleHost.Invoke(sim, $"{cmdlet} {args} -Name nothere-1", out var errors);
        Assert.Empty(result);
        var error = Assert.Single(errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("nothere-1", error.TargetObject);
        Assert.StartsWith("Tke", error.FullyQualifiedErrorId);
        Assert.EndsWith($",TkeStack.Commands.{cmdlet.Replace("-", "")}Command", error.FullyQualifiedErrorId);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void A_wildcard_that_matches_nothing_is_silent(string cmdlet, string args)
    {
        var result = ModuleHost.Invoke(sim, $"{cmdlet} {args} -Name 'zz-none-*'", out var errors);
        Assert.Empty(result);
        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void A_bad_pattern_is_refused_before_any_request_and_the_good_names_go_on(string cmdlet, string args)
    {
        var result = ModuleHost.Invoke(sim, $"{cmdlet} {args} -Name 'x[', 'zz-none-*'", out var errors);
        Assert.Empty(result);
        var error = Assert.Single(errors);
        Assert.Equal(Id(cmdlet, "TkeInvalidName"), error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("x[", error.TargetObject);
    }
}
