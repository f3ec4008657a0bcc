using System.Text.Json.Nodes;
using TkeStack.Simulator;

namespace TkeStack.Tests;

/// <summary>The simulator's business API (guide section 4) answers as TKEStack does: the portal per
/// key and release, projects filtered by tenant, 403 to a member outside a project, and project
/// namespaces tied to namespaces that exist in their clusters.</summary>
public sealed class BusinessRouteTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private const string Business = "/business/apis/business.tkestack.io/v1";

    [Fact]
    public async Task Portal_of_an_administrator_says_so_and_lists_no_projects()
    {
        var (status, body) = await sim.GetAsync(Business + "/portal");
        Assert.Equal(200, status);
        Assert.Equal("Portal", (string?)body!["kind"]);
        Assert.True((bool)body["administrator"]!);
        Assert.Empty(body["projects"]!.AsObject());
    }

    [Fact]
    public async Task Portal_of_a_member_lists_the_projects_of_their_tenant_that_name_them_with_display_names()
    {
        // Before v1.9.1 (portal/storage/storage.go): a member of tenant default gets their projects.
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, TkeVersion = "1.8" });
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, Business + "/portal");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", host.State.Keys.All.First(k => !k.Administrator).Token);
        using var response = await http.SendAsync(request);
        var status = (int)response.StatusCode;
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, status);
        Assert.False((bool)body!["administrator"]!);
        var projects = body["projects"]!.AsObject();
        Assert.Equal(new[] { "prj-pay00001", "prj-shop0001" }, projects.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("online-shop", (string?)projects["prj-shop0001"]);
        Assert.Equal("Active", (string?)body["extension"]!["prj-shop0001"]!["phase"]);
    }

    [Fact]
    public async Task From_v1_9_1_the_portal_calls_every_caller_of_tenant_default_an_administrator_with_no_projects()
    {
        // Commit 89783587: tenant "" or "default" returns at once, extension a nil map (null).
        var (status, body) = await sim.GetAsync(Business + "/portal", sim.MemberToken);
        Assert.Equal(200, status);
        Assert.True((bool)body!["administrator"]!);
        Assert.Empty(body["projects"]!.AsObject());
        Assert.Null(body["extension"]);
    }

    [Fact]
    public async Task Projects_list_is_the_whole_tenant_for_anyone_filtered_by_tenant_only()
    {
        // pkg/business/registry/project/storage/storage.go List: PredicateListOptions adds the
        // spec.tenantID field selector; membership does not filter the list.
        var (_, all) = await sim.GetAsync(Business + "/projects");
        Assert.Equal("ProjectList", (string?)all!["kind"]);
        Assert.Equal(new[] { "prj-ops00001", "prj-pay00001", "prj-shop0001" }, Names(all));
        var (_, member) = await sim.GetAsync(Business + "/projects", sim.MemberToken);
        Assert.Equal(new[] { "prj-ops00001", "prj-pay00001", "prj-shop0001" }, Names(member));
    }

    [Fact]
    public async Task A_project_is_shaped_as_TKEStack_Project_with_used_summed_from_its_namespaces_hard()
    {
        var (status, p) = await sim.GetAsync(Business + "/projects/prj-shop0001", sim.MemberToken);
        Assert.Equal(200, status);
        Assert.Equal("Project", (string?)p!["kind"]);
        Assert.Equal("online-shop", (string?)p["spec"]!["displayName"]);
        Assert.Equal("default", (string?)p["spec"]!["tenantID"]);
        Assert.Contains(p["spec"]!["members"]!.AsArray(), m => (string?)m == "alice");
        Assert.Equal("8", (string?)p["spec"]!["clusters"]!["cls-a1b2c3d4"]!["hard"]!["requests.cpu"]);
        Assert.Equal("4", (string?)p["status"]!["clusters"]!["cls-a1b2c3d4"]!["used"]!["requests.cpu"]);
        Assert.Equal("8Gi", (string?)p["status"]!["clusters"]!["cls-a1b2c3d4"]!["used"]!["requests.memory"]);
        Assert.Equal("Active", (string?)p["status"]!["phase"]);
        Assert.Equal(2, p["status"]!["calculatedNamespaces"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("prj-ops00001")]
    [InlineData("prj-nothere1")]
    public async Task A_member_outside_a_project_gets_403_Forbidden_whether_or_not_it_exists(string project)
    {
        var (status, body) = await sim.GetAsync(Business + "/projects/" + project, sim.MemberToken);
        Assert.Equal(403, status);
        Assert.Equal("Forbidden", (string?)body!["reason"]);
        Assert.Equal($"projects.business.tkestack.io \"{project}\" is forbidden: User \"alice\" cannot get resource \"projects\" in API group \"business.tkestack.io\"", (string?)body["message"]);
        var (nsStatus, _) = await sim.GetAsync(Business + $"/namespaces/{project}/namespaces", sim.MemberToken);
        Assert.Equal(403, nsStatus);
    }

    [Fact]
    public async Task An_administrator_gets_404_for_a_missing_project_and_for_another_tenants()
    {
        var (status, body) = await sim.GetAsync(Business + "/projects/prj-nothere1");
        Assert.Equal(404, status);
        Assert.Equal("projects.business.tkestack.io \"prj-nothere1\" not found", (string?)body!["message"]);
        var (other, otherBody) = await sim.GetAsync(Business + "/projects/prj-acme0001");
        Assert.Equal(404, other);
        Assert.Equal("project.business.tkestack.io \"prj-acme0001\" not found", (string?)otherBody!["message"]);
    }

    [Fact]
    public async Task Project_namespaces_are_named_cluster_dash_namespace_and_carry_their_clusters_display_name()
    {
        var (status, list) = await sim.GetAsync(Business + "/namespaces/prj-shop0001/namespaces", sim.MemberToken);
        Assert.Equal(200, status);
        Assert.Equal("NamespaceList", (string?)list!["kind"]);
        Assert.Equal(new[] { "cls-a1b2c3d4-shop", "cls-e5f6g7h8-shop" }, Names(list));
        var ns = list["items"]![0]!;
        Assert.Equal("prj-shop0001", (string?)ns["metadata"]!["namespace"]);
        Assert.Equal("cls-a1b2c3d4", (string?)ns["spec"]!["clusterName"]);
        Assert.Equal("prod-beijing", (string?)ns["spec"]!["clusterDisplayName"]);
        Assert.Equal("Baremetal", (string?)ns["spec"]!["clusterType"]);
        Assert.Equal("shop", (string?)ns["spec"]!["namespace"]);
        Assert.Equal("4", (string?)ns["spec"]!["hard"]!["requests.cpu"]);
        Assert.Equal("1500m", (string?)ns["status"]!["used"]!["requests.cpu"]);
        Assert.Equal("Available", (string?)ns["status"]!["phase"]);
    }

    [Fact]
    public async Task Every_project_namespace_exists_in_its_cluster_through_the_proxy()
    {
        var (_, list) = await sim.GetAsync(Business + "/namespaces/prj-pay00001/namespaces");
        foreach (var ns in list!["items"]!.AsArray())
        {
            var (status, _) = await sim.GetAsync("/platform/api/v1/namespaces/" + (string?)ns!["spec"]!["namespace"], cluster: (string?)ns["spec"]!["clusterName"]);
            Assert.Equal(200, status);
        }
    }

    [Fact]
    public async Task An_administrator_lists_no_namespaces_for_a_missing_project()
    {
        var (status, list) = await sim.GetAsync(Business + "/namespaces/prj-nothere1/namespaces");
        Assert.Equal(200, status);
        Assert.Empty(list!["items"]!.AsArray());
    }

    [Theory]
    [InlineData("1500m", "500m", "2")]
    [InlineData("4Gi", "8Gi", "12Gi")]
    [InlineData("1500m", "1", "2500m")]
    [InlineData("2", "4", "6")]
    public void Quantities_add_as_Kubernetes_quantities(string a, string b, string sum) =>
        Assert.Equal(sum, Quantity.Add(a, b));

    private static string[] Names(JsonNode? list) =>
        list!["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!).ToArray();
}
