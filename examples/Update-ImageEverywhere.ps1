<#
.SYNOPSIS
    Rolls a new image out to a workload in every cluster that has it, and rolls every change back
    if any cluster fails.
.DESCRIPTION
    Finds the workload the way an operator would (guide 1.2, 1.3 and 2.1):
    Get-TkeCluster | Get-TkeNamespace | Get-TkeWorkload -Kind <Kind> -Name <Name>. Clusters that
    cannot be read (locked, unreachable) are reported as warnings and skipped.

    Then sets the container's image in each (guide 2.1, or 2.3 for a TApp) with -PassThru, keeping
    each TkeStack.ImageChange. When any change fails (no such container, a refused request, or with
    -Wait a rollout whose new pods cannot start), every change already made, the failed one included,
    is set back to its previous image, and the runbook stops with the first error.

    Supports -WhatIf and -Confirm: -WhatIf reads but changes nothing.
.PARAMETER Name
    The workload's name, such as web.
.PARAMETER Container
    The container whose image changes.
.PARAMETER Image
    The new image, name[:tag][@digest].
.PARAMETER Kind
    Deployment (the default), StatefulSet, DaemonSet or TApp.
.PARAMETER Namespace
    Only workloads in namespaces with this name; every namespace when not given.
.PARAMETER Wait
    Wait for each rollout before going on to the next cluster; a rollout that fails rolls everything back.
.PARAMETER TimeoutSec
    How long -Wait waits for each rollout, in seconds.
.PARAMETER Session
    The session to use; the one of the last Connect-Tke when not given.
.OUTPUTS
    TkeStack.ImageChange, one per workload changed, written once every cluster has changed.
.EXAMPLE
    ./Update-ImageEverywhere.ps1 -Name web -Container app -Image registry.example.com/shop/web:1.1 -Wait

    Rolls web:1.1 out to the Deployment web in every cluster and namespace that has it.
.EXAMPLE
    ./Update-ImageEverywhere.ps1 -Kind TApp -Name cart -Namespace shop -Container sidecar -Image envoyproxy/envoy:v1.29.0 -WhatIf

    Shows which TApps would change, and from which image, without changing anything.
#>
[CmdletBinding(SupportsShouldProcess)]
[OutputType('TkeStack.ImageChange')]
param(
    [Parameter(Mandatory)] [ValidateNotNullOrEmpty()] [string] $Name,
    [Parameter(Mandatory)] [ValidateNotNullOrEmpty()] [string] $Container,
    [Parameter(Mandatory)] [ValidateNotNullOrEmpty()] [string] $Image,
    [ValidateSet('Deployment', 'StatefulSet', 'DaemonSet', 'TApp')] [string] $Kind = 'Deployment',
    [string] $Namespace,
    [switch] $Wait,
    [ValidateRange(1, 86400)] [int] $TimeoutSec = 300,
    [TkeStack.TkeSession] $Session
)
$on = @{}
if ($Session) { $on.Session = $Session }

# Find: every cluster, every namespace, the workload where it is.
$found = @(Get-TkeCluster @on |
        Get-TkeNamespace @on -ErrorAction SilentlyContinue -ErrorVariable +readErrors |
        Where-Object { -not $Namespace -or $_.Name -eq $Namespace } |
        Get-TkeWorkload @on -Kind $Kind -Name $Name -ErrorAction SilentlyContinue -ErrorVariable +readErrors)
foreach ($e in $readErrors) {
    # A namespace without the workload is what we expect; anything else is worth a word.
    if ($e.CategoryInfo.Category -ne 'ObjectNotFound') { Write-Warning "Skipped: $($e.Exception.Message)" }
}
if ($found.Count -eq 0) {
    Write-Warning "No $Kind '$Name' in any cluster."
    return
}
Write-Verbose "Found $Kind '$Name' in: $(($found | ForEach-Object { "$($_.ClusterName)/$($_.Namespace)" }) -join ', ')"

# Set, one workload after another, keeping each change for a rollback.
$changes = [System.Collections.Generic.List[object]]::new()
try {
    foreach ($w in $found) {
        $w | Set-TkeWorkloadImage @on -Container $Container -Image $Image -PassThru -Wait:$Wait -TimeoutSec $TimeoutSec -ErrorAction Stop |
            ForEach-Object { $changes.Add($_) }
    }
}
catch {
    $failure = $_
    # A rollout that failed after its change was made names that change: roll it back too.
    if ($failure.TargetObject -is [TkeStack.ImageChange]) { $changes.Add($failure.TargetObject) }
    Write-Warning "Rolling back $($changes.Count) change(s): $($failure.Exception.Message)"
    for ($i = $changes.Count - 1; $i -ge 0; $i--) {
        $c = $changes[$i]
        $c | Set-TkeWorkloadImage @on -Image $c.PreviousImage -Confirm:$false -ErrorAction Continue
    }
    $PSCmdlet.ThrowTerminatingError($failure)
}
# All went well: the changes, which pipe back into Set-TkeWorkloadImage -Image <PreviousImage> to undo.
$changes
