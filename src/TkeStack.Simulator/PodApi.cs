using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>Pods, their logs and events, and a namespace's events, through the cluster proxy
/// (X-TKE-ClusterName). TKEStack's proxy serves <c>pods</c>, <c>pods/log</c>, <c>pods/events</c> and
/// <c>events</c> of the core group (tkestack/tke <c>pkg/platform/proxy/core/rest/rest.go</c>, v1.4 to
/// v1.9.2): the pod routes answer what the cluster's API server answers, and <c>pods/events</c> lists
/// the events whose involvedObject is that pod (<c>pkg/platform/proxy/core/pod/storage/event.go</c>,
/// a 404 on the resource "pods/events" of group extensions when the pod is not there). Pods are the
/// ones the simulated controllers run (<see cref="Workloads.Pods"/>), derived on each read.</summary>
internal static class PodApi
{
    private const string Pods = "/api/v1/namespaces/{ns}/pods";

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet(Pods, (string ns, HttpContext ctx, SimulatorState s) =>
        {
            lock (s.World.Sync)
            {
                if (ProxyApi.Resolve(ctx, s, out var contents) is { } error) return error;
                var pods = AllPods(contents!, ns, s.World.WorkloadRules).Select(p => KeyValuePair.Create((string)p.Pod["metadata"]!["name"]!, p.Pod));
                return Paging.List(ctx.Request, s.World, "PodList", "v1", pods.OrderBy(p => p.Key, StringComparer.Ordinal), _ => true);
            }
        });

        g.MapGet(Pods + "/{name}", (string ns, string name, HttpContext ctx, SimulatorState s) =>
        {
            lock (s.World.Sync)
            {
                if (ProxyApi.Resolve(ctx, s, out var contents) is { } error) return error;
                var pod = Find(contents!, ns, name, s.World.WorkloadRules);
                return pod is null ? Status.NotFound("", "pods", name) : ProxyApi.Json(pod.Value.Pod);
            }
        });

        g.MapGet(Pods + "/{name}/events", (string ns, string name, HttpContext ctx, SimulatorState s) =>
        {
            lock (s.World.Sync)
            {
                if (ProxyApi.Resolve(ctx, s, out var contents) is { } error) return error;
                var pod = Find(contents!, ns, name, s.World.WorkloadRules);
                if (pod is null) return Status.NotFound("extensions", "pods/events", name);
                var all = (JsonArray)Workloads.Events(pod.Value.Workload, s.World.WorkloadRules)["items"]!;
                var items = new JsonArray(all.OfType<JsonObject>()
                    .Where(e => (string?)e["involvedObject"]?["kind"] == "Pod" && (string?)e["involvedObject"]?["name"] == name)
                    .Select(e => (JsonNode?)e.DeepClone()).ToArray());
                return ProxyApi.Json(new JsonObject { ["kind"] = "EventList", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["items"] = items });
            }
        });

        g.MapGet("/api/v1/namespaces/{ns}/events", (string ns, HttpContext ctx, SimulatorState s) =>
        {
            lock (s.World.Sync)
            {
                if (ProxyApi.Resolve(ctx, s, out var contents) is { } error) return error;
                var events = contents!.Workloads.Values.SelectMany(all => all.Values).Where(w => w.Namespace == ns)
                    .SelectMany(w => ((JsonArray)Workloads.Events(w, s.World.WorkloadRules)["items"]!).OfType<JsonObject>())
                    .Select(e => KeyValuePair.Create((string)e["metadata"]!["name"]!, (JsonObject)e.DeepClone()))
                    .OrderBy(e => e.Key, StringComparer.Ordinal);
                return Paging.List(ctx.Request, s.World, "EventList", "v1", events, _ => true);
            }
        });

        g.MapGet(Pods + "/{name}/log", async (string ns, string name, HttpContext ctx, SimulatorState s) =>
        {
            string[] lines;
            bool follow;
            lock (s.World.Sync)
            {
                if (ProxyApi.Resolve(ctx, s, out var contents) is { } error) return error;
                var pod = Find(contents!, ns, name, s.World.WorkloadRules);
                if (pod is null) return Status.NotFound("", "pods", name);
                if (Lines(ctx.Request, pod.Value.Pod, s.World.WorkloadRules, out lines, out follow) is { } refused) return refused;
            }
            await Write(ctx, lines, follow);
            return Results.Empty;
        });
    }

    /// <summary>Every pod the workloads of a namespace run, with its workload.</summary>
    private static IEnumerable<(SimWorkload Workload, JsonObject Pod)> AllPods(ClusterContents contents, string ns, Seed rules) =>
        contents.Workloads.Values.SelectMany(all => all.Values).Where(w => w.Namespace == ns)
            .SelectMany(w => ((JsonArray)Workloads.Pods(w, rules)["items"]!).OfType<JsonObject>().Select(p => (w, p)));

    private static (SimWorkload Workload, JsonObject Pod)? Find(ClusterContents contents, string ns, string name, Seed rules)
    {
        foreach (var p in AllPods(contents, ns, rules))
        {
            if ((string?)p.Pod["metadata"]?["name"] == name) return p;
        }
        return null;
    }

    /// <summary>The lines a container's log holds, and the API server's refusals, as
    /// kubernetes <c>pkg/registry/core/pod/strategy.go</c> LogLocation and <c>pkg/kubelet/kubelet_pods.go</c>
    /// validateContainerLogStatus answer them: a pod of several containers needs <c>container</c>; an
    /// unknown one is a 400; a container waiting to start has no log yet; <c>previous</c> needs a
    /// container that terminated before.</summary>
    private static IResult? Lines(HttpRequest request, JsonObject pod, Seed rules, out string[] lines, out bool follow)
    {
        lines = Array.Empty<string>();
        follow = request.Query["follow"] == "true";
        var name = (string)pod["metadata"]!["name"]!;
        var containers = ((JsonArray)pod["spec"]!["containers"]!).OfType<JsonObject>().Select(c => (string)c["name"]!).ToList();
        var container = request.Query["container"].ToString();
        if (container.Length == 0)
        {
            if (containers.Count > 1) return Status.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(" ", containers)}]");
            container = containers[0];
        }
        if (!containers.Contains(container)) return Status.BadRequest($"container {container} is not valid for pod {name}");
        var status = ((JsonArray)pod["status"]!["containerStatuses"]!).OfType<JsonObject>().First(c => (string?)c["name"] == container);
        var image = (string)status["image"]!;
        var previous = request.Query["previous"] == "true";
        var waiting = (string?)status["state"]?["waiting"]?["reason"];
        if (previous && status["lastState"]?["terminated"] is null)
        {
            return Status.BadRequest($"previous terminated container \"{container}\" in pod \"{name}\" not found");
        }
        if (!previous && waiting == "ImagePullBackOff")
        {
            return Status.BadRequest($"container \"{container}\" in pod \"{name}\" is waiting to start: trying and failing to pull image");
        }
        if (!int.TryParse(request.Query["tailLines"], NumberStyles.None, CultureInfo.InvariantCulture, out var tail)) tail = -1;
        if (!long.TryParse(request.Query["sinceSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var since)) since = -1;
        var timestamps = request.Query["timestamps"] == "true";
        // The log is made of lines one second apart, ending now: the seed says how many.
        var count = Math.Max(1, rules.PodLogLines);
        var crashing = waiting == "CrashLoopBackOff";
        var now = DateTime.UtcNow;
        var all = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var at = now.AddSeconds(i - count + 1);
            if (since >= 0 && (now - at).TotalSeconds > since) continue;
            var text = i == 0 ? $"starting {container} from {image}"
                : (crashing || previous) && i == count - 1 ? "panic: cannot reach the database: dial tcp 10.0.0.5:5432: connect: connection refused"
                : $"GET /healthz 200 {i % 7 + 1}ms ({name}/{container} line {i})";
            all.Add((timestamps ? at.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture) + " " : "") + text);
        }
        lines = tail >= 0 && tail < all.Count ? all.Skip(all.Count - tail).ToArray() : all.ToArray();
        // A container that is not running (crashed, or asked for its previous run) has nothing to follow.
        if (crashing || previous) follow = false;
        return null;
    }

    /// <summary>Writes the log as text, line by line as it goes (a long log is never held whole by
    /// the client); with <c>follow</c>, a new line every half second until the client goes, at most
    /// ten minutes.</summary>
    private static async Task Write(HttpContext ctx, string[] lines, bool follow)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "text/plain";
        var body = ctx.Response.Body;
        var cancel = ctx.RequestAborted;
        try
        {
            foreach (var line in lines)
            {
                await body.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancel);
            }
            await body.FlushAsync(cancel);
            var until = DateTime.UtcNow.AddMinutes(10);
            for (var n = 1; follow && DateTime.UtcNow < until; n++)
            {
                await Task.Delay(500, cancel);
                await body.WriteAsync(Encoding.UTF8.GetBytes($"GET /healthz 200 1ms (followed line {n})\n"), cancel);
                await body.FlushAsync(cancel);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }
}
