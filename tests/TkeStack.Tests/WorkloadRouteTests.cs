using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace TkeStack.Tests;

/// <summary>The simulator's workloads answer as a cluster behind TKEStack does.</summary>
public sealed class WorkloadRouteTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private const string Cluster = "cls-a1b2c3d4";
    private const string Web = "/platform/apis/apps/v1/namespaces/shop/deployments/web";
    private const string Cart = "/platform/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4/tapps?namespace=shop&name=cart";

    private Task<(int Status, JsonNode? Body)> PatchAsync(string path, string contentType, string body, string? cluster = Cluster)
    {
        var r = sim.Request(HttpMethod.Patch, path, sim.AdminToken, cluster);
        r.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        r.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return sim.SendAsync(r);
    }

    [Fact]
    public async Task Generation_rises_on_a_spec_change_and_resourceVersion_on_every_write()
    {
        sim.Host.State.Reset();
        var (_, before) = await sim.GetAsync(Web, cluster: Cluster);
        var (status, after) = await PatchAsync(Web, "application/strategic-merge-patch+json", """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"x:2"}]}}}}""");
        Assert.Equal(200, status);
        Assert.Equal(2, (long)after!["metadata"]!["generation"]!);
        Assert.NotEqual((string?)before!["metadata"]!["resourceVersion"], (string?)after["metadata"]!["resourceVersion"]);
        var (_, labelled) = await PatchAsync(Web, "application/merge-patch+json", """{"metadata":{"labels":{"team":"shop"}}}""");
        Assert.Equal(2, (long)labelled!["metadata"]!["generation"]!);
        Assert.NotEqual((string?)after["metadata"]!["resourceVersion"], (string?)labelled["metadata"]!["resourceVersion"]);
        // Nothing changed: nothing written.
        var (_, same) = await PatchAsync(Web, "application/merge-patch+json", """{"metadata":{"labels":{"team":"shop"}}}""");
        Assert.Equal((string?)labelled["metadata"]!["resourceVersion"], (string?)same!["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task A_patch_with_another_resourceVersion_answers_409_Conflict()
    {
        sim.Host.State.Reset();
        var (status, body) = await PatchAsync(Cart, "application/merge-patch+json", """{"metadata":{"resourceVersion":"1"},"spec":{"replicas":3}}""");
        Assert.Equal(409, status);
        Assert.Equal("Conflict", (string?)body!["reason"]);
        Assert.Contains("the object has been modified", (string?)body["message"]);
    }

    [Theory]
    [InlineData(Web, "application/json")]
    [InlineData(Web, "application/apply-patch+yaml")]
    [InlineData(Web, "text/plain")]
    [InlineData(Cart, "application/strategic-merge-patch+json")]
    public async Task Unsupported_patch_types_answer_415(string path, string contentType)
    {
        var (status, body) = await PatchAsync(path, contentType, "{}");
        Assert.Equal(415, status);
        Assert.Equal("UnsupportedMediaType", (string?)body!["reason"]);
    }

    [Fact]
    public async Task A_strategic_patch_for_an_unknown_container_adds_it_and_one_without_image_is_invalid()
    {
        sim.Host.State.Reset();
        var (status, added) = await PatchAsync(Web, "application/strategic-merge-patch+json", """{"spec":{"template":{"spec":{"containers":[{"name":"extra","image":"busybox:1"}]}}}}""");
        Assert.Equal(200, status);
        Assert.Equal(3, added!["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Count);
        var (invalid, body) = await PatchAsync(Web, "application/strategic-merge-patch+json", """{"spec":{"template":{"spec":{"containers":[{"name":"noimage"}]}}}}""");
        Assert.Equal(422, invalid);
        Assert.Contains("spec.template.spec.containers[0].image: Required value", (string?)body!["message"]);
    }

    [Fact]
    public async Task A_json_patch_applies_its_operations_and_a_failed_test_changes_nothing()
    {
        sim.Host.State.Reset();
        var (status, patched) = await PatchAsync(Web, "application/json-patch+json", """[{"op":"test","path":"/spec/template/spec/containers/0/name","value":"app"},{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"x:3"}]""");
        Assert.Equal(200, status);
        Assert.Equal("x:3", (string?)patched!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        var (failed, body) = await PatchAsync(Web, "application/json-patch+json", """[{"op":"replace","path":"/spec/replicas","value":9},{"op":"test","path":"/spec/template/spec/containers/0/name","value":"nope"}]""");
        Assert.Equal(422, failed);
        Assert.Contains("testing value", (string?)body!["message"]);
        var (_, web) = await sim.GetAsync(Web, cluster: Cluster);
        Assert.Equal(3, (int)web!["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task An_unpullable_image_leaves_a_new_pod_in_ImagePullBackOff_with_events()
    {
        sim.Host.State.Reset();
        await PatchAsync(Web, "application/strategic-merge-patch+json", """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:does-not-exist"}]}}}}""");
        var (_, pods) = await sim.GetAsync(Web + "/pods", cluster: Cluster);
        Assert.Equal("PodList", (string?)pods!["kind"]);
        var stuck = pods["items"]!.AsArray().Single(p => (string?)p!["status"]!["phase"] == "Pending")!;
        Assert.Equal("ImagePullBackOff", (string?)stuck["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!["reason"]);
        var (_, events) = await sim.GetAsync(Web + "/events", cluster: Cluster);
        Assert.Equal("EventList", (string?)events!["kind"]);
        Assert.Contains(events["items"]!.AsArray(), e => (string?)e!["reason"] == "BackOff" && (string?)e["involvedObject"]!["name"] == (string?)stuck["metadata"]!["name"]);
        var (_, web) = await sim.GetAsync(Web, cluster: Cluster);
        Assert.Equal(1, (int)web!["status"]!["updatedReplicas"]!);
    }

    [Fact]
    public async Task A_rollout_completes_after_the_configured_number_of_polls()
    {
        sim.Host.State.Reset();
        await PatchAsync(Web, "application/strategic-merge-patch+json", """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"x:2"}]}}}}""");
        var (_, first) = await sim.GetAsync(Web, cluster: Cluster);
        Assert.True((int)first!["status"]!["updatedReplicas"]! < 3);
        var (_, second) = await sim.GetAsync(Web, cluster: Cluster);
        Assert.Equal(3, (int)second!["status"]!["updatedReplicas"]!);
        Assert.Equal(3, (int)second["status"]!["replicas"]!);
    }

    [Fact]
    public async Task A_cluster_without_the_TApp_kind_answers_the_clusters_own_404()
    {
        var (status, body) = await sim.GetAsync("/platform/apis/platform.tkestack.io/v1/clusters/cls-imp0rt01/tapps?namespace=default&name=x");
        Assert.Equal(404, status);
        Assert.Equal("the server could not find the requested resource", (string?)body!["message"]);
    }

    [Fact]
    public async Task TApp_actions_answer_pods_and_events_and_a_wrapped_400_without_a_name()
    {
        var (status, pods) = await sim.GetAsync(Cart + "&action=pods");
        Assert.Equal(200, status);
        Assert.Equal(2, pods!["items"]!.AsArray().Count);
        Assert.Equal("TApp", (string?)pods["items"]![0]!["metadata"]!["ownerReferences"]![0]!["kind"]);
        var (bad, body) = await sim.GetAsync("/platform/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4/tapps?namespace=shop&action=pods");
        Assert.Equal(400, bad);
        Assert.Equal("namespace and name must be specified", (string?)body!["ErrStatus"]!["message"]);
    }

    private const string Cache = "/platform/apis/apps/v1/namespaces/shop/statefulsets/cache";
    private const string Queue = "/platform/apis/apps/v1/namespaces/shop/statefulsets/queue";
    private const string LogAgent = "/platform/apis/apps/v1/namespaces/shop/daemonsets/log-agent";
    private const string ShopPods = "/platform/api/v1/namespaces/shop/pods/";

    private Task<(int Status, JsonNode? Body)> DeleteAsync(string path) =>
        sim.SendAsync(sim.Request(HttpMethod.Delete, path, sim.AdminToken, Cluster));

    private async Task<JsonArray> PodsOfAsync(string workload) => (await sim.GetAsync(workload + "/pods", cluster: Cluster)).Body!["items"]!.AsArray();

    private static string? ImageOf(JsonNode pod) => (string?)pod["spec"]!["containers"]![0]!["image"];

    [Fact]
    public async Task An_OnDelete_StatefulSet_recreates_a_deleted_pod_on_the_new_template_and_ends_when_all_were()
    {
        sim.Host.State.Reset();
        await PatchAsync(Cache, "application/strategic-merge-patch+json", """{"spec":{"template":{"spec":{"containers":[{"name":"redis","image":"redis:7.4"}]}}}}""");
        await sim.GetAsync(Cache, cluster: Cluster);
        await sim.GetAsync(Cache, cluster: Cluster);
        var (_, waiting) = await sim.GetAsync(Cache, cluster: Cluster);
        Assert.Equal(0, (int)waiting!["status"]!["updatedReplicas"]!);
        Assert.NotEqual((string?)waiting["status"]!["currentRevision"], (string?)waiting["status"]!["updateRevision"]);

        var (status, deleted) = await DeleteAsync(ShopPods + "cache-0");
        Assert.Equal(200, status);
        Assert.Equal("Pod", (string?)deleted!["kind"]);
        Assert.Equal("cache-0", (string?)deleted["metadata"]!["name"]);
        Assert.NotNull((string?)deleted["metadata"]!["deletionTimestamp"]);
        Assert.Equal("redis:7.2", ImageOf(deleted));
        var replacement = (await PodsOfAsync(Cache)).Single(p => (string?)p!["metadata"]!["name"] == "cache-0")!;
        Assert.Equal("redis:7.4", ImageOf(replacement));
        Assert.NotEqual((string?)deleted["metadata"]!["uid"], (string?)replacement["metadata"]!["uid"]);
        Assert.Equal("ContainerCreating", (string?)replacement["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!["reason"]);
        var (_, one) = await sim.GetAsync(Cache, cluster: Cluster);
        Assert.Equal(1, (int)one!["status"]!["updatedReplicas"]!);
        Assert.Equal(3, (int)one["status"]!["readyReplicas"]!);

        await DeleteAsync(ShopPods + "cache-1");
        await DeleteAsync(ShopPods + "cache-2");
        var (_, starting) = await sim.GetAsync(Cache, cluster: Cluster);
        Assert.Equal(3, (int)starting!["status"]!["updatedReplicas"]!);
        var (_, done) = await sim.GetAsync(Cache, cluster: Cluster);
        Assert.Equal(3, (int)done!["status"]!["readyReplicas"]!);
        Assert.Equal(3, (int)done["status"]!["updatedReplicas"]!);
        // The controller moves currentRevision to updateRevision for RollingUpdate only
        // (kubernetes stateful_set_control.go completeRollingUpdate): an OnDelete one keeps the old.
        Assert.Equal((string?)waiting["status"]!["currentRevision"], (string?)done["status"]!["currentRevision"]);
        Assert.Equal(0, (int)done["status"]!["currentReplicas"]!);
        Assert.All(await PodsOfAsync(Cache), p => Assert.Equal("redis:7.4", ImageOf(p!)));
    }

    [Fact]
    public async Task Deleting_a_pod_that_is_not_there_answers_404_and_a_pod_without_a_rollout_comes_back_as_it_was()
    {
        sim.Host.State.Reset();
        var (status, body) = await DeleteAsync(ShopPods + "cache-9");
        Assert.Equal(404, status);
        Assert.Equal("NotFound", (string?)body!["reason"]);
        var (ok, _) = await DeleteAsync(ShopPods + "db-1");
        Assert.Equal(200, ok);
        Assert.All(await PodsOfAsync("/platform/apis/apps/v1/namespaces/shop/statefulsets/db"), p => Assert.Equal("mysql:8.0.35", ImageOf(p!)));
    }

    [Fact]
    public async Task Lowering_the_partition_lets_the_rollout_go_on_from_the_pods_it_updated()
    {
        sim.Host.State.Reset();
        await PatchAsync(Queue, "application/strategic-merge-patch+json", """{"spec":{"template":{"spec":{"containers":[{"name":"rabbit","image":"rabbitmq:3.13"}]}}}}""");
        await sim.GetAsync(Queue, cluster: Cluster);
        var (_, partitioned) = await sim.GetAsync(Queue, cluster: Cluster);
        Assert.Equal(1, (int)partitioned!["status"]!["updatedReplicas"]!);
        // A pod below the partition comes back on the current revision (newVersionedStatefulSetPod).
        await DeleteAsync(ShopPods + "queue-0");
        Assert.Equal("rabbitmq:3.12", ImageOf((await PodsOfAsync(Queue)).Single(p => (string?)p!["metadata"]!["name"] == "queue-0")!));

        var (status, lowered) = await PatchAsync(Queue, "application/strategic-merge-patch+json", """{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}""");
        Assert.Equal(200, status);
        Assert.Equal(1, (int)lowered!["status"]!["updatedReplicas"]!);
        var (_, going) = await sim.GetAsync(Queue, cluster: Cluster);
        Assert.Equal(2, (int)going!["status"]!["updatedReplicas"]!);
        var (_, done) = await sim.GetAsync(Queue, cluster: Cluster);
        Assert.Equal(3, (int)done!["status"]!["updatedReplicas"]!);
        Assert.Equal((string?)done["status"]!["updateRevision"], (string?)done["status"]!["currentRevision"]);
        Assert.All(await PodsOfAsync(Queue), p => Assert.Equal("rabbitmq:3.13", ImageOf(p!)));
    }

    [Fact]
    public async Task An_OnDelete_DaemonSet_recreates_a_deleted_pod_from_the_current_template()
    {
        sim.Host.State.Reset();
        await PatchAsync(LogAgent, "application/strategic-merge-patch+json", """{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}""");
        await PatchAsync(LogAgent, "application/strategic-merge-patch+json", """{"spec":{"template":{"spec":{"containers":[{"name":"fluentd","image":"fluent/fluentd:v1.17"}]}}}}""");
        await sim.GetAsync(LogAgent, cluster: Cluster);
        var (_, waiting) = await sim.GetAsync(LogAgent, cluster: Cluster);
        Assert.Equal(0, (int)waiting!["status"]!["updatedNumberScheduled"]!);
        var old = (string)(await PodsOfAsync(LogAgent))[0]!["metadata"]!["name"]!;
        var (status, _) = await DeleteAsync(ShopPods + old);
        Assert.Equal(200, status);
        var (_, one) = await sim.GetAsync(LogAgent, cluster: Cluster);
        Assert.Equal(1, (int)one!["status"]!["updatedNumberScheduled"]!);
        Assert.Single(await PodsOfAsync(LogAgent), p => ImageOf(p!) == "fluent/fluentd:v1.17");
    }

    [Fact]
    public async Task Deployments_need_the_cluster_header()
    {
        var (status, body) = await sim.GetAsync(Web);
        Assert.Equal(400, status);
        Assert.Equal("clusterName is required", (string?)body!["message"]);
    }
}
