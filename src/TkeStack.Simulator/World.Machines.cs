using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>The machines of the world and a simulated machine controller. Progress is computed
/// when a machine is read (by time or by reads, as the seed says), one step at a time, as
/// tkestack/tke <c>pkg/platform/controller/machine/machine_controller.go</c> (onCreate) and
/// <c>pkg/platform/provider/machine/interface.go</c> (DelegateProvider.OnCreate) advance it.</summary>
internal sealed partial class World
{
    /// <summary>The install steps of a Baremetal machine in TKEStack v1.4, in order (tkestack/tke
    /// <c>pkg/platform/provider/baremetal/machine/provider.go</c> CreateHandlers).</summary>
    public static readonly string[] MachineSteps =
    {
        "EnsureCopyFiles", "EnsurePreInstallHook", "EnsureClean", "EnsureRegistryHosts", "EnsureKernelModule",
        "EnsureSysctl", "EnsureDisableSwap", "EnsureManifestDir", "EnsurePreflight", "EnsureNvidiaDriver",
        "EnsureNvidiaContainerRuntime", "EnsureDocker", "EnsureKubelet", "EnsureCNIPlugins", "EnsureConntrackTools",
        "EnsureKubeadm", "EnsureJoinPhasePreflight", "EnsureJoinPhaseKubeletStart", "EnsureKubeconfig", "EnsureMarkNode",
        "EnsureNodeReady", "EnsureDisableOffloading", "EnsurePostInstallHook",
    };

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
            for (var i = 0; i < MachineSteps.Length; i++) record.ApplyStep(this);
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
        while (m.StepsApplied < due && m.ApplyStep(this))
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
        var steps = World.MachineSteps;
        var current = steps[StepsApplied];
        var conditions = Status["conditions"] as JsonArray ?? new JsonArray();
        Status["conditions"] = conditions;
        var now = World.Now();
        if (Host?.FailAtStep == current)
        {
            // DelegateProvider.OnCreate: the failed handler's condition turns False with reason
            // FailedInit; the controller copies it to status.reason/message and keeps the phase
            // Initializing, retrying forever (tkestack/tke#1769, #660).
            var message = Host.FailMessage ?? $"{current} failed";
            SetCondition(conditions, current, "False", "FailedInit", message, now);
            Status["reason"] = "FailedInit";
            Status["message"] = message;
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
            // After the last step: Running, then the health check (controller/machine/health.go)
            // reads the node and fills machineInfo from its nodeInfo, or marks the machine Failed.
            if (Host?.HealthCheckFails == true)
            {
                var message = $"nodes \"{Ip}\" not found";
                Status["phase"] = "Failed";
                Status["reason"] = "HealthCheckFail";
                Status["message"] = message;
                SetCondition(conditions, "HealthCheck", "False", "HealthCheckFail", message, now);
            }
            else
            {
                Status["phase"] = "Running";
                SetCondition(conditions, "HealthCheck", "True", null, null, now);
                Status["machineInfo"] = new JsonObject
                {
                    ["machineID"] = Guid.NewGuid().ToString("N"),
                    ["systemUUID"] = Guid.NewGuid().ToString().ToUpperInvariant(),
                    ["bootID"] = Guid.NewGuid().ToString(),
                    ["kernelVersion"] = "3.10.0-1127.el7.x86_64",
                    ["osImage"] = "CentOS Linux 7 (Core)",
                    ["containerRuntimeVersion"] = "docker://19.3.13",
                    ["kubeletVersion"] = "v1.20.4",
                    ["kubeProxyVersion"] = "v1.20.4",
                    ["operatingSystem"] = "linux",
                    ["architecture"] = "amd64",
                };
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

    private static void SetCondition(JsonArray conditions, string type, string status, string? reason, string? message, string now)
    {
        // addOrUpdateCondition / SetCondition: update in place when the type is there, else append.
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
        var condition = existing ?? new JsonObject { ["type"] = type };
        var changed = (string?)condition["status"] != status;
        condition["status"] = status;
        condition["lastProbeTime"] = now;
        if (changed || condition["lastTransitionTime"] is null) condition["lastTransitionTime"] = now;
        if (reason is null) condition.Remove("reason"); else condition["reason"] = reason;
        if (message is null) condition.Remove("message"); else condition["message"] = message;
        if (existing is null) conditions.Add(condition);
    }
}
