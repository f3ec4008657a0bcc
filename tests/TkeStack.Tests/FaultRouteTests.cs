using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace TkeStack.Tests;

/// <summary>The simulator's fault injection under /_sim/faults, and its counts.</summary>
public sealed class FaultRouteTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private const string One = "/platform/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4";

    private async Task<string> SetFault(object fault)
    {
        using var response = await sim.Http.PostAsJsonAsync("/_sim/faults", fault);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
    }

    private Task ClearFaults() => sim.Http.DeleteAsync("/_sim/faults");

    [Fact]
    public async Task A_status_fault_answers_a_Status_with_Retry_After_then_stops_after_Times()
    {
        await ClearFaults();
        await SetFault(new { method = "GET", path = One, kind = "status", status = 429, retryAfter = "3", times = 1 });
        using (var first = await sim.Http.SendAsync(sim.Request(HttpMethod.Get, One, sim.AdminToken)))
        {
            Assert.Equal(429, (int)first.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(3), first.Headers.RetryAfter!.Delta);
            Assert.Equal("TooManyRequests", (string?)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["reason"]);
        }
        Assert.Equal(200, (await sim.GetAsync(One)).Status);
        await ClearFaults();
    }

    [Fact]
    public async Task A_fault_matches_its_method_and_path_pattern_only()
    {
        await ClearFaults();
        await SetFault(new { method = "POST", path = "*/clusters/*", kind = "status", status = 503 });
        Assert.Equal(200, (await sim.GetAsync(One)).Status);
        await ClearFaults();
        await SetFault(new { path = "*/namespaces", kind = "status", status = 503 });
        Assert.Equal(200, (await sim.GetAsync(One)).Status);
        Assert.Equal(503, (await sim.GetAsync("/platform/api/v1/namespaces", cluster: "cls-a1b2c3d4")).Status);
        await ClearFaults();
    }

    [Fact]
    public async Task An_unknown_kind_is_refused()
    {
        using var response = await sim.Http.PostAsJsonAsync("/_sim/faults", new { kind = "gremlins" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_dropped_connection_gives_no_answer()
    {
        await ClearFaults();
        await SetFault(new { path = One, kind = "drop", times = 1 });
        await Assert.ThrowsAsync<HttpRequestException>(() => sim.GetAsync(One));
        Assert.Equal(200, (await sim.GetAsync(One)).Status);
    }

    [Fact]
    public async Task Partial_and_malformed_answers_are_not_JSON_that_parses()
    {
        await ClearFaults();
        await SetFault(new { path = One, kind = "partial", times = 1 });
        using (var r = await sim.Http.SendAsync(sim.Request(HttpMethod.Get, One, sim.AdminToken)))
        {
            var text = await r.Content.ReadAsStringAsync();
            Assert.StartsWith("{", text);
            Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(text));
        }
        await SetFault(new { path = One, kind = "malformed", times = 1 });
        using (var r = await sim.Http.SendAsync(sim.Request(HttpMethod.Get, One, sim.AdminToken)))
        {
            Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(r.Content.ReadAsStringAsync().Result));
        }
    }

    [Fact]
    public async Task A_redirect_fault_points_where_it_is_told()
    {
        await ClearFaults();
        await SetFault(new { path = One, kind = "redirect", location = "http://elsewhere.test/x", times = 1 });
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(sim.Host.Url) };
        using var response = await noRedirect.SendAsync(sim.Request(HttpMethod.Get, One, sim.AdminToken));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://elsewhere.test/x", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_control_surface_is_never_faulted_and_counts_requests_per_route()
    {
        await ClearFaults();
        await SetFault(new { path = "*", kind = "status", status = 503, times = 2 });
        await sim.Http.DeleteAsync("/_sim/requests");
        Assert.Equal(503, (await sim.GetAsync(One)).Status);
        Assert.Equal(503, (await sim.GetAsync(One)).Status);
        Assert.Equal(200, (await sim.GetAsync(One)).Status);
        var stats = JsonNode.Parse(await sim.Http.GetStringAsync("/_sim/stats"))!;
        Assert.Equal(3, (int)stats["requests"]!);
        Assert.Equal(3, (int)stats["routes"]!["GET " + One]!);
        Assert.InRange((int)stats["connections"]!, 1, 3);
        var faults = JsonNode.Parse(await sim.Http.GetStringAsync("/_sim/faults"))!.AsArray();
        Assert.Equal(2, (int)faults.Single()!["hits"]!);
        await ClearFaults();
    }
}
