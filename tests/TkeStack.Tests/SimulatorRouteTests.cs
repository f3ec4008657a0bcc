using System.Net;
using System.Text.Json.Nodes;

namespace TkeStack.Tests;

/// <summary>The simulator answers as TKEStack does: routes under both prefixes, Status bodies, auth, paging.</summary>
public sealed class SimulatorRouteTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private const string Clusters = "/platform/apis/platform.tkestack.io/v1/clusters";

    [Fact]
    public async Task Lists_the_callers_tenant_clusters_shaped_as_TKEStack_Cluster()
    {
        var (status, body) = await sim.GetAsync(Clusters);
        Assert.Equal(200, status);
        Assert.Equal("ClusterList", (string?)body!["kind"]);
        var items = body["items"]!.AsArray();
        Assert.DoesNotContain(items, c => (string?)c!["metadata"]!["name"] == "cls-0ther001");
        var prod = items.Single(c => (string?)c!["metadata"]!["name"] == "cls-a1b2c3d4")!;
        Assert.Equal("prod-beijing", (string?)prod["spec"]!["displayName"]);
        Assert.Equal("Running", (string?)prod["status"]!["phase"]);
        Assert.NotNull(prod["status"]!["addresses"]);
        Assert.NotNull(prod["status"]!["conditions"]);
    }

    [Fact]
    public async Task Missing_cluster_answers_404_Status()
    {
        var (status, body) = await sim.GetAsync(Clusters + "/cls-nothere1");
        Assert.Equal(404, status);
        Assert.Equal("Status", (string?)body!["kind"]);
        Assert.Equal("NotFound", (string?)body["reason"]);
        Assert.Equal("clusters.platform.tkestack.io \"cls-nothere1\" not found", (string?)body["message"]);
        Assert.Equal(404, (int?)body["code"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task Missing_or_wrong_key_answers_401_Unauthorized_and_nothing_more(string? token)
    {
        var (status, body) = await sim.SendAsync(sim.Request(HttpMethod.Get, Clusters, token));
        Assert.Equal(401, status);
        Assert.Equal("Unauthorized", (string?)body!["message"]);
        Assert.Equal("Unauthorized", (string?)body["reason"]);
    }

    [Fact]
    public async Task Expired_and_disabled_keys_answer_401()
    {
        var expired = sim.Host.State.Keys.Issue("x", "default", TimeSpan.FromSeconds(-5), false);
        var disabled = sim.Host.State.Keys.Issue("y", "default", null, false, disabled: true);
        Assert.Equal(401, (await sim.GetAsync(Clusters, expired.Token)).Status);
        Assert.Equal(401, (await sim.GetAsync(Clusters, disabled.Token)).Status);
    }

    [Fact]
    public async Task A_forged_key_with_a_known_payload_but_another_signature_answers_401()
    {
        var parts = sim.AdminToken.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + parts[2][..^4] + "AAAA";
        Assert.Equal(401, (await sim.GetAsync(Clusters, forged)).Status);
    }

    [Fact]
    public async Task Keys_are_JWTs_carrying_exp_usr_and_ted()
    {
        var payload = sim.AdminToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        var claims = JsonNode.Parse(Convert.FromBase64String(payload))!;
        Assert.Equal("admin", (string?)claims["usr"]);
        Assert.Equal("default", (string?)claims["ted"]);
        Assert.True((long)claims["exp"]! > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Theory]
    // TKEStack fills its pages (the tenant filter is a field selector the store applies while reading).
    [InlineData(false, new[] { 2, 2, 1 })]
    // The shortPages stress mode filters after reading: cls-0ther001 (another tenant) leaves the first page short.
    [InlineData(true, new[] { 1, 2, 2 })]
    public async Task Paging_follows_continue_with_full_pages_or_short_ones_in_the_stress_mode(bool shortPages, int[] sizes)
    {
        sim.Host.State.World.ShortPages = shortPages;
        try
        {
            var names = new List<string>();
            var counts = new List<int>();
            string? next = null;
            do
            {
                var (status, body) = await sim.GetAsync(Clusters + "?limit=2" + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next)));
                Assert.Equal(200, status);
                var items = body!["items"]!.AsArray();
                counts.Add(items.Count);
                names.AddRange(items.Select(i => (string)i!["metadata"]!["name"]!));
                next = (string?)body["metadata"]!["continue"];
            }
            while (next != null);
            Assert.Equal(new[] { "cls-a1b2c3d4", "cls-e5f6g7h8", "cls-imp0rt01", "cls-l0cked01", "global" }, names);
            Assert.Equal(sizes, counts);
        }
        finally
        {
            sim.Host.State.World.ShortPages = false;
        }
    }

    [Fact]
    public async Task A_bad_continue_token_answers_400()
    {
        var (status, body) = await sim.GetAsync(Clusters + "?limit=2&continue=%%%");
        Assert.Equal(400, status);
        Assert.Equal("BadRequest", (string?)body!["reason"]);
    }

    [Fact]
    public async Task The_proxy_needs_X_TKE_ClusterName()
    {
        var (status, body) = await sim.GetAsync("/platform/api/v1/namespaces");
        Assert.Equal(400, status);
        Assert.Equal("clusterName is required", (string?)body!["message"]);
    }

    [Fact]
    public async Task The_proxy_answers_404_for_an_unknown_cluster_and_a_plain_500_for_a_locked_one()
    {
        Assert.Equal(404, (await sim.GetAsync("/platform/api/v1/namespaces", cluster: "cls-nothere1")).Status);
        var (status, body) = await sim.GetAsync("/platform/api/v1/namespaces", cluster: "cls-l0cked01");
        // pkg/platform/proxy/client.go returns a plain Go error: no reason, the bare message.
        Assert.Equal(500, status);
        Assert.Null(body!["reason"]);
        Assert.Equal("cluster cls-l0cked01 has been locked", (string?)body["message"]);
    }

    [Fact]
    public async Task The_TApp_route_answers_403_for_a_locked_cluster_and_503_for_one_not_Running()
    {
        const string TApps = "/platform/apis/platform.tkestack.io/v1/clusters/{0}/tapps?namespace=default";
        var (status, body) = await sim.GetAsync(string.Format(TApps, "cls-l0cked01"));
        Assert.Equal(403, status);
        Assert.Equal("Forbidden", (string?)body!["reason"]);
        Assert.Equal("clusters.platform.tkestack.io \"cls-l0cked01\" is forbidden: cluster is been locked", (string?)body["message"]);
        Assert.Equal("clusters", (string?)body["details"]!["kind"]);
        lock (sim.Host.State.World.Sync) sim.Host.State.World.Clusters["cls-e5f6g7h8"]["status"]!["phase"] = "Failed";
        try
        {
            (status, body) = await sim.GetAsync(string.Format(TApps, "cls-e5f6g7h8"));
            Assert.Equal(503, status);
            Assert.Equal("ServiceUnavailable", (string?)body!["reason"]);
            Assert.Equal("cluster cls-e5f6g7h8 status is abnormal", (string?)body["message"]);
        }
        finally
        {
            lock (sim.Host.State.World.Sync) sim.Host.State.World.Clusters["cls-e5f6g7h8"]["status"]!["phase"] = "Running";
        }
    }

    [Fact]
    public async Task Another_tenants_cluster_answers_404_naming_the_singular_kind()
    {
        // FilterCluster (pkg/platform/util/filter.go) for another tenant; the store's own 404 says clusters.
        var (status, body) = await sim.GetAsync("/platform/apis/platform.tkestack.io/v1/clusters/cls-0ther001");
        Assert.Equal(404, status);
        Assert.Equal("cluster.platform.tkestack.io \"cls-0ther001\" not found", (string?)body!["message"]);
        (_, body) = await sim.GetAsync("/platform/apis/platform.tkestack.io/v1/clusters/cls-nothere1");
        Assert.Equal("clusters.platform.tkestack.io \"cls-nothere1\" not found", (string?)body!["message"]);
    }

    [Fact]
    public async Task The_proxy_lists_the_named_clusters_namespaces()
    {
        var (status, body) = await sim.GetAsync("/platform/api/v1/namespaces", cluster: "cls-a1b2c3d4");
        Assert.Equal(200, status);
        Assert.Equal("NamespaceList", (string?)body!["kind"]);
        Assert.Contains(body["items"]!.AsArray(), n => (string?)n!["metadata"]!["name"] == "payments");
    }

    [Fact]
    public async Task Unprefixed_paths_are_not_served_by_default_but_redirect_to_the_login_page()
    {
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(sim.Host.Url) };
        using var request = sim.Request(HttpMethod.Get, "/apis/platform.tkestack.io/v1/clusters", sim.AdminToken);
        using var response = await noRedirect.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/oidc/auth", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Other_paths_answer_the_console_html_page()
    {
        using var response = await sim.Http.GetAsync("/console/whatever");
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Requests_are_recorded_without_the_key()
    {
        await sim.GetAsync("/platform/api/v1/namespaces/default", cluster: "cls-a1b2c3d4");
        var recorded = sim.Host.State.Requests.Snapshot().Last(r => r.Path == "/platform/api/v1/namespaces/default");
        Assert.Equal("cls-a1b2c3d4", recorded.Headers["X-TKE-ClusterName"]);
        Assert.Equal("Bearer (redacted)", recorded.Headers["Authorization"]);
        Assert.True(recorded.Authorized);
        Assert.Equal(200, recorded.Status);
    }
}
