using System.Text;
using System.Text.Json.Nodes;

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
        Assert.Equal(24, all.Count);
        Assert.All(all, c => Assert.Equal("True", (string?)c!["status"]));
        Assert.Equal("HealthCheck", (string?)all[^1]!["type"]);
        Assert.Equal("EnsurePostInstallHook", (string?)all[^2]!["type"]);
    }

    [Fact]
    public async Task A_failing_step_turns_False_with_FailedInit_copied_to_the_status_and_the_phase_stays_Initializing()
    {
        // The default seed marks 10.0.0.251 as failing at EnsureDocker.
        var (_, created) = await Post(Body("10.0.0.251"));
        var path = Machines + "/" + (string?)created!["metadata"]!["name"];
        JsonNode? m = null;
        for (var i = 0; i < 30; i++) (_, m) = await sim.GetAsync(path);
        Assert.Equal("Initializing", (string?)m!["status"]!["phase"]);
        Assert.Equal("FailedInit", (string?)m["status"]!["reason"]);
        var failed = m["status"]!["conditions"]!.AsArray().Single(c => (string?)c!["status"] == "False")!;
        Assert.Equal("EnsureDocker", (string?)failed["type"]);
        Assert.Equal("FailedInit", (string?)failed["reason"]);
        Assert.Equal((string?)failed["message"], (string?)m["status"]!["message"]);
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
    [InlineData("cls-imp0rt01", "10.1.0.4", "root", "spec.clusterName")]
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
