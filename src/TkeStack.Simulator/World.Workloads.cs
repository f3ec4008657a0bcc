using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>One Deployment, StatefulSet, DaemonSet or TApp of a cluster: the API object, and the
/// rollout the simulator plays out after a template change (the controllers' part: kubernetes
/// <c>pkg/controller/deployment</c>, <c>statefulset</c>, <c>daemon</c>; tkestack/tapp
/// <c>pkg/tapp/controller.go</c>). Pods and events are derived from this state on each read.</summary>
internal sealed class SimWorkload
{
    public required string Kind { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public required JsonObject Object { get; set; }
    /// <summary>For a DaemonSet, the nodes it runs on.</summary>
    public int Nodes { get; init; } = 3;
    /// <summary>The template's containers before the rollout in progress; null when none is.</summary>
    public JsonArray? OldContainers { get; set; }
    public DateTime RolloutStarted { get; set; } = DateTime.UtcNow;
    public int Polls { get; set; }
    /// <summary>PATCHes to answer after a concurrent writer touched the object (tests' /_sim control).</summary>
    public int PendingConcurrentWrites { get; set; }

    public string Plural => Workloads.Plural(Kind);
    public string Group => Kind == "TApp" ? "apps.tkestack.io" : "apps";
    public string Uid => (string?)Object["metadata"]?["uid"] ?? "";
    public JsonObject Template => Workloads.DefaultTemplate(Object);
    public JsonArray Containers => (JsonArray)Template["spec"]!["containers"]!;
}

/// <summary>Workloads of one cluster, by plural and then "namespace/name".</summary>
internal sealed partial class ClusterContents
{
    public bool HasTApp { get; set; } = true;

    public Dictionary<string, SortedDictionary<string, SimWorkload>> Workloads { get; } = new(StringComparer.Ordinal)
    {
        ["deployments"] = new(StringComparer.Ordinal),
        ["statefulsets"] = new(StringComparer.Ordinal),
        ["daemonsets"] = new(StringComparer.Ordinal),
        ["tapps"] = new(StringComparer.Ordinal),
    };

    public SimWorkload? FindWorkload(string plural, string ns, string name) =>
        Workloads.TryGetValue(plural, out var all) && all.TryGetValue(ns + "/" + name, out var w) ? w : null;

    public IEnumerable<SimWorkload> WorkloadsIn(string plural, string? ns) =>
        Workloads.TryGetValue(plural, out var all) ? all.Values.Where(w => ns is null || w.Namespace == ns) : Enumerable.Empty<SimWorkload>();
}

internal sealed partial class World
{
    /// <summary>The seed's rules for images and rollout speed.</summary>
    public Seed WorkloadRules { get; private set; } = new();

    /// <summary>Adds the seed's workloads (the default set when the seed names none).</summary>
    public void SeedWorkloads(Seed seed)
    {
        WorkloadRules = seed;
        foreach (var c in seed.Clusters)
        {
            if (Contents.TryGetValue(c.Name, out var contents)) contents.HasTApp = c.HasTApp;
        }
        foreach (var w in seed.Workloads ?? Seed.DefaultWorkloads())
        {
            if (!Contents.TryGetValue(w.Cluster, out var contents)) continue;
            if (w.Kind == "TApp" && !contents.HasTApp) continue;
            var sim = Workloads.Create(this, w);
            contents.Workloads[sim.Plural][w.Namespace + "/" + w.Name] = sim;
        }
    }
}

/// <summary>Building workload objects, playing out rollouts, and deriving pods and events.</summary>
internal static class Workloads
{
    public static string Plural(string kind) => kind switch
    {
        "Deployment" => "deployments",
        "StatefulSet" => "statefulsets",
        "DaemonSet" => "daemonsets",
        "TApp" => "tapps",
        _ => throw new ArgumentException("unknown kind " + kind),
    };

    /// <summary>The template an instance follows unless spec.templates pins it: for a TApp whose
    /// spec.defaultTemplateName names another template, that entry of spec.templatePool; otherwise
    /// spec.template (tkestack/tapp <c>pkg/tapp/tapp_utils.go</c> getPodTemplate and
    /// getPodTemplateName; <c>pkg/tapp/controller.go</c> setDefaultValue makes an empty name
    /// "default"). A name the pool lacks leaves the controller unable to make pods ("template not
    /// found in templatePool"); the simulator keeps spec.template then.</summary>
    public static JsonObject DefaultTemplate(JsonObject obj)
    {
        var name = (string?)(obj["spec"]?["defaultTemplateName"] as JsonValue);
        if ((string?)obj["kind"] == "TApp" && !string.IsNullOrEmpty(name) && name != "default" &&
            obj["spec"]?["templatePool"]?[name] is JsonObject pooled && pooled["spec"]?["containers"] is JsonArray)
        {
            return pooled;
        }
        return (JsonObject)obj["spec"]!["template"]!;
    }

    public static SimWorkload Create(World world, SeedWorkload w)
    {
        var labels = new JsonObject { ["k8s-app"] = w.Name, ["qcloud-app"] = w.Name };
        var containers = new JsonArray(w.Containers.Select((c, i) => (JsonNode?)Container(c, i == 0)).ToArray());
        var template = new JsonObject
        {
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null, ["labels"] = labels.DeepClone() },
            ["spec"] = new JsonObject
            {
                ["containers"] = containers,
                ["restartPolicy"] = "Always",
                ["dnsPolicy"] = "ClusterFirst",
                ["terminationGracePeriodSeconds"] = 30,
            },
        };
        var spec = new JsonObject();
        switch (w.Kind)
        {
            case "Deployment":
                spec["replicas"] = w.Replicas;
                spec["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() };
                spec["template"] = template;
                spec["strategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" } };
                spec["revisionHistoryLimit"] = 10;
                spec["progressDeadlineSeconds"] = 600;
                break;
            case "StatefulSet":
                spec["replicas"] = w.Replicas;
                spec["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() };
                spec["serviceName"] = w.Name;
                spec["template"] = template;
                spec["podManagementPolicy"] = "OrderedReady";
                spec["updateStrategy"] = w.UpdateStrategy == "OnDelete"
                    ? new JsonObject { ["type"] = "OnDelete" }
                    : new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = w.Partition ?? 0 } };
                spec["revisionHistoryLimit"] = 10;
                break;
            case "DaemonSet":
                spec["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() };
                spec["template"] = template;
                spec["updateStrategy"] = w.UpdateStrategy == "OnDelete"
                    ? new JsonObject { ["type"] = "OnDelete" }
                    : new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 1 } };
                spec["revisionHistoryLimit"] = 10;
                break;
            case "TApp":
                // Shaped as the guide's example answer (2.2.1) and tkestack/tapp pkg/apis/tappcontroller/v1/types.go:
                // instance 1 is pinned to a canary template, as a canary update leaves it.
                template["metadata"]!["labels"]!["tapp_template_hash_key"] = Hash(containers.ToJsonString());
                template["metadata"]!["labels"]!["tapp_uniq_hash_key"] = Hash(w.Name + containers.ToJsonString());
                spec["forceDeletePod"] = true;
                spec["replicas"] = w.Replicas;
                spec["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() };
                spec["template"] = template;
                if (w.DefaultTemplate is { Length: > 0 } pooled)
                {
                    // Instances follow a pool entry, not spec.template (tapp_utils.go getPodTemplate).
                    spec["defaultTemplateName"] = pooled;
                    spec["templatePool"] = new JsonObject { [pooled] = template.DeepClone() };
                }
                else
                {
                    spec["templatePool"] = new JsonObject { ["canary"] = template.DeepClone() };
                    spec["templates"] = w.Replicas > 1 ? new JsonObject { ["1"] = "canary" } : null;
                    if (w.Replicas <= 1) spec.Remove("templates");
                }
                spec["updateStrategy"] = new JsonObject();
                break;
            default:
                throw new ArgumentException("unknown kind " + w.Kind);
        }
        var obj = new JsonObject
        {
            ["apiVersion"] = w.Kind == "TApp" ? "apps.tkestack.io/v1" : "apps/v1",
            ["kind"] = w.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = w.Name,
                ["namespace"] = w.Namespace,
                ["uid"] = Guid.NewGuid().ToString(),
                ["resourceVersion"] = world.NextResourceVersion(),
                ["generation"] = 1L,
                ["creationTimestamp"] = World.Now(),
                ["labels"] = labels.DeepClone(),
            },
            ["spec"] = spec,
        };
        if (w.Kind == "TApp") obj["metadata"]!["selfLink"] = $"/apis/apps.tkestack.io/v1/namespaces/{w.Namespace}/tapps/{w.Name}";
        if (w.Kind == "Deployment") obj["metadata"]!["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = "1" };
        var sim = new SimWorkload { Kind = w.Kind, Namespace = w.Namespace, Name = w.Name, Object = obj, Nodes = w.Kind == "DaemonSet" ? w.Replicas : 0 };
        UpdateStatus(sim, world.WorkloadRules);
        return sim;
    }

    /// <summary>A container with the fields a real one has, so tests can see every field kept.</summary>
    private static JsonObject Container(SeedContainer c, bool main)
    {
        var o = new JsonObject
        {
            ["name"] = c.Name,
            ["image"] = c.Image,
            ["imagePullPolicy"] = "IfNotPresent",
            ["resources"] = new JsonObject
            {
                ["limits"] = new JsonObject { ["cpu"] = main ? "500m" : "100m", ["memory"] = main ? "256Mi" : "48Mi" },
                ["requests"] = new JsonObject { ["cpu"] = main ? "100m" : "50m", ["memory"] = main ? "64Mi" : "25Mi" },
            },
            ["terminationMessagePath"] = "/dev/termination-log",
            ["terminationMessagePolicy"] = "File",
        };
        if (main)
        {
            o["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080, ["protocol"] = "TCP" });
            o["env"] = new JsonArray(new JsonObject { ["name"] = "ZONE", ["value"] = "ap-beijing-1" });
            o["livenessProbe"] = new JsonObject { ["tcpSocket"] = new JsonObject { ["port"] = 8080 }, ["timeoutSeconds"] = 2, ["periodSeconds"] = 10, ["successThreshold"] = 1, ["failureThreshold"] = 10 };
            o["readinessProbe"] = new JsonObject { ["tcpSocket"] = new JsonObject { ["port"] = 8080 }, ["timeoutSeconds"] = 2, ["periodSeconds"] = 30, ["successThreshold"] = 1, ["failureThreshold"] = 10 };
        }
        return o;
    }

    /// <summary>One read of the workload by a client: the rollout moves on by one poll, and the status follows.</summary>
    public static void Poll(SimWorkload w, Seed rules)
    {
        if (w.OldContainers != null) w.Polls++;
        UpdateStatus(w, rules);
    }

    /// <summary>A pod of the workload as the controller would run it now.</summary>
    private sealed record PodPlan(string Name, string Instance, bool New, JsonArray Containers, string? Bad, string? BadImage, string Hash);

    private static int Replicas(SimWorkload w) => w.Kind == "DaemonSet" ? w.Nodes : (int?)w.Object["spec"]?["replicas"] ?? 1;

    private static string? Strategy(SimWorkload w) => (string?)w.Object["spec"]?["updateStrategy"]?["type"];

    private static int Partition(SimWorkload w) => (int?)w.Object["spec"]?["updateStrategy"]?["rollingUpdate"]?["partition"] ?? 0;

    /// <summary>Why a pod with these containers cannot run: ImagePullBackOff, CrashLoopBackOff or none.</summary>
    private static (string? Reason, string? Image) Trouble(JsonArray containers, Seed rules)
    {
        foreach (var c in containers.OfType<JsonObject>())
        {
            var image = (string?)c["image"] ?? "";
            if (rules.Unpullable.Contains(image)) return ("ImagePullBackOff", image);
        }
        foreach (var c in containers.OfType<JsonObject>())
        {
            var image = (string?)c["image"] ?? "";
            if (rules.Crashing.Contains(image)) return ("CrashLoopBackOff", image);
        }
        return (null, null);
    }

    /// <summary>How many pods the rollout in progress has replaced, and whether it stopped at a broken pod.</summary>
    private static (int Updated, int Target, string? Bad, string? BadImage) Progress(SimWorkload w, Seed rules)
    {
        var replicas = Replicas(w);
        if (w.OldContainers is null) return (replicas, replicas, null, null);
        var target = w.Kind == "StatefulSet" && Strategy(w) == "OnDelete" ? 0
            : w.Kind == "DaemonSet" && Strategy(w) == "OnDelete" ? 0
            : w.Kind == "StatefulSet" ? Math.Max(0, replicas - Partition(w))
            : replicas;
        var (bad, badImage) = Trouble(w.Containers, rules);
        if (bad != null) return (Math.Min(1, target), target, bad, badImage);
        var fraction = rules.RolloutSeconds > 0
            ? (DateTime.UtcNow - w.RolloutStarted).TotalSeconds / rules.RolloutSeconds
            : rules.RolloutPolls <= 0 ? 1.0 : (double)w.Polls / rules.RolloutPolls;
        var updated = fraction >= 1 ? target : Math.Min(target, (int)Math.Floor(fraction * target));
        return (updated, target, null, null);
    }

    private static List<PodPlan> Plan(SimWorkload w, Seed rules)
    {
        var replicas = Replicas(w);
        var (updated, _, bad, badImage) = Progress(w, rules);
        var current = w.Containers;
        var old = w.OldContainers ?? current;
        var newHash = Hash(current.ToJsonString());
        var oldHash = Hash(old.ToJsonString());
        var pods = new List<PodPlan>();
        switch (w.Kind)
        {
            case "Deployment":
                // A new ReplicaSet scales up while the old one scales down; a broken new pod leaves
                // every old pod running (maxUnavailable), as the deployment controller does.
                var oldCount = bad != null ? replicas : replicas - updated;
                for (var i = 0; i < updated; i++) pods.Add(new PodPlan($"{w.Name}-{newHash}-{Suffix(w.Name + newHash, i)}", "", true, current, bad, badImage, newHash));
                for (var i = 0; i < oldCount; i++) pods.Add(new PodPlan($"{w.Name}-{oldHash}-{Suffix(w.Name + oldHash, i)}", "", false, old, null, null, oldHash));
                break;
            case "StatefulSet":
                // Pods are replaced from the highest ordinal down (statefulset controller, RollingUpdate).
                for (var i = 0; i < replicas; i++)
                {
                    var isNew = i >= replicas - updated;
                    pods.Add(new PodPlan($"{w.Name}-{i}", i.ToString(CultureInfo.InvariantCulture), isNew, isNew ? current : old, isNew ? bad : null, isNew ? badImage : null, isNew ? newHash : oldHash));
                }
                break;
            case "DaemonSet":
                for (var i = 0; i < replicas; i++)
                {
                    var isNew = i < updated;
                    var hash = isNew ? newHash : oldHash;
                    pods.Add(new PodPlan($"{w.Name}-{Suffix(w.Name + hash, i)}", "", isNew, isNew ? current : old, isNew ? bad : null, isNew ? badImage : null, hash));
                }
                break;
            case "TApp":
                // An instance pinned in spec.templates follows that template of spec.templatePool.
                var pinned = w.Object["spec"]?["templates"] as JsonObject;
                var pool = w.Object["spec"]?["templatePool"] as JsonObject;
                var n = 0;
                for (var i = 0; i < replicas; i++)
                {
                    var id = i.ToString(CultureInfo.InvariantCulture);
                    if (pinned?[id] is JsonValue t && pool?[(string)t!]?["spec"]?["containers"] is JsonArray poolContainers)
                    {
                        var (pb, pi) = Trouble(poolContainers, rules);
                        pods.Add(new PodPlan($"{w.Name}-{id}", id, false, poolContainers, pb, pi, Hash(poolContainers.ToJsonString())));
                        continue;
                    }
                    var isNew = n++ < updated;
                    pods.Add(new PodPlan($"{w.Name}-{id}", id, isNew, isNew ? current : old, isNew ? bad : null, isNew ? badImage : null, isNew ? newHash : oldHash));
                }
                break;
        }
        return pods;
    }

    /// <summary>Writes the status the controller would report now, and ends a finished rollout.</summary>
    public static void UpdateStatus(SimWorkload w, Seed rules)
    {
        var replicas = Replicas(w);
        var (updated, target, bad, _) = Progress(w, rules);
        var pods = Plan(w, rules);
        var ready = pods.Count(p => p.Bad is null);
        var newCount = pods.Count(p => p.New);
        var generation = Workloads.Long(w.Object["metadata"]?["generation"]) ?? 1;
        var status = new JsonObject();
        var done = w.OldContainers is null || (bad is null && updated >= target);
        switch (w.Kind)
        {
            case "Deployment":
                status["observedGeneration"] = generation;
                status["replicas"] = pods.Count;
                status["updatedReplicas"] = w.OldContainers is null ? pods.Count : newCount;
                status["readyReplicas"] = ready;
                status["availableReplicas"] = ready;
                if (pods.Count - ready > 0) status["unavailableReplicas"] = pods.Count - ready;
                var now = World.Now();
                status["conditions"] = new JsonArray(
                    new JsonObject { ["type"] = "Available", ["status"] = "True", ["reason"] = "MinimumReplicasAvailable", ["message"] = "Deployment has minimum availability.", ["lastUpdateTime"] = now, ["lastTransitionTime"] = now },
                    new JsonObject
                    {
                        ["type"] = "Progressing", ["status"] = "True",
                        ["reason"] = done ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                        ["message"] = done ? $"ReplicaSet \"{w.Name}-{Hash(w.Containers.ToJsonString())}\" has successfully progressed." : $"ReplicaSet \"{w.Name}-{Hash(w.Containers.ToJsonString())}\" is progressing.",
                        ["lastUpdateTime"] = now, ["lastTransitionTime"] = now,
                    });
                break;
            case "StatefulSet":
                var updateRevision = $"{w.Name}-{Hash(w.Containers.ToJsonString())}";
                var currentRevision = w.OldContainers is null ? updateRevision : $"{w.Name}-{Hash(w.OldContainers.ToJsonString())}";
                status["observedGeneration"] = generation;
                status["replicas"] = replicas;
                status["readyReplicas"] = ready;
                status["currentReplicas"] = w.OldContainers is null ? replicas : replicas - newCount;
                status["updatedReplicas"] = w.OldContainers is null ? replicas : newCount;
                status["currentRevision"] = currentRevision;
                status["updateRevision"] = updateRevision;
                status["availableReplicas"] = ready;
                break;
            case "DaemonSet":
                status["currentNumberScheduled"] = replicas;
                status["numberMisscheduled"] = 0;
                status["desiredNumberScheduled"] = replicas;
                status["numberReady"] = ready;
                status["observedGeneration"] = generation;
                status["updatedNumberScheduled"] = w.OldContainers is null ? replicas : newCount;
                status["numberAvailable"] = ready;
                if (replicas - ready > 0) status["numberUnavailable"] = replicas - ready;
                break;
            case "TApp":
                var statuses = new JsonObject();
                var next = true;
                foreach (var p in pods)
                {
                    string s;
                    if (p.Bad != null) s = "Pending";
                    else if (!p.New && w.OldContainers != null && next && !done) { s = "Updating"; next = false; }
                    else s = "Running";
                    statuses[p.Instance] = s;
                }
                status["appStatus"] = ready == pods.Count ? "Running" : "Pending";
                status["observedGeneration"] = generation;
                status["readyReplicas"] = ready;
                status["replicas"] = replicas;
                status["scaleLabelSelector"] = $"k8s-app={w.Name},qcloud-app={w.Name}";
                status["statuses"] = statuses;
                break;
        }
        w.Object["status"] = status;
        // A rollout that replaced every pod is over; a partitioned or OnDelete one keeps its old pods.
        if (done && w.OldContainers != null && updated >= replicas) w.OldContainers = null;
    }

    /// <summary>The workload's pods, as a PodList (TKEStack's pods subresource answers one).</summary>
    public static JsonObject Pods(SimWorkload w, Seed rules)
    {
        var items = new JsonArray();
        var ownerKind = w.Kind == "Deployment" ? "ReplicaSet" : w.Kind;
        foreach (var p in Plan(w, rules))
        {
            var labels = (JsonObject)(w.Template["metadata"]?["labels"]?.DeepClone() ?? new JsonObject());
            if (w.Kind == "Deployment") labels["pod-template-hash"] = p.Hash;
            if (w.Kind is "StatefulSet" or "DaemonSet") labels["controller-revision-hash"] = p.Hash;
            if (w.Kind == "TApp") labels["tapp_instance_key"] = p.Instance;
            var started = p.New ? w.RolloutStarted : w.RolloutStarted.AddMinutes(-30);
            var containerStatuses = new JsonArray();
            foreach (var c in p.Containers.OfType<JsonObject>())
            {
                var image = (string?)c["image"] ?? "";
                // Readiness is per container (kubernetes pkg/kubelet/status/status_manager.go): only the
                // container whose image cannot be pulled or crashes is not ready; the pod is not Ready.
                var troubled = p.Bad != null && image == p.BadImage;
                var cs = new JsonObject { ["name"] = (string?)c["name"], ["image"] = image, ["imageID"] = "", ["ready"] = !troubled, ["restartCount"] = 0, ["started"] = !troubled };
                if (p.Bad == "ImagePullBackOff" && image == p.BadImage)
                {
                    cs["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ImagePullBackOff", ["message"] = $"Back-off pulling image \"{image}\"" } };
                }
                else if (p.Bad == "CrashLoopBackOff" && image == p.BadImage)
                {
                    cs["restartCount"] = 4;
                    cs["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = $"back-off 1m20s restarting failed container={(string?)c["name"]} pod={p.Name}_{w.Namespace}({PodUid(w, p.Name)})" } };
                    cs["lastState"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 1, ["reason"] = "Error", ["startedAt"] = Stamp(started.AddSeconds(40)), ["finishedAt"] = Stamp(started.AddSeconds(41)) } };
                }
                else
                {
                    cs["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Stamp(started.AddSeconds(3)) } };
                }
                containerStatuses.Add(cs);
            }
            items.Add(new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = p.Name,
                    ["namespace"] = w.Namespace,
                    ["uid"] = PodUid(w, p.Name),
                    ["creationTimestamp"] = Stamp(started),
                    ["labels"] = labels,
                    ["ownerReferences"] = new JsonArray(new JsonObject
                    {
                        ["apiVersion"] = w.Kind == "TApp" ? "apps.tkestack.io/v1" : "apps/v1",
                        ["kind"] = ownerKind,
                        ["name"] = w.Kind == "Deployment" ? $"{w.Name}-{p.Hash}" : w.Name,
                        ["controller"] = true,
                    }),
                },
                ["spec"] = new JsonObject { ["containers"] = p.Containers.DeepClone(), ["restartPolicy"] = "Always", ["nodeName"] = "10.0.0." + (20 + items.Count) },
                ["status"] = new JsonObject
                {
                    ["phase"] = p.Bad == "ImagePullBackOff" ? "Pending" : "Running",
                    ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = p.Bad is null ? "True" : "False" }),
                    ["containerStatuses"] = containerStatuses,
                    ["startTime"] = Stamp(started),
                },
            });
        }
        return new JsonObject { ["kind"] = "PodList", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["items"] = items };
    }

    /// <summary>The events of the workload and its pods, oldest first by lastTimestamp (tkestack/tke
    /// <c>pkg/platform/util/event.go</c> EventSlice), as the events subresource answers them.</summary>
    public static JsonObject Events(SimWorkload w, Seed rules)
    {
        var events = new List<JsonObject>();
        JsonObject Event(string kind, string name, string uid, string type, string reason, string message, int at, string component, int count = 1) => new()
        {
            ["metadata"] = new JsonObject { ["name"] = $"{name}.{Hash(reason + message + at)}", ["namespace"] = w.Namespace },
            ["involvedObject"] = new JsonObject { ["kind"] = kind, ["namespace"] = w.Namespace, ["name"] = name, ["uid"] = uid },
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = new JsonObject { ["component"] = component },
            ["firstTimestamp"] = Stamp(w.RolloutStarted.AddSeconds(at)),
            ["lastTimestamp"] = Stamp(w.RolloutStarted.AddSeconds(at + (count - 1) * 10)),
            ["count"] = count,
            ["type"] = type,
        };
        if (w.OldContainers != null || Workloads.Long(w.Object["metadata"]?["generation"]) > 1)
        {
            var hash = Hash(w.Containers.ToJsonString());
            events.Add(w.Kind switch
            {
                "Deployment" => Event("Deployment", w.Name, w.Uid, "Normal", "ScalingReplicaSet", $"Scaled up replica set {w.Name}-{hash} to 1", 0, "deployment-controller"),
                "StatefulSet" => Event("StatefulSet", w.Name, w.Uid, "Normal", "SuccessfulCreate", $"create Pod {w.Name}-{Replicas(w) - 1} in StatefulSet {w.Name} successful", 0, "statefulset-controller"),
                "DaemonSet" => Event("DaemonSet", w.Name, w.Uid, "Normal", "SuccessfulCreate", $"Created pod: {w.Name}-{Suffix(w.Name + hash, 0)}", 0, "daemonset-controller"),
                _ => Event("TApp", w.Name, w.Uid, "Normal", "SuccessfulCreate", $"create Pod {w.Name}-0 successful", 0, "tapp-controller"),
            });
        }
        foreach (var p in Plan(w, rules).Where(p => p.Bad != null))
        {
            var uid = PodUid(w, p.Name);
            events.Add(Event("Pod", p.Name, uid, "Normal", "Scheduled", $"Successfully assigned {w.Namespace}/{p.Name} to 10.0.0.21", 1, "default-scheduler"));
            if (p.Bad == "ImagePullBackOff")
            {
                events.Add(Event("Pod", p.Name, uid, "Normal", "Pulling", $"Pulling image \"{p.BadImage}\"", 2, "kubelet", 3));
                events.Add(Event("Pod", p.Name, uid, "Warning", "Failed", $"Failed to pull image \"{p.BadImage}\": rpc error: code = NotFound desc = failed to pull and unpack image \"{p.BadImage}\": not found", 3, "kubelet", 3));
                events.Add(Event("Pod", p.Name, uid, "Warning", "Failed", "Error: ErrImagePull", 4, "kubelet", 3));
                events.Add(Event("Pod", p.Name, uid, "Warning", "Failed", "Error: ImagePullBackOff", 5, "kubelet", 5));
                events.Add(Event("Pod", p.Name, uid, "Normal", "BackOff", $"Back-off pulling image \"{p.BadImage}\"", 6, "kubelet", 5));
            }
            else
            {
                var container = p.Containers.OfType<JsonObject>().First(c => (string?)c["image"] == p.BadImage)["name"];
                events.Add(Event("Pod", p.Name, uid, "Normal", "Pulled", $"Container image \"{p.BadImage}\" already present on machine", 2, "kubelet", 4));
                events.Add(Event("Pod", p.Name, uid, "Normal", "Created", $"Created container {container}", 3, "kubelet", 4));
                events.Add(Event("Pod", p.Name, uid, "Normal", "Started", $"Started container {container}", 4, "kubelet", 4));
                events.Add(Event("Pod", p.Name, uid, "Warning", "BackOff", $"Back-off restarting failed container {container} in pod {p.Name}_{w.Namespace}({uid})", 5, "kubelet", 6));
            }
        }
        var items = new JsonArray(events.OrderBy(e => (string?)e["lastTimestamp"], StringComparer.Ordinal).ToArray<JsonNode?>());
        return new JsonObject { ["kind"] = "EventList", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["items"] = items };
    }

    private static string PodUid(SimWorkload w, string pod) => Guid.Parse(w.Uid).ToString()[..24] + Hash(pod, 12);

    private static string Stamp(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A stable name fragment from text, in the alphabet Kubernetes uses for generated names.</summary>
    public static string Hash(string text, int length = 10)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        ulong h = 14695981039346656037;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            h ^= b;
            h *= 1099511628211;
        }
        var s = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            s.Append(alphabet[(int)(h % (ulong)alphabet.Length)]);
            h = h / (ulong)alphabet.Length ^ (h << 7) ^ (ulong)i * 2654435761;
        }
        return s.ToString();
    }

    /// <summary>A whole number however the node holds it (parsed JSON or a value built here).</summary>
    public static long? Long(JsonNode? n) =>
        n is JsonValue v ? (v.TryGetValue<long>(out var l) ? l : v.TryGetValue<int>(out var i) ? i : (long?)null) : null;

    private static string Suffix(string seed, int i) => Hash(seed + "#" + i.ToString(CultureInfo.InvariantCulture), 5);
}
