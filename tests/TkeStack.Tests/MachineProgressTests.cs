using System.Text.Json;
using System.Text.Json.Nodes;
using TkeStack.Models;

namespace TkeStack.Tests;

/// <summary>The judgement of New-TkeMachine -Wait (<see cref="MachineProgress"/>) and of the install
/// position (<see cref="InstallSteps"/>), as tables of machines and what a user sees, shaped like
/// kubectl's rollout_status_test.go. The step lists are written out here from tkestack/tke
/// <c>pkg/platform/provider/baremetal/machine/provider.go</c> (CreateHandlers) at v1.4.0, v1.6.0,
/// v1.8.0 and v1.9.2, independently of the module's own lists.</summary>
public sealed class MachineProgressTests
{
    private static readonly string[] V14 =
    {
        "EnsureCopyFiles", "EnsurePreInstallHook", "EnsureClean", "EnsureRegistryHosts", "EnsureKernelModule",
        "EnsureSysctl", "EnsureDisableSwap", "EnsureManifestDir", "EnsurePreflight", "EnsureNvidiaDriver",
        "EnsureNvidiaContainerRuntime", "EnsureDocker", "EnsureKubelet", "EnsureCNIPlugins", "EnsureConntrackTools",
        "EnsureKubeadm", "EnsureJoinPhasePreflight", "EnsureJoinPhaseKubeletStart", "EnsureKubeconfig", "EnsureMarkNode",
        "EnsureNodeReady", "EnsureDisableOffloading", "EnsurePostInstallHook",
    };

    private static readonly string[] V16 =
    {
        "EnsureCopyFiles", "EnsurePreInstallHook", "EnsureClean", "EnsureRegistryHosts", "EnsureInitAPIServerHost", "EnsureKernelModule",
        "EnsureSysctl", "EnsureDisableSwap", "EnsureManifestDir", "EnsurePreflight", "EnsureNvidiaDriver",
        "EnsureNvidiaContainerRuntime", "EnsureDocker", "EnsureKubelet", "EnsureCNIPlugins", "EnsureConntrackTools",
        "EnsureKubeadm", "EnsureJoinPhasePreflight", "EnsureJoinPhaseKubeletStart", "EnsureKubeconfig", "EnsureMarkNode",
        "EnsureNodeReady", "EnsureDisableOffloading", "EnsurePostInstallHook",
    };

    private static readonly string[] V18 =
    {
        "EnsureCopyFiles", "EnsurePreInstallHook", "EnsureClean", "EnsureRegistryHosts", "EnsureInitAPIServerHost", "EnsureKernelModule",
        "EnsureSysctl", "EnsureDisableSwap", "EnsureManifestDir", "EnsurePreflight", "EnsureNvidiaDriver",
        "EnsureNvidiaContainerRuntime", "EnsureContainerRuntime", "EnsureKubernetesImages", "EnsureKubelet", "EnsureCNIPlugins", "EnsureConntrackTools",
        "EnsureKubeadm", "EnsureJoinPhasePreflight", "EnsureJoinPhaseKubeletStart", "EnsureKubeconfig", "EnsureMarkNode",
        "EnsureNodeReady", "EnsureDisableOffloading", "EnsurePostInstallHook",
    };

    private static readonly string[] V192 = V18.Where(s => s != "EnsureDisableOffloading").ToArray();

    private static string[] List(string release) => release switch
    {
        "1.4" => V14,
        "1.6" => V16,
        "1.8" => V18,
        _ => V192,
    };

    /// <summary>A machine whose first <paramref name="done"/> steps of the release are True and the
    /// next is written as <paramref name="next"/> (Unknown/Waiting, or False/FailedInit), as
    /// DelegateProvider.OnCreate leaves it.</summary>
    private static Machine At(string release, int done, string next = "Waiting", string? message = null, string phase = "Initializing", string? health = null)
    {
        var steps = List(release);
        var conditions = new JsonArray();
        for (var i = 0; i < done; i++) conditions.Add(new JsonObject { ["type"] = steps[i], ["status"] = "True" });
        if (done < steps.Length && phase == "Initializing")
        {
            conditions.Add(next == "FailedInit"
                ? new JsonObject { ["type"] = steps[done], ["status"] = "False", ["reason"] = "FailedInit", ["message"] = message }
                : new JsonObject { ["type"] = steps[done], ["status"] = "Unknown", ["reason"] = "Waiting", ["message"] = "waiting execute" });
        }
        if (health != null)
        {
            conditions.Add(health == "True"
                ? new JsonObject { ["type"] = "HealthCheck", ["status"] = "True" }
                : new JsonObject { ["type"] = "HealthCheck", ["status"] = "False", ["reason"] = "FailedHealthCheck", ["message"] = health });
        }
        var obj = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "mc-test0001" },
            ["spec"] = new JsonObject { ["clusterName"] = "cls-a1b2c3d4", ["ip"] = "10.0.0.5", ["port"] = 22 },
            ["status"] = new JsonObject { ["phase"] = phase, ["conditions"] = conditions },
        };
        return Models.Machine(obj.ToJsonString());
    }

    public static TheoryData<string, Machine, string> Pending => new()
    {
        // Nothing written yet: every release starts with EnsureCopyFiles; the count is one of 23 to 25.
        { "just created", At("1.9", 0), "EnsureCopyFiles (step 1 of 23-25)" },
        { "v1.9.2, step 4: all four lists agree so far", At("1.9", 3), "EnsureRegistryHosts (step 4 of 23-25)" },
        { "v1.4, step 5 is EnsureKernelModule: only v1.4-v1.5 has 23", At("1.4", 4), "EnsureKernelModule (step 5 of 23)" },
        { "v1.6, EnsureInitAPIServerHost at 5: 24 or 25 still possible", At("1.6", 4), "EnsureInitAPIServerHost (step 5 of 24-25)" },
        { "v1.6, EnsureDocker at 13: only v1.6-v1.7 has it with EnsureInitAPIServerHost", At("1.6", 12), "EnsureDocker (step 13 of 24)" },
        { "v1.8, EnsureContainerRuntime at 13: v1.8-v1.9.0 (25) or v1.9.1+ (24)", At("1.8", 12), "EnsureContainerRuntime (step 13 of 24-25)" },
        { "v1.8, EnsureDisableOffloading at 24: 25", At("1.8", 23), "EnsureDisableOffloading (step 24 of 25)" },
        { "v1.9.2, EnsurePostInstallHook right after EnsureNodeReady: 24", At("1.9", 23), "EnsurePostInstallHook (step 24 of 24)" },
        { "v1.4, last step", At("1.4", 22), "EnsurePostInstallHook (step 23 of 23)" },
        {
            "EnsureNodeReady timed out: TKEStack retries it into success, so the wait goes on",
            At("1.9", 22, "FailedInit", "timed out waiting for the condition"),
            "EnsureNodeReady (step 23 of 24-25): the node is not Ready yet (timed out waiting for the condition); TKEStack tries again"
        },
    };

    [Theory]
    [MemberData(nameof(Pending))]
    public void A_machine_still_installing_shows_its_step_and_never_a_wrong_count(string why, Machine m, string status)
    {
        var check = MachineProgress.Check(m);
        Assert.False(check.IsDone, why);
        Assert.Null(check.Failure);
        Assert.Equal(status, check.Status);
        Assert.InRange(check.Percent, 0, 99);
    }

    public static TheoryData<string, Machine, string, string> Failed => new()
    {
        {
            "a step that fails runs again on the same node and fails the same way",
            At("1.6", 13, "FailedInit", "kubelet: exit status 1"),
            "TkeMachineInstallFailed",
            "Machine mc-test0001 (10.0.0.5) failed at install step EnsureKubelet (14 of 24): kubelet: exit status 1. TKEStack keeps retrying the step (the phase stays Initializing)."
        },
        {
            "the same on v1.4, where EnsureKubelet is 13 of 23",
            At("1.4", 12, "FailedInit", "kubelet: exit status 1."),
            "TkeMachineInstallFailed",
            "Machine mc-test0001 (10.0.0.5) failed at install step EnsureKubelet (13 of 23): kubelet: exit status 1. TKEStack keeps retrying the step (the phase stays Initializing)."
        },
        {
            "early, before the release shows, the position has the counts still possible",
            At("1.9", 2, "FailedInit", "rm: exit status 1"),
            "TkeMachineInstallFailed",
            "Machine mc-test0001 (10.0.0.5) failed at install step EnsureClean (3 of 23-25): rm: exit status 1. TKEStack keeps retrying the step (the phase stays Initializing)."
        },
        {
            "a failed health check (reason FailedHealthCheck) after the last step",
            At("1.9", 24, phase: "Failed", health: "nodes \"10.0.0.5\" not found"),
            "TkeMachineFailed",
            "Machine mc-test0001 (10.0.0.5) joined but failed its health check: nodes \"10.0.0.5\" not found"
        },
        {
            "a machine being removed",
            At("1.9", 5, phase: "Terminating"),
            "TkeMachineTerminating",
            "Machine mc-test0001 (10.0.0.5) is being removed."
        },
    };

    [Theory]
    [MemberData(nameof(Failed))]
    public void A_failure_that_waiting_will_not_mend_stops_the_wait(string why, Machine m, string errorId, string message)
    {
        var check = MachineProgress.Check(m);
        Assert.False(check.IsDone, why);
        Assert.NotNull(check.Failure);
        Assert.Equal(errorId, check.Failure!.ErrorId);
        Assert.Equal(message, check.Failure.Message);
    }

    [Theory]
    [InlineData("1.4", 23)]
    [InlineData("1.6", 24)]
    [InlineData("1.8", 25)]
    [InlineData("1.9", 24)]
    public void A_joined_machine_is_done_with_every_step_counted(string release, int steps)
    {
        var m = At(release, steps, phase: "Running", health: "True");
        Assert.True(MachineProgress.Check(m).IsDone);
        Assert.Equal(steps, m.StepsDone);
        Assert.Equal(steps, m.StepsTotal);
        Assert.Null(m.StepInProgress);
    }

    [Theory]
    [InlineData("1.9", 3, null, 0)]
    [InlineData("1.9", 3, "v1.9.2", 24)]
    [InlineData("1.9", 3, "1.8.1", 25)]
    [InlineData("1.9", 3, "v1.9.0", 25)]
    [InlineData("1.9", 3, "v1.5.1", 23)]
    [InlineData("1.6", 4, "v1.7.0", 24)]
    // The conditions win over a release that contradicts them: EnsureInitAPIServerHost is not in v1.4.
    [InlineData("1.6", 4, "v1.4.0", 0)]
    public void The_count_comes_from_the_conditions_and_the_release_when_known(string release, int done, string? tkeVersion, int total)
    {
        var m = At(release, done);
        var position = InstallSteps.Judge(m.Conditions, m.Phase, tkeVersion);
        Assert.Equal(total, position.Total);
        Assert.Equal(done + 1, position.Number);
        Assert.Equal(List(release)[done], position.Running);
    }

    [Fact]
    public void Machine_shows_StepsTotal_0_while_the_release_cannot_be_told_and_the_count_once_it_can()
    {
        Assert.Equal(0, At("1.9", 1).StepsTotal);
        Assert.Equal(1, At("1.9", 1).StepsDone);
        Assert.Equal("EnsurePreInstallHook", At("1.9", 1).StepInProgress);
        Assert.Equal(24, At("1.6", 13).StepsTotal);
        Assert.Equal(23, At("1.4", 5).StepsTotal);
    }
}
