using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TkeStack.Commands;

namespace TkeStack.Tests;

/// <summary>The module hosted in-process (Microsoft.PowerShell.SDK): a fresh runspace with TkeStack
/// imported, a script run with <c>$Uri</c> and <c>$Token</c> of a simulator bound, and what a user
/// would see: output objects, error records, streams, and text rendered at a width.</summary>
internal static class ModuleHost
{
    /// <summary>A PowerShell with the module imported and the script added, not yet run.</summary>
    public static PowerShell Create(SimulatorFixture sim, string script, IDictionary<string, object?>? parameters = null)
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(typeof(GetTkeClusterCommand).Assembly.Location);
        var ps = PowerShell.Create(iss);
        ps.AddScript(script).AddParameter("Uri", sim.Host.Url).AddParameter("Token", Api.SecureText.FromPlain(sim.AdminToken));
        foreach (var (name, value) in parameters ?? new Dictionary<string, object?>()) ps.AddParameter(name, value);
        return ps;
    }

    /// <summary>Runs a script after <c>Connect-Tke -Uri $Uri -Token $Token</c>; its output and errors.</summary>
    public static Collection<PSObject> Invoke(SimulatorFixture sim, string script, out List<ErrorRecord> errors)
    {
        using var ps = Create(sim, "param($Uri, $Token) $null = Connect-Tke -Uri $Uri -Token $Token\n" + script);
        var result = ps.Invoke();
        errors = ps.Streams.Error.ToList();
        if (ps.InvocationStateInfo.Reason is { } reason) throw reason;
        return result;
    }
}
