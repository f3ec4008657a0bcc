using System.Text;
using System.Text.Json.Nodes;
using TkeStack.Simulator;

namespace TkeStack.Tests;

/// <summary>The simulator's machines follow TKEStack's registry and machine controller: generateName,
/// the fields TKEStack sets itself, synchronous validation, install steps as conditions, and the
/// two-step delete.</summary>
public sealed class MachineRouteTests : IClassFixture<SimulatorFixture>
{
    private const string Machines = "/platform/apis/platform.tkestack.io/v1/machines";
    private readonly SimulatorFixture sim;

    public MachineRouteTests(SimulatorFixture sim)
    {
        this.sim = sim;
        // One install step per read, and a machine gone on the third read after its DELETE.
        sim.Host.State.Seed.MachineStepPolls = 1;
        sim.Host.State.Seed.MachineDeletePolls = 2;
    }

    private static string Body(string ip, string cluster = "cls-a1b2c3d4", string password = "MTIzNDU2", string port = "22", string user = "root") =>
        $"{{\"kind\":\"Machine\",\"apiVersion\":\"platform.tkestack.io/v1\",\"metadata\":{{\"generateName\":\"mc-\"}},\"spec\":{{\"finalizers\":[],\"tenantID\":\"someone-else\",\"clusterName\":\"{cluster}\",\"type\":\"Baremetal\",\"ip\":\"{ip}\",\"port\":{port},\"username\":\"{user}\",\"password\":\"{password}\"}}}}";

    private Task<(int Status, JsonNode? Body)> Post(string body)
    {
        var request = sim.Request(HttpMethod.Post, Machines, sim.AdminToken);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return sim.SendAsync(request);
    }

    [Fact]
    public async Task Create_answers_201_Initializing_with_a_generated_name_and_the_fields_TKEStack_sets_itself()
    {
        var (status, m) = await Post(Body("10.1.0.1"));
        Assert.Equal(201, status);
        Assert.Matches("^mc-[bcdfghjklmnpqrstvwxz2456789]{8}$", (string?)m!["metadata"]!["name"]);
        Assert.Equal("default", (string?)m["spec"]!["tenantID"]);
        Assert.Equal("machine", (string?)m["spec"]!["finalizers"]![0]);
        Assert.Equal(22, (int?)m["spec"]!["port"]);
        Assert.Equal("Initializing", (string?)m["status"]!["phase"]);
        Assert.Empty(m["status"]!["machineInfo"]!.AsObject());
        Assert.Null(m["status"]!["conditions"]);
    }

    [Fact]
    public async Task Install_steps_become_conditions_one_by_one_then_Running_with_a_HealthCheck()
    {
        var (_, created) = await Post(Body("10.1.0.2"));
        var path = Machines + "/" + (string?)created!["metadata"]!["name"];
        var (_, first) = await sim.GetAsync(path);
        var conditions = first!["status"]!["conditions"]!.AsArray();
        Assert.Equal(2, conditions.Count);
        Assert.Equal("EnsureCopyFiles", (string?)conditions[0]!["type"]);
        Assert.Equal("True", (string?)conditions[0]!["status"]);
        Assert.Equal("EnsurePreInstallHook", (string?)conditions[1]!["type"]);
        Assert.Equal("Unknown", (string?)conditions[1]!["status"]);
        Assert.Equal("Waiting", (string?)conditions[1]!["reason"]);
        JsonNode? last = first;
        for (var i = 0; i < 30 && (string?)last!["status"]!["phase"] == "Initializing"; i++) (_, last) = await sim.GetAsync(path);
        Assert.Equal("Running", (string?)last!["status"]!["phase"]);
        var all = last["status"]!["conditions"]!.AsArray();
        Assert.Equal(25, all.Count);
        Assert.All(all, c => Assert.Equal("True", (string?)c!["status"]));
        Assert.Equal("HealthCheck", (string?)all[^1]!["type"]);
        Assert.Equal("EnsurePostInstallHook", (string?)all[^2]!["type"]);
        // pkg/platform never writes machineInfo, in any release.
        Assert.Empty(last["status"]!["machineInfo"]!.AsObject());
    }

    /// <summary>CreateHandlers of pkg/platform/provider/baremetal/machine/provider.go at each tag,
    /// as the differences from v1.4.0: what a release adds, and what it no longer has.</summary>
    [Theory]
    [InlineData("1.4", 23, "", "EnsureInitAPIServerHost,EnsureContainerRuntime,EnsureKubernetesImages")]
    [InlineData("1.6", 24, "EnsureInitAPIServerHost@4", "EnsureContainerRuntime,EnsureKubernetesImages")]
    [InlineData("1.8", 25, "EnsureInitAPIServerHost@4,EnsureContainerRuntime@12,EnsureKubernetesImages@13,EnsureDisableOffloading@23", "EnsureDocker")]
    [InlineData("1.9", 24, "EnsureInitAPIServerHost@4,EnsureContainerRuntime@12,EnsureKubernetesImages@13,EnsureNodeReady@22,EnsurePostInstallHook@23", "EnsureDocker,EnsureDisableOffloading")]
    public async Task Each_release_runs_its_own_install_steps(string release, int count, string at, string absent)
    {
        var options = new SimulatorOptions { Port = 0, TkeVersion = release };
        await using var host = await SimulatorHost.StartAsync(options);
        host.State.Seed.MachineStepPolls = 1;
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };
        var token = host.State.Keys.All.First(k => k.Administrator).Token;
        async Task<JsonNode> Send(HttpMethod method, string path, string? body = null)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            if (body != null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }
        var created = await Send(HttpMethod.Post, Machines, Body("10.1.0.30"));
        var path = Machines + "/" + (string?)created["metadata"]!["name"];
        JsonNode m = created;
        for (var i = 0; i < 40 && (string?)m["status"]!["phase"] == "Initializing"; i++) m = await Send(HttpMethod.Get, path);
        Assert.Equal("Running", (string?)m["status"]!["phase"]);
        var types = m["status"]!["conditions"]!.AsArray().Select(c => (string?)c!["type"]).Where(t => t != "HealthCheck").ToList();
        Assert.Equal(count, types.Count);
        Assert.Equal("EnsureCopyFiles", types[0]);
        Assert.Equal("EnsurePostInstallHook", types[^1]);
        foreach (var pair in at.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (type, index) = (pair.Split('@')[0], int.Parse(pair.Split('@')[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(type, types[index]);
        }
        foreach (var type in absent.Split(',', StringSplitOptions.RemoveEmptyEntries)) Assert.DoesNotContain(type, types);
        var info = JsonNode.Parse(await http.GetStringAsync("/_sim/info"))!;
        Assert.Equal(release, (string?)info["tkeVersion"]);
    }

    [Fact]
    public async Task A_failing_step_turns_False_with_FailedInit_copied_to_the_status_and_the_phase_stays_Initializing()
    {
        // The default seed marks 10.0.0.251 as failing at EnsureKubelet.
        var (_, created) = await Post(Body("10.0.0.251"));
        var path = Machines + "/" + (string?)created!["metadata"]!["name"];
        JsonNode? m = null;
        for (var i = 0; i < 30; i++) (_, m) = await sim.GetAsync(path);
        Assert.Equal("Initializing", (string?)m!["status"]!["phase"]);
        // Machine.SetCondition (api/platform/v1/machine.go) copies a False condition's reason and message.
        Assert.Equal("FailedInit", (string?)m["status"]!["reason"]);
        var failed = m["status"]!["conditions"]!.AsArray().Single(c => (string?)c!["status"] == "False")!;
        Assert.Equal("EnsureKubelet", (string?)failed["type"]);
        Assert.Equal("FailedInit", (string?)failed["reason"]);
        Assert.Equal((string?)failed["message"], (string?)m["status"]!["message"]);
    }

    [Fact]
    public async Task A_machine_for_an_Imported_cluster_answers_the_plain_500_of_a_validation_panic()
    {
        // ValidateMachineWithCluster dereferences the nil result of net.ParseCIDR("") for a cluster
        // with no clusterCIDR, and k8s.io/apiserver's WithPanicRecovery answers in plain text.
        var before = sim.Host.State.World.Machines.Count;
        var request = sim.Request(HttpMethod.Post, Machines, sim.AdminToken);
        request.Content = new StringContent(Body("10.1.0.4", "cls-imp0rt01"), Encoding.UTF8, "application/json");
        using var response = await sim.Http.SendAsync(request);
        Assert.Equal(500, (int)response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("This request caused apiserver to panic. Look in the logs for details.\n", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, sim.Host.State.World.Machines.Count);
    }

    [Theory]
    [InlineData("\"not base64!\"", "22")]
    [InlineData("\"MTIzNDU2\"", "\"22\"")]
    public async Task A_password_that_is_not_base64_or_a_port_that_is_not_a_number_answers_400(string password, string port)
    {
        var (status, body) = await Post(Body("10.1.0.3", password: password.Trim('"'), port: port));
        Assert.Equal(400, status);
        Assert.Equal("BadRequest", (string?)body!["reason"]);
        Assert.StartsWith("Machine in version \"v1\" cannot be handled as a Machine", (string?)body["message"]);
    }

    [Theory]
    [InlineData("cls-nothere1", "10.1.0.5", "root", "spec.clusterName")]
    [InlineData("cls-0ther001", "10.1.0.6", "root", "spec.clusterName")]
    [InlineData("cls-a1b2c3d4", "10.0.0.250", "root", "spec")]
    [InlineData("cls-a1b2c3d4", "10.1.0.7", "ubuntu", "spec.user")]
    public async Task Validation_answers_422_Invalid_with_the_field(string cluster, string ip, string user, string field)
    {
        var before = sim.Host.State.World.Machines.Count;
        var (status, body) = await Post(Body(ip, cluster, user: user));
        Assert.Equal(422, status);
        Assert.Equal("Invalid", (string?)body!["reason"]);
        Assert.Equal(field, (string?)body["details"]!["causes"]![0]!["field"]);
        Assert.Equal(before, sim.Host.State.World.Machines.Count);
    }

    [Fact]
    public async Task A_duplicate_IP_in_the_cluster_answers_422()
    {
        Assert.Equal(201, (await Post(Body("10.1.0.8"))).Status);
        var (status, body) = await Post(Body("10.1.0.8"));
        Assert.Equal(422, status);
        Assert.Contains("spec.ip: Duplicate value: \"10.1.0.8\"", (string?)body!["message"]);
    }

    [Fact]
    public async Task Delete_answers_200_Terminating_then_409_while_finalizing_then_the_machine_is_gone()
    {
        var (_, created) = await Post(Body("10.1.0.9"));
        var path = Machines + "/" + (string?)created!["metadata"]!["name"];
        var (first, m) = await sim.SendAsync(sim.Request(HttpMethod.Delete, path, sim.AdminToken));
        Assert.Equal(200, first);
        Assert.Equal("Terminating", (string?)m!["status"]!["phase"]);
        Assert.NotNull(m["metadata"]!["deletionTimestamp"]);
        Assert.Equal("machine", (string?)m["spec"]!["finalizers"]![0]);
        var (second, conflict) = await sim.SendAsync(sim.Request(HttpMethod.Delete, path, sim.AdminToken));
        Assert.Equal(409, second);
        Assert.Equal("Conflict", (string?)conflict!["reason"]);
        Assert.Equal(200, (await sim.GetAsync(path)).Status);
        Assert.Equal(404, (await sim.GetAsync(path)).Status);
    }
}
