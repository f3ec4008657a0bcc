using System.Text.Json;
using System.Text.Json.Nodes;
using TkeStack.Api;
using TkeStack.Models;

namespace TkeStack.Tests;

/// <summary>The judgement of a rollout as tables of cases, shaped as kubectl's
/// <c>rollout_status_test.go</c>: a workload's status in, done / still going / stuck out, with the
/// words a user reads.</summary>
public sealed class RolloutCheckTests
{
    private static Workload Deployment(int replicas, int updated, int available, int total, long generation = 2, long observed = 2, string? progressing = null)
    {
        var status = new JsonObject { ["observedGeneration"] = observed, ["replicas"] = total, ["updatedReplicas"] = updated, ["availableReplicas"] = available, ["readyReplicas"] = available };
        if (progressing != null)
        {
            status["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Progressing", ["status"] = "False", ["reason"] = progressing, ["message"] = "ReplicaSet \"web-2\" has timed out progressing.",
            });
        }
        return Make(WorkloadKind.Deployment, "web", generation, new JsonObject { ["replicas"] = replicas }, status);
    }

    private static Workload StatefulSet(int replicas, int ready, int updated, string strategy = "RollingUpdate", int partition = 0, bool sameRevision = false) =>
        Make(WorkloadKind.StatefulSet, "db", 2,
            new JsonObject { ["replicas"] = replicas, ["updateStrategy"] = new JsonObject { ["type"] = strategy, ["rollingUpdate"] = new JsonObject { ["partition"] = partition } } },
            new JsonObject { ["observedGeneration"] = 2, ["readyReplicas"] = ready, ["updatedReplicas"] = updated, ["currentRevision"] = "db-1", ["updateRevision"] = sameRevision ? "db-1" : "db-2" });

    private static Workload DaemonSet(int desired, int updated, int available, string strategy = "RollingUpdate") =>
        Make(WorkloadKind.DaemonSet, "log", 2,
            new JsonObject { ["updateStrategy"] = new JsonObject { ["type"] = strategy } },
            new JsonObject { ["observedGeneration"] = 2, ["desiredNumberScheduled"] = desired, ["updatedNumberScheduled"] = updated, ["numberAvailable"] = available, ["numberReady"] = available });

    private static Workload Make(WorkloadKind kind, string name, long generation, JsonObject spec, JsonObject status)
    {
        spec["template"] = JsonNode.Parse("""{"spec":{"containers":[{"name":"app","image":"img:2"}]}}""");
        var w = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "shop", ["generation"] = generation },
            ["spec"] = spec,
            ["status"] = status,
        };
        return Models.Workload(w.ToJsonString(), kind);
    }

    public static TheoryData<string, Workload, bool, string> Rollouts => new()
    {
        { "deployment: controller has not seen the change", Deployment(3, 0, 3, 3, generation: 3, observed: 2), false, "waiting for the controller to see generation 3" },
        { "deployment: new pods being created", Deployment(3, 1, 3, 4), false, "1 of 3 new pods created" },
        { "deployment: old pods terminating", Deployment(3, 3, 3, 4), false, "1 old pods pending termination" },
        { "deployment: new pods not yet available", Deployment(3, 3, 2, 3), false, "2 of 3 new pods available" },
        { "deployment: complete", Deployment(3, 3, 3, 3), true, "3 of 3 pods updated and available" },
        { "statefulset: pods not ready", StatefulSet(3, 2, 1), false, "2 of 3 pods ready" },
        { "statefulset: ready but not updated", StatefulSet(3, 3, 2), false, "2 of 3 pods updated" },
        { "statefulset: complete", StatefulSet(3, 3, 3, sameRevision: true), true, "3 of 3 pods updated and ready" },
        { "statefulset: OnDelete leaves old pods to a person", StatefulSet(3, 3, 1, "OnDelete"), true, "1 of 3 pods on the new template" },
        { "statefulset: partition reached", StatefulSet(3, 3, 1, partition: 2), true, "1 of 3 pods updated (partition 2)" },
        { "statefulset: partition not reached", StatefulSet(3, 3, 0, partition: 2), false, "0 of 1 pods updated (partition 2)" },
        { "daemonset: not all updated", DaemonSet(4, 2, 4), false, "2 of 4 pods updated" },
        { "daemonset: updated, not available", DaemonSet(4, 4, 3), false, "3 of 4 updated pods available" },
        { "daemonset: OnDelete", DaemonSet(4, 1, 4, "OnDelete"), true, "1 of 4 pods on the new template" },
        { "daemonset: complete", DaemonSet(4, 4, 4), true, "4 of 4 pods updated and available" },
    };

    [Theory]
    [MemberData(nameof(Rollouts))]
    public void Judges_where_a_rollout_stands(string name, Workload w, bool done, string detail)
    {
        var check = RolloutCheck.Judge(w, new List<PodResource>(), "app", "img:2", "img:1");
        Assert.True(done == check.IsDone, name);
        Assert.Null(check.Failure);
        Assert.Contains(detail, check.Status);
    }

    [Fact]
    public void A_deployment_past_its_progress_deadline_fails_with_a_rollback_command_to_paste()
    {
        var check = RolloutCheck.Judge(Deployment(3, 1, 2, 3, progressing: "ProgressDeadlineExceeded"), new List<PodResource>(), "app", "web:2", "web:1");
        var failure = Assert.IsType<TkeOperationException>(check.Failure);
        Assert.Equal("TkeRolloutFailed", failure.ErrorId);
        Assert.Contains("did not progress: ReplicaSet \"web-2\" has timed out progressing.", failure.Message);
        Assert.Equal("Look at its pods and events, or roll back with: Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web -Container app -Image 'web:1'",
            failure.RecommendedAction);
    }

    private static PodResource Pod(string name, string image, string? waiting, bool init = false)
    {
        var state = waiting is null ? new JsonObject { ["running"] = new JsonObject() } : new JsonObject { ["waiting"] = new JsonObject { ["reason"] = waiting, ["message"] = "back-off" } };
        var pod = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = JsonNode.Parse("{\"containers\":[{\"name\":\"app\",\"image\":\"" + image + "\"}]}"),
            ["status"] = new JsonObject { [init ? "initContainerStatuses" : "containerStatuses"] = new JsonArray(new JsonObject { ["name"] = init ? "init" : "app", ["state"] = state }) },
        };
        return JsonSerializer.Deserialize(pod.ToJsonString(), TkeJsonContext.Default.PodResource)!;
    }

    public static TheoryData<string, PodResource[], string?> Pods => new()
    {
        { "a new pod pulling its image for the first time is not stuck", [Pod("web-2-a", "web:2", "ContainerCreating")], null },
        { "a new pod in ImagePullBackOff is stuck", [Pod("web-2-a", "web:2", "ImagePullBackOff")], "web-2-a" },
        { "a new pod in CrashLoopBackOff is stuck", [Pod("web-1-x", "web:1", null), Pod("web-2-b", "web:2", "CrashLoopBackOff")], "web-2-b" },
        { "an init container that cannot start is stuck", [Pod("web-2-c", "web:2", "CreateContainerConfigError", init: true)], "web-2-c" },
        { "an old pod in trouble is not the rollout's", [Pod("web-1-y", "web:1", "CrashLoopBackOff")], null },
    };

    [Theory]
    [MemberData(nameof(Pods))]
    public void Finds_the_new_pod_that_will_not_start_by_itself(string name, PodResource[] pods, string? stuckPod)
    {
        var stuck = RolloutCheck.StuckPod(pods, "app", "web:2");
        Assert.True(stuckPod == stuck?.Pod.Metadata?.Name, name);
    }

    [Fact]
    public void The_latest_events_of_a_pod_read_oldest_first_with_their_count()
    {
        using var doc = JsonDocument.Parse("""
            [{"involvedObject":{"name":"web-2-a"},"type":"Normal","reason":"Scheduled","message":"assigned","lastTimestamp":"2026-12-01T10:00:00Z"},
             {"involvedObject":{"name":"web-2-a"},"type":"Normal","reason":"Pulling","message":"pulling web:2","lastTimestamp":"2026-12-01T10:00:01Z"},
             {"involvedObject":{"name":"web-2-a"},"type":"Warning","reason":"Failed","message":"not found","count":4,"lastTimestamp":"2026-12-01T10:00:03Z"},
             {"involvedObject":{"name":"other"},"type":"Warning","reason":"Failed","message":"elsewhere","lastTimestamp":"2026-12-01T10:00:09Z"},
             {"involvedObject":{"name":"web-2-a"},"type":"Warning","reason":"BackOff","message":"back-off","lastTimestamp":"2026-12-01T10:00:05Z"}]
            """);
        var events = doc.RootElement.EnumerateArray().Select(e => new Event(e.Deserialize(TkeJsonContext.Default.EventResource)!, System.Text.Encoding.UTF8.GetBytes(e.GetRawText()), "cls-a1b2c3d4", null)).ToList();
        Assert.Equal("Normal Pulling: pulling web:2; Warning Failed: not found (x4); Warning BackOff: back-off", RolloutCheck.LatestEvents(events, "web-2-a"));
        Assert.Equal("none found", RolloutCheck.LatestEvents(events, "web-2-z"));
    }
}
