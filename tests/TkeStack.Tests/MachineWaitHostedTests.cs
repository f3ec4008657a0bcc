using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TkeStack.Commands;

namespace TkeStack.Tests;

/// <summary>New-TkeMachine -Wait hosted in a PowerShell engine: one progress bar per machine, each
/// closed with its Completed record, and Ctrl+C that stops the wait on all of them.</summary>
public sealed class MachineWaitHostedTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private const string Script = "param($Uri, $Token, $Cred) $null = Connect-Tke -Uri $Uri -Token $Token; " +
        "'{0}', '{1}' | New-TkeMachine -ClusterName cls-a1b2c3d4 -Credential $Cred -Wait -TimeoutSec 120";

    private PowerShell Start(string a, string b)
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(typeof(NewTkeMachineCommand).Assembly.Location);
        var ps = PowerShell.Create(iss);
        var token = new System.Security.SecureString();
        foreach (var ch in sim.AdminToken) token.AppendChar(ch);
        ps.AddScript(string.Format(Script, a, b)).AddParameter("Uri", sim.Host.Url).AddParameter("Token", token)
            .AddParameter("Cred", new PSCredential("root", TkeStack.Api.SecureText.FromPlain("x")));
        return ps;
    }

    private static void AssertEveryBarCompleted(PowerShell ps, int bars)
    {
        var progress = ps.Streams.Progress.ToList();
        var ids = progress.Select(p => p.ActivityId).Distinct().ToList();
        Assert.Equal(bars, ids.Count);
        foreach (var id in ids)
        {
            Assert.Contains(progress, p => p.ActivityId == id && p.RecordType == ProgressRecordType.Completed);
        }
    }

    [Fact]
    public void Two_machines_are_waited_on_together_with_a_progress_bar_each()
    {
        // 24 steps (v1.9.2, the default) at 0.15 s take about 3.6 s: longer than the 1 s poll, so the wait sees each machine
        // mid-install at least twice (at 0.05 s a whole install could fit between two polls).
        sim.Host.State.Seed.MachineStepSeconds = 0.15;
        using var ps = Start("10.2.0.1", "10.2.0.2");
        var result = ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(new[] { "Running", "Running" }, result.Select(r => ((Machine)r.BaseObject).Phase));
        AssertEveryBarCompleted(ps, 2);
        // "of 23-25" until the conditions show the release, then "of 24" (MachineProgressTests).
        Assert.Contains(ps.Streams.Progress, p => p.RecordType == ProgressRecordType.Processing &&
            System.Text.RegularExpressions.Regex.IsMatch(p.StatusDescription, @"\(step \d+ of (24|23-25|24-25)\)$"));
        // The time left is the wait's deadline, said as such, not a SecondsRemaining that reads as an ETA.
        var processing = ps.Streams.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
        Assert.All(processing, p => Assert.Equal(-1, p.SecondsRemaining));
        Assert.All(processing, p => Assert.Matches(@"^gives up in (1m \d+s|\d+s) \(-TimeoutSec 120\)$", p.CurrentOperation));
    }

    [Theory]
    [InlineData(1798.2, 1800, "gives up in 29m 59s (-TimeoutSec 1800)")]
    [InlineData(59.5, 60, "gives up in 1m 0s (-TimeoutSec 60)")]
    [InlineData(5, 300, "gives up in 5s (-TimeoutSec 300)")]
    [InlineData(7300, 86400, "gives up in 2h 1m (-TimeoutSec 86400)")]
    [InlineData(-3, 30, "gives up in 0s (-TimeoutSec 30)")]
    public void The_progress_says_when_the_wait_gives_up(double leftSeconds, int timeoutSec, string expected) =>
        Assert.Equal(expected, AsyncWait.TimeoutText(TimeSpan.FromSeconds(leftSeconds), timeoutSec));

    [Fact]
    public void Ctrl_C_stops_the_wait_on_every_machine_at_once()
    {
        sim.Host.State.Seed.MachineStepSeconds = 100;
        using var ps = Start("10.2.0.3", "10.2.0.4");
        var run = ps.BeginInvoke();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (ps.Streams.Progress.Count(p => p.RecordType == ProgressRecordType.Processing) < 2 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }
        Assert.Equal(2, ps.Streams.Progress.Select(p => p.ActivityId).Distinct().Count());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        ps.Stop();
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(run));
        // Once stopped, the host takes no more records and clears the bars itself.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {watch.Elapsed}");
        Assert.Empty(ps.Streams.Error);
    }
}
