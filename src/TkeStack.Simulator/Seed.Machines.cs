namespace TkeStack.Simulator;

/// <summary>The machines part of the seed: machines already there, what the simulated SSH check
/// finds on each host, and how fast the simulated machine controller works (so tests run in seconds).</summary>
internal sealed partial class Seed
{
    /// <summary>Machines already joined (phase Running) when the simulator starts.</summary>
    public List<SeedMachine> Machines { get; set; } = new();

    /// <summary>Hosts the simulated SSH check knows something about; any other IP is reachable,
    /// takes any password for root, and installs cleanly.</summary>
    public List<SeedMachineHost> MachineHosts { get; set; } = new()
    {
        new SeedMachineHost { Ip = "10.0.0.250", Unreachable = true },
        // EnsureKubelet: a step every modelled release has (EnsureDocker is gone from v1.8.0).
        new SeedMachineHost { Ip = "10.0.0.251", FailAtStep = "EnsureKubelet", FailMessage = "install kubelet: yum install -y kubelet: exit status 1" },
    };

    /// <summary>Seconds each install step takes (a real join takes minutes).</summary>
    public double MachineStepSeconds { get; set; } = 0.2;

    /// <summary>When above 0, an install step completes every this many reads of the machine instead of by time.</summary>
    public int MachineStepPolls { get; set; }

    /// <summary>Seconds the controller takes to remove the node after the first DELETE.</summary>
    public double MachineDeleteSeconds { get; set; } = 1;

    /// <summary>When above 0, the machine is gone after this many reads (GET or DELETE) following the first DELETE.</summary>
    public int MachineDeletePolls { get; set; }
}

internal sealed class SeedMachine
{
    public string Name { get; set; } = "";
    public string ClusterName { get; set; } = "";
    public string Ip { get; set; } = "";
    public int Port { get; set; } = 22;
    public string TenantId { get; set; } = "default";
}

/// <summary>What the simulated SSH check and install find on one host.</summary>
internal sealed class SeedMachineHost
{
    public string Ip { get; set; } = "";

    /// <summary>The SSH port does not answer: POST answers 422.</summary>
    public bool Unreachable { get; set; }

    /// <summary>The only password that works (plain text); any other answers 422. Any password works when null.</summary>
    public string? Password { get; set; }

    /// <summary>The install step (condition type) that fails, turning False with reason FailedInit.</summary>
    public string? FailAtStep { get; set; }

    /// <summary>The failing step's error message.</summary>
    public string? FailMessage { get; set; }

    /// <summary>How many times EnsureNodeReady times out (five minutes each in TKEStack) before the
    /// node is Ready and the retried step succeeds.</summary>
    public int NodeReadyTimeouts { get; set; }

    /// <summary>The node never becomes Ready once joined: phase Failed with a False HealthCheck.</summary>
    public bool HealthCheckFails { get; set; }

    /// <summary>A POST for this IP answers this HTTP status (503, for example) and creates nothing.</summary>
    public int? PostAnswers { get; set; }

    /// <summary>A POST for this IP creates the machine, then drops the connection without an answer.</summary>
    public bool PostDropsConnection { get; set; }
}
