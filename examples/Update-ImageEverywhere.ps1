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

    Before any change it shows its plan (each workload, its current image and the new one) and asks
    once for the whole plan (ConfirmImpact High; -Force or -Confirm:$false skip the question, -WhatIf
    shows the plan and changes nothing). A workload whose current image comes from another repository
    (nginx:1.25 in one cluster, registry.example.com/shop/web in the others) is most likely another
    application with the same name: the runbook refuses the whole plan, changing nothing, unless
    -AllowRepositoryChange says the swap is meant. -Namespace narrows the search.
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
.PARAMETER AllowRepositoryChange
    Change a workload even when its current image is from another repository than the new one.
.PARAMETER Force
    Do not ask before changing (-WhatIf still only shows the plan).
.PARAMETER Wait
    Wait for each rollout before going on to the next cluster; a rollout that fails rolls everything back.
.PARAMETER TimeoutSec
    How long -Wait waits for each rollout, in seconds.
.PARAMETER Session
    The session to use; the one of the last Connect-Tke when not given.
.OUTPUTS
    TkeStack.ImageChange, one per workload changed, written once every cluster has changed.
.EXAMPLE
    ./Update-ImageEverywhere.ps1 -Name web -Namespace shop -Container app -Image registry.example.com/shop/web:1.1 -Wait

    Shows the plan (the Deployment web in the namespace shop of every cluster that has it), asks once,
    then rolls web:1.1 out to each, waiting for each rollout.
.EXAMPLE
    ./Update-ImageEverywhere.ps1 -Kind TApp -Name cart -Namespace shop -Container sidecar -Image envoyproxy/envoy:v1.29.0 -WhatIf

    Shows which TApps would change, and from which image, without changing anything.
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
[OutputType('TkeStack.ImageChange')]
param(
    [Parameter(Mandatory)] [ValidateNotNullOrEmpty()] [string] $Name,
    [Parameter(Mandatory)] [ValidateNotNullOrEmpty()] [string] $Container,
    [Parameter(Mandatory)] [ValidateNotNullOrEmpty()] [string] $Image,
    [ValidateSet('Deployment', 'StatefulSet', 'DaemonSet', 'TApp')] [string] $Kind = 'Deployment',
    [string] $Namespace,
    [switch] $Wait,
    [switch] $AllowRepositoryChange,
    [switch] $Force,
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

# The repository of an image: without its tag and digest (a port in the registry's host is kept).
function Get-Repository([string] $Reference) {
    $r = ($Reference -split '@')[0]
    $slash = $r.LastIndexOf('/')
    $colon = $r.LastIndexOf(':')
    if ($colon -gt $slash) { $r = $r.Substring(0, $colon) }
    $r
}

# The plan: each workload, its container's image now, the new one.
$plan = foreach ($w in $found) {
    $c = $w.Containers | Where-Object Name -eq $Container
    $now = if ($c) { $c.Image }
    [pscustomobject]@{
        Workload = "$($w.ClusterName)/$($w.Namespace)/$($w.Name)"
        Current  = if ($now) { $now } else { "(no container '$Container')" }
        New      = $Image
        Swap     = [bool]($now -and (Get-Repository $now) -ne (Get-Repository $Image))
    }
}
$planText = "Set the image of container '$Container' of $Kind '$Name' in $(@($plan).Count) place(s):`n" +
    (($plan | ForEach-Object { "  $($_.Workload): $($_.Current) -> $($_.New)$(if ($_.Swap) { '  (another repository)' })" }) -join "`n")
$swaps = @($plan | Where-Object Swap)
if ($swaps.Count -and -not $AllowRepositoryChange) {
    $message = "Refusing the whole plan, nothing was changed: $(($swaps | ForEach-Object { "$($_.Workload) runs $($_.Current)" }) -join '; '), " +
        "from another repository than $Image. Narrow the search with -Namespace, or give -AllowRepositoryChange if the swap is meant.`n$planText"
    $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
            [System.InvalidOperationException]::new($message), 'ImageRepositoryChange', 'InvalidOperation', $Image))
}

# Ask once, for the whole plan: -Force skips the question, never -WhatIf.
if ($Force -and -not $WhatIfPreference) { $ConfirmPreference = 'None' }
if (-not $PSCmdlet.ShouldProcess($planText, $planText + "`nGo ahead?", 'Update-ImageEverywhere')) { return }

# Set, one workload after another, keeping each change for a rollback.
$changes = [System.Collections.Generic.List[object]]::new()
try {
    foreach ($w in $found) {
        # Asked once above: no question per workload.
        $w | Set-TkeWorkloadImage @on -Container $Container -Image $Image -PassThru -Wait:$Wait -TimeoutSec $TimeoutSec -Confirm:$false -ErrorAction Stop |
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
