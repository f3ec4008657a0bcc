# Helpers shared by the reliability test files, dot-sourced in their BeforeAll so the functions live
# in the test file's own session state (the scriptblocks of -ForEach cases resolve their variables there).

# A session with quick retries, so faults play out in well under a second. Uses the file's $sim.
function script:Connect-Quick([hashtable] $Extra = @{}) {
    Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -RetryIntervalSec 0.05 @Extra
}

# Runs a command, returning its output, its errors (terminating or not; Error is the first) and what
# -Verbose said.
function script:Invoke-Captured([scriptblock] $Command) {
    $errors = [System.Collections.Generic.List[object]]::new()
    $verbose = [System.Collections.Generic.List[string]]::new()
    $output = [System.Collections.Generic.List[object]]::new()
    try {
        & $Command *>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) }
            elseif ($_ -is [System.Management.Automation.VerboseRecord]) { $verbose.Add($_.Message) }
            elseif ($_ -isnot [System.Management.Automation.InformationalRecord]) { $output.Add($_) }
        }
    }
    catch { $errors.Add($_) }
    [pscustomobject]@{ Output = $output.ToArray(); Error = $errors | Select-Object -First 1; Errors = $errors.ToArray(); Verbose = $verbose -join "`n" }
}
