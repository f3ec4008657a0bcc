namespace TkeStack.Simulator;

/// <summary>The TKEStack release the simulator models (<c>--tke-version</c>, seed <c>tkeVersion</c>):
/// every rule that differs between releases asks this, and cites the tkestack/tke file and tags it
/// follows. Modelled: 1.4 (v1.4.0, same as v1.5.x), 1.6 (v1.6.0, same as v1.7.x), 1.8 (v1.8.0, same
/// as v1.8.1 and v1.9.0), 1.9 (v1.9.2, same as v1.9.1; the default).</summary>
internal sealed class TkeRelease
{
    /// <summary>The release modelled when none is named: the newest.</summary>
    public const string Newest = "1.9";

    /// <summary>The names <c>--tke-version</c> takes.</summary>
    public static readonly string[] Names = { "1.4", "1.6", "1.8", "1.9" };

    private TkeRelease(string name, string tag, int minor, int patch)
    {
        Name = name;
        Tag = tag;
        Minor = minor;
        Patch = patch;
    }

    /// <summary>1.4, 1.6, 1.8 or 1.9.</summary>
    public string Name { get; }

    /// <summary>The tkestack/tke tag whose source the rules were read from, such as v1.9.2.</summary>
    public string Tag { get; }

    /// <summary>The minor version (4, 6, 8, 9).</summary>
    public int Minor { get; }

    /// <summary>The patch version of <see cref="Tag"/>.</summary>
    public int Patch { get; }

    /// <summary>True from the given release on (1, 9, 1 for v1.9.1).</summary>
    public bool AtLeast(int minor, int patch = 0) => Minor > minor || (Minor == minor && Patch >= patch);

    /// <summary>The install steps of a Baremetal machine, in order: the condition types of
    /// tkestack/tke <c>pkg/platform/provider/baremetal/machine/provider.go</c> CreateHandlers at
    /// <see cref="Tag"/>. v1.6.0 adds EnsureInitAPIServerHost after EnsureRegistryHosts; v1.8.0
    /// replaces EnsureDocker with EnsureContainerRuntime and EnsureKubernetesImages; v1.9.1 drops
    /// EnsureDisableOffloading.</summary>
    public string[] MachineSteps => _machineSteps ??= BuildMachineSteps();

    private string[]? _machineSteps;

    private string[] BuildMachineSteps()
    {
        var steps = new List<string> { "EnsureCopyFiles", "EnsurePreInstallHook", "EnsureClean", "EnsureRegistryHosts" };
        if (AtLeast(6)) steps.Add("EnsureInitAPIServerHost");
        steps.AddRange(new[] { "EnsureKernelModule", "EnsureSysctl", "EnsureDisableSwap", "EnsureManifestDir", "EnsurePreflight",
            "EnsureNvidiaDriver", "EnsureNvidiaContainerRuntime" });
        if (AtLeast(8)) steps.AddRange(new[] { "EnsureContainerRuntime", "EnsureKubernetesImages" });
        else steps.Add("EnsureDocker");
        steps.AddRange(new[] { "EnsureKubelet", "EnsureCNIPlugins", "EnsureConntrackTools", "EnsureKubeadm",
            "EnsureJoinPhasePreflight", "EnsureJoinPhaseKubeletStart", "EnsureKubeconfig", "EnsureMarkNode", "EnsureNodeReady" });
        if (!AtLeast(9, 1)) steps.Add("EnsureDisableOffloading");
        steps.Add("EnsurePostInstallHook");
        return steps.ToArray();
    }

    /// <summary>Reads 1.4, 1.6, 1.8 or 1.9 (a leading v and a patch are taken: v1.9.2 is 1.9);
    /// null or empty is the newest.</summary>
    public static TkeRelease Parse(string? text)
    {
        var t = string.IsNullOrWhiteSpace(text) ? Newest : text.Trim().TrimStart('v', 'V');
        var parts = t.Split('.');
        var name = parts.Length >= 2 ? parts[0] + "." + parts[1] : t;
        return name switch
        {
            "1.4" => new TkeRelease("1.4", "v1.4.0", 4, 0),
            "1.6" => new TkeRelease("1.6", "v1.6.0", 6, 0),
            "1.8" => new TkeRelease("1.8", "v1.8.0", 8, 0),
            "1.9" => new TkeRelease("1.9", "v1.9.2", 9, 2),
            _ => throw new ArgumentException($"--tke-version {text} is not modelled; use one of {string.Join(", ", Names)}"),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
