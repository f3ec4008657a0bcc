using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TkeStack.Commands;

namespace TkeStack.Tests;

/// <summary>Set-TkeWorkloadImage -Wait hosted in a PowerShell engine: its progress, and Ctrl+C.</summary>
public sealed class WorkloadWaitTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private const string Script = "param($Uri, $Token, $Image) $null = Connect-Tke -Uri $Uri -Token $Token; " +
        "Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web -Container app -Image $Image -Wait -TimeoutSec 300 -PassThru";

    private PowerShell Create(string image)
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(typeof(GetTkeClusterCommand).Assembly.Location);
        var ps = PowerShell.Create(iss);
        var token = new System.Security.SecureString();
        foreach (var c in sim.AdminToken) token.AppendChar(c);
        ps.AddScript(Script).AddParameter("Uri", sim.Host.Url).AddParameter("Token", token).AddParameter("Image", image);
        return ps;
    }

    [Fact]
    public void A_finished_wait_writes_progress_and_its_Completed_record()
    {
        sim.Host.State.Reset();
        sim.Host.State.Seed.RolloutSeconds = 0;
        using var ps = Create("registry.example.com/shop/web:1.1");
        var result = ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        var change = Assert.IsType<ImageChange>(Assert.Single(result).BaseObject);
        Assert.Equal("registry.example.com/shop/web:1.0", change.PreviousImage);
        var progress = ps.Streams.Progress.ToList();
        Assert.NotEmpty(progress);
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
        Assert.Contains("Deployment shop/web in cls-a1b2c3d4", progress[^1].Activity);
    }

    [Fact]
    public async Task Ctrl_C_stops_a_wait_at_once()
    {
        sim.Host.State.Reset();
        sim.Host.State.Seed.RolloutSeconds = 3600;
        try
        {
            using var ps = Create("registry.example.com/shop/web:1.2");
            var running = ps.BeginInvoke();
            var deadline = Stopwatch.StartNew();
            while (ps.Streams.Progress.Count == 0 && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
            Assert.NotEmpty(ps.Streams.Progress);
            var watch = Stopwatch.StartNew();
            ps.Stop();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {watch.Elapsed}");
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            Assert.True(running.IsCompleted);
        }
        finally
        {
            sim.Host.State.Seed.RolloutSeconds = 0;
        }
    }
}
