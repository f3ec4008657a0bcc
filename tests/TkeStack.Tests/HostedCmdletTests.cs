using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TkeStack.Commands;

namespace TkeStack.Tests;

/// <summary>The cmdlets hosted in a PowerShell engine (System.Management.Automation 7.6.9) against the simulator.</summary>
public sealed class HostedCmdletTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private Collection<PSObject> Invoke(string script, out List<ErrorRecord> errors)
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(typeof(GetTkeClusterCommand).Assembly.Location);
        using var ps = PowerShell.Create(iss);
        var token = new System.Security.SecureString();
        foreach (var c in sim.AdminToken) token.AppendChar(c);
        ps.AddScript(script).AddParameter("Uri", sim.Host.Url).AddParameter("Token", token);
        var result = ps.Invoke();
        errors = ps.Streams.Error.ToList();
        if (ps.InvocationStateInfo.Reason is { } reason) throw reason;
        return result;
    }

    [Fact]
    public void Connect_then_Get_TkeCluster_emits_typed_clusters()
    {
        var result = Invoke("param($Uri, $Token) $null = Connect-Tke -Uri $Uri -Token $Token; Get-TkeCluster cls-a1b2c3d4", out var errors);
        Assert.Empty(errors);
        var cluster = Assert.IsType<Cluster>(Assert.Single(result).BaseObject);
        Assert.Equal("prod-beijing", cluster.DisplayName);
        Assert.Equal("Baremetal", cluster.Type);
    }

    [Fact]
    public void A_missing_cluster_is_a_non_terminating_ObjectNotFound_with_the_name_as_target()
    {
        Invoke("param($Uri, $Token) $null = Connect-Tke -Uri $Uri -Token $Token; Get-TkeCluster cls-nothere1", out var errors);
        var error = Assert.Single(errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("cls-nothere1", error.TargetObject);
        Assert.Equal("TkeApiNotFound,TkeStack.Commands.GetTkeClusterCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void The_session_is_per_runspace()
    {
        // A new runspace has no default session, whatever another runspace connected.
        Invoke("param($Uri, $Token) $null = Connect-Tke -Uri $Uri -Token $Token", out _);
        var result = Invoke("param($Uri, $Token) Get-TkeSession", out var errors);
        Assert.Empty(result);
        Assert.Empty(errors);
    }
}
