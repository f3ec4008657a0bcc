using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.Json;
using TkeStack.Commands;
using TkeStack.Simulator;

namespace TkeStack.Tests;

/// <summary>Ctrl+C during a bulk change with -Wait, the module hosted in a PowerShell engine: every
/// change that reached the server has been reported when the pipeline stops (PowerShell refuses
/// every write once it is stopping, so a change must be reported when it is made). The waits never
/// end here (rollouts and installs of 1000 s), so only the reporting of the changes can pass.</summary>
public sealed class CtrlCHostedTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;
    private string _token = "";
    private string _seed = "";

    public async Task InitializeAsync()
    {
        _seed = Path.Combine(Path.GetTempPath(), $"tke-ctrlc-{Guid.NewGuid():N}.json");
        var workloads = Enumerable.Range(1, 12).Select(i => new
        {
            kind = "Deployment", name = $"w{i}", replicas = 1, containers = new[] { new { name = "app", image = "nginx:1.25" } },
        });
        File.WriteAllText(_seed, JsonSerializer.Serialize(new
        {
            clusters = new[] { new { name = "cls-a1b2c3d4", namespaces = new[] { "shop" } } },
            keys = new[] { new { user = "admin", administrator = true } },
            workloads,
            rolloutSeconds = 1000,
            machineStepSeconds = 1000,
        }));
        _host = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, SeedFile = _seed });
        _token = _host.State.Keys.All.First(k => k.Administrator).Token;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        File.Delete(_seed);
    }

    private PowerShell Start(string script)
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(typeof(SetTkeWorkloadImageCommand).Assembly.Location);
        var ps = PowerShell.Create(iss);
        ps.AddScript("param($Uri, $Token, $Cred) $null = Connect-Tke -Uri $Uri -Token $Token; " + script)
            .AddParameter("Uri", _host.Url).AddParameter("Token", TkeStack.Api.SecureText.FromPlain(_token))
            .AddParameter("Cred", new PSCredential("root", TkeStack.Api.SecureText.FromPlain("x")));
        return ps;
    }

    /// <summary>Waits (bounded) until a state is reached: the simulator's log, or what the pipeline has
    /// written so far; a state, not a clock.</summary>
    private static void Until(Func<bool> reached, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!reached())
        {
            Assert.True(DateTime.UtcNow < deadline, "never reached: " + what);
            Thread.Sleep(20);
        }
    }

    private IReadOnlyList<RecordedRequest> Log => _host.State.Requests.Snapshot();

    /// <summary>True when every request matching <paramref name="change"/> is followed by a GET of
    /// <paramref name="readOf"/> its path: the client has taken the change's answer and moved on.</summary>
    private static bool EachChangeReadAfter(IReadOnlyList<RecordedRequest> log, string method, int count, Func<RecordedRequest, string, bool> readOf)
    {
        var changes = log.Select((r, i) => (r, i)).Where(x => x.r.Method == method).ToList();
        return changes.Count == count && changes.All(c => log.Skip(c.i + 1).Any(r => r.Method == "GET" && readOf(r, c.r.Path)));
    }

    [Fact]
    public void Ctrl_C_during_the_rollouts_of_Set_TkeWorkloadImage_Wait_PassThru_still_reports_every_change_made()
    {
        using var ps = Start("1..12 | ForEach-Object { [pscustomobject]@{ ClusterName = 'cls-a1b2c3d4'; Namespace = 'shop'; Kind = 'Deployment'; Name = \"w$_\"; Container = 'app' } } | " +
                             "Set-TkeWorkloadImage -Image nginx:1.26 -PassThru -Wait -TimeoutSec 600 -ThrottleLimit 8");
        var output = new PSDataCollection<PSObject>();
        var run = ps.BeginInvoke<PSObject, PSObject>(null, output);
        // Eight PATCHes (the throttle), each followed by a read of its workload: the rollout waits began,
        // and none will end. Before, every ImageChange waited for the waits before it: none came out.
        Until(() => EachChangeReadAfter(Log, "PATCH", 8, (r, path) => r.Path == path), "eight PATCHes and the waits after them");
        Until(() => output.Count == 8, "an ImageChange for each of the eight changes, while the rollouts are still waited on");
        ps.Stop();
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(run));

        var patched = _host.State.Requests.Snapshot().Where(r => r.Method == "PATCH").Select(r => r.Path.Split('/').Last()).OrderBy(n => n).ToList();
        var reported = output.Select(o => Assert.IsType<ImageChange>(o.BaseObject)).ToList();
        Assert.Equal(patched.Count, reported.Count);
        Assert.Equal(patched, reported.Select(c => c.Name).OrderBy(n => n));
        Assert.All(reported, c => Assert.Equal("nginx:1.25", c.PreviousImage));
        // In input order, as ever.
        Assert.Equal(reported.Select(c => c.Name), reported.OrderBy(c => int.Parse(c.Name.Substring(1))).Select(c => c.Name));
    }

    [Fact]
    public void Ctrl_C_during_New_TkeMachine_Wait_still_reports_every_machine_made()
    {
        using var ps = Start("'10.3.0.1', '10.3.0.2', '10.3.0.3', '10.3.0.4', '10.3.0.5', '10.3.0.6' | " +
                             "New-TkeMachine -ClusterName cls-a1b2c3d4 -Credential $Cred -Wait -TimeoutSec 600");
        var run = ps.BeginInvoke();
        // Six POSTs, each followed by a read of the machine made: the waits began, and none will end.
        // Before, a machine was written only once its wait ended: none came out.
        Until(() => EachChangeReadAfter(Log, "POST", 6, (r, _) => r.Path.Contains("/machines/mc-")), "six POSTs and the waits after them");
        Until(() => ps.Streams.Information.Count(i => i.Tags.Contains("TkeStack.MachineCreated")) == 6, "a record of each of the six machines made, while their installs are still waited on");
        ps.Stop();
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(run));

        var made = _host.State.Requests.Snapshot().Count(r => r.Method == "POST" && r.Status == 201);
        Assert.Equal(6, made);
        var reported = ps.Streams.Information.Where(i => i.Tags.Contains("TkeStack.MachineCreated"))
            .Select(i => Assert.IsType<Machine>(i.MessageData)).ToList();
        Assert.Equal(made, reported.Count);
        Assert.Equal(new[] { "10.3.0.1", "10.3.0.2", "10.3.0.3", "10.3.0.4", "10.3.0.5", "10.3.0.6" }, reported.Select(m => m.IP));
        Assert.All(reported, m => Assert.Matches("^mc-", m.Name));
    }
}
