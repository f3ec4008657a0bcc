using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>The machines of the world and a simulated machine controller. Progress is computed
/// when a machine is read (by time or by reads, as the seed says), one step at a time, as
/// tkestack/tke <c>pkg/platform/controller/machine/machine_controller.go</c> (onCreate) and
/// <c>pkg/platform/provider/machine/interface.go</c> (DelegateProvider.OnCreate) advance it.</summary>
internal sealed partial class World
{
    /// <summary>The install steps of a Baremetal machine in the modelled release, in order
    /// (<see cref="TkeRelease.MachineSteps"/>).</summary>
    public string[] MachineSteps => Release.MachineSteps;

    /// <summary>Machines by name, in name order.</summary>
    public SortedDictionary<string, MachineRecord> Machines { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds the seed's machines, already joined.</summary>
    public void SeedMachines(Seed seed)
    {
        foreach (var m in seed.Machines)
        {
            var obj = NewMachineObject(m.Name, m.ClusterName, m.TenantId, "Baremetal", m.Ip, m.Port, "root", "c2VlZGVk", null, null);
            var record = new MachineRecord(obj, null, DateTime.UtcNow);
            Machines[m.Name] = record;
            var steps = MachineSteps.Length;
            for (var i = 0; i < steps; i++) record.ApplyStep(this);
        }
    }

    /// <summary>A Machine shaped as tkestack/tke <c>api/platform/v1/types.go</c> Machine, as the
    /// API server stores it after create: Initializing, no conditions yet, empty machineInfo.</summary>
    public JsonObject NewMachineObject(string name, string clusterName, string tenantId, string type, string ip, int port,
        string username, string? password, string? privateKey, string? passPhrase)
    {
        var spec = new JsonObject
        {
            // TKEStack sets these two itself (pkg/platform/registry/machine/strategy.go PrepareForCreate).
            ["finalizers"] = new JsonArray("machine"),
            ["tenantID"] = tenantId,
            ["clusterName"] = clusterName,
            ["type"] = type,
            ["ip"] = ip,
            ["port"] = port,
            ["username"] = username,
        };
        if (password != null) spec["password"] = password;
        if (privateKey != null) spec["privateKey"] = privateKey;
        if (passPhrase != null) spec["passPhrase"] = passPhrase;
        return new JsonObject
        {
            ["kind"] = "Machine",
            ["apiVersion"] = "platform.tkestack.io/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["generateName"] = "mc-",
                ["selfLink"] = $"/apis/platform.tkestack.io/v1/machines/{name}",
                ["uid"] = Guid.NewGuid().ToString(),
                ["resourceVersion"] = NextResourceVersion(),
                ["creationTimestamp"] = Now(),
            },
            ["spec"] = spec,
            ["status"] = new JsonObject { ["phase"] = "Initializing", ["machineInfo"] = new JsonObject() },
        };
    }

    /// <summary>Brings one machine up to date (install steps, deletion); false when it is gone.
    /// Counts as one read. Call under <see cref="Sync"/>.</summary>
    public bool RefreshMachine(string name, Seed seed)
    {
        if (!Machines.TryGetValue(name, out var m)) return false;
        m.Reads++;
        var now = DateTime.UtcNow;
        if (m.DeletedAt is DateTime deleted)
        {
            m.ReadsSinceDelete++;
            var done = seed.MachineDeletePolls > 0
                ? m.ReadsSinceDelete > seed.MachineDeletePolls
                : (now - deleted).TotalSeconds >= seed.MachineDeleteSeconds;
            if (done)
            {
                // The deleter removes the node, then the "machine" finalizer of spec.finalizers, then
                // the object (pkg/platform/controller/machine/deletion/machine_deleter.go).
                m.Object["spec"]!["finalizers"] = new JsonArray();
                Machines.Remove(name);
                return false;
            }
            return true;
        }
        var due = seed.MachineStepPolls > 0
            ? m.Reads / seed.MachineStepPolls
            : (int)((now - m.CreatedAt).TotalSeconds / Math.Max(seed.MachineStepSeconds, 0.001));
        while (m.Passes < due && m.ApplyStep(this))
        {
        }
        return true;
    }
}

/// <summary>One machine: its object as the API answers it, and where the simulated controller is.</summary>
internal sealed class MachineRecord(JsonObject obj, SeedMachineHost? host, DateTime createdAt)
{
    public JsonObject Object { get; } = obj;
    public SeedMachineHost? Host { get; } = host;
    public DateTime CreatedAt { get; } = createdAt;
    public int Reads { get; set; }
    public int StepsApplied { get; private set; }

    /// <summary>Passes of the controller so far, a failed try included (each takes a step's time).</summary>
    public int Passes { get; private set; }

    /// <summary>How many times EnsureNodeReady has timed out on this machine.</summary>
    public int NodeReadyTimeouts { get; private set; }
    public DateTime? DeletedAt { get; set; }
    public int ReadsSinceDelete { get; set; }

    public string ClusterName => (string?)Object["spec"]?["clusterName"] ?? "";
    public string Ip => (string?)Object["spec"]?["ip"] ?? "";
    public string TenantId => (string?)Object["spec"]?["tenantID"] ?? "";
    private JsonObject Status => Object["status"]!.AsObject();

    /// <summary>One pass of the controller: the step in progress turns True (or False with
    /// FailedInit), and the next is written Unknown/Waiting; after the last, phase Running and the
    /// health check. False when nothing more happens (Running, Failed, failed step, Terminating).</summary>
    public bool ApplyStep(World world)
    {
        if ((string?)Status["phase"] != "Initializing") return false;
        var steps = world.MachineSteps;
        var current = steps[StepsApplied];
        Passes++;
        var conditions = Status["conditions"] as JsonArray ?? new JsonArray();
        Status["conditions"] = conditions;
        var now = World.Now();
        if (current == "EnsureNodeReady" && NodeReadyTimeouts < (Host?.NodeReadyTimeouts ?? 0))
        {
            // EnsureNodeReady polls for a Ready node for five minutes and fails with wait's timeout
            // (pkg/platform/provider/baremetal/machine/create.go); the condition turns False with
            // FailedInit, and the queue runs the step again (machine_controller.go onCreate), which
            // succeeds once the node is Ready.
            NodeReadyTimeouts++;
            SetCondition(conditions, current, "False", "FailedInit", "timed out waiting for the condition", now);
            Bump(world);
            return true;
        }
        if (Host?.FailAtStep == current)
        {
            // DelegateProvider.OnCreate (pkg/platform/provider/machine/interface.go, every release):
            // the failed handler's condition turns False with reason FailedInit and the error as its
            // message, which Machine.SetCondition copies to status.reason/message. The controller
            // (pkg/platform/controller/machine/machine_controller.go onCreate) keeps the phase
            // Initializing and the queue retries the step (tkestack/tke#1769, #660).
            var message = Host.FailMessage ?? (current == "EnsureNodeReady"
                // EnsureNodeReady polls for a Ready node for five minutes (wait.PollImmediate in
                // pkg/platform/provider/baremetal/machine/create.go), then fails with wait's error.
                ? "timed out waiting for the condition"
                : $"{current} failed");
            SetCondition(conditions, current, "False", "FailedInit", message, now);
            Bump(world);
            return false;
        }
        SetCondition(conditions, current, "True", null, null, now);
        StepsApplied++;
        if (StepsApplied < steps.Length)
        {
            SetCondition(conditions, steps[StepsApplied], "Unknown", "Waiting", "waiting execute", now);
        }
        else
        {
            // After the last step: Running, then the health check reads the node by IP
            // (checkHealth in pkg/platform/controller/machine/machine_controller.go up to v1.9.0,
            // DelegateProvider.OnHealthCheck in pkg/platform/provider/machine/interface.go from
            // v1.9.1): not found turns the phase Failed and HealthCheck False with reason
            // FailedHealthCheck (copied to status.reason/message by SetCondition). machineInfo is never
            // written by pkg/platform in any release: it stays {}.
            if (Host?.HealthCheckFails == true)
            {
                var message = $"nodes \"{Ip}\" not found";
                Status["phase"] = "Failed";
                SetCondition(conditions, "HealthCheck", "False", "FailedHealthCheck", message, now);
            }
            else
            {
                Status["phase"] = "Running";
                SetCondition(conditions, "HealthCheck", "True", null, null, now);
            }
        }
        Bump(world);
        return StepsApplied < steps.Length;
    }

    /// <summary>The first DELETE: deletionTimestamp and phase Terminating
    /// (pkg/platform/registry/machine/storage/storage.go Delete).</summary>
    public void MarkDeleted(World world)
    {
        DeletedAt = DateTime.UtcNow;
        Object["metadata"]!["deletionTimestamp"] = World.Now();
        Status["phase"] = "Terminating";
        Bump(world);
    }

    private void Bump(World world) => Object["metadata"]!["resourceVersion"] = world.NextResourceVersion();

    /// <summary>Machine.SetCondition (tkestack/tke <c>api/platform/v1/machine.go</c>, v1.4.0 to v1.9.2):
    /// replace the condition of the type in place or append it; lastProbeTime is now, lastTransitionTime
    /// is kept from the condition it replaces (set only when the type is new, whatever the status);
    /// a False condition's reason and message go to status.reason/message, any other clears them.</summary>
    private void SetCondition(JsonArray conditions, string type, string status, string? reason, string? message, string now)
    {
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
        var condition = new JsonObject { ["type"] = type, ["status"] = status, ["lastProbeTime"] = now,
            ["lastTransitionTime"] = existing?["lastTransitionTime"]?.DeepClone() ?? now };
        if (reason != null) condition["reason"] = reason;
        if (message != null) condition["message"] = message;
        if (existing is null) conditions.Add(condition);
        else conditions[conditions.IndexOf(existing)] = condition;
        if (status == "False")
        {
            Status["reason"] = reason;
            Status["message"] = message;
        }
        else
        {
            // Empty strings, omitted by json:",omitempty" (api/platform/v1/types.go MachineStatus).
            Status.Remove("reason");
            Status.Remove("message");
        }
    }
}
