<#
.SYNOPSIS
    Why is a rollout stuck: for each pod of a workload that is not running, its status, the reason
    its container waits or ended, its latest warnings and the last lines of the failing container's log.
.DESCRIPTION
    Reads the workload (Get-TkeWorkload), its pods (Get-TkePod), each troubled pod's events
    (Get-TkeEvent) and the log of its failing container (Get-TkePodLog; the previous run's log when
    the container crashed and restarts). A container that never started (ImagePullBackOff) has no
    log: the events say why. Writes one object per troubled pod; nothing when every pod runs.
.PARAMETER ClusterName
    The cluster id (cls-xxxxxxxx).
.PARAMETER Namespace
    The namespace.
.PARAMETER Kind
    Deployment, StatefulSet, DaemonSet or TApp.
.PARAMETER Name
    The workload's name.
.PARAMETER Tail
    How many log lines to keep; 20 by default.
.PARAMETER Session
    The session to use; the one of the last Connect-Tke when not given.
.OUTPUTS
    TkeStack.Example.StuckPod: Pod, Status, Container, Reason, Warnings, Log.
.EXAMPLE
    ./Find-StuckRollout.ps1 -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web

    The pods of web that do not run, and why.
.EXAMPLE
    ./Find-StuckRollout.ps1 -ClusterName cls-a1b2c3d4 -Namespace shop -Kind StatefulSet -Name db | Format-List

    Every detail, each pod's log lines included.
#>
[CmdletBinding()]
[OutputType('TkeStack.Example.StuckPod')]
param(
    [Parameter(Mandatory)] [string] $ClusterName,
    [Parameter(Mandatory)] [string] $Namespace,
    [Parameter(Mandatory)] [string] $Kind,
    [Parameter(Mandatory)] [string] $Name,
    [ValidateRange(1, 10000)] [int] $Tail = 20,
    [TkeStack.TkeSession] $Session
)
$ErrorActionPreference = 'Stop'
$on = @{}
if ($Session) { $on.Session = $Session }

$workload = Get-TkeWorkload -ClusterName $ClusterName -Namespace $Namespace -Kind $Kind -Name $Name @on
foreach ($pod in $workload | Get-TkePod @on | Where-Object { $_.Status -ne 'Running' -or $_.ReadyContainers -lt $_.Containers.Count }) {
    $failing = $pod.Containers | Where-Object { -not $_.Ready } | Select-Object -First 1
    $warnings = @($pod | Get-TkeEvent -Type Warning @on | Select-Object -Last 5 | ForEach-Object { "$($_.Reason): $($_.Message)" })
    $log = @()
    if ($failing -and ($failing.State -ne 'Waiting' -or $failing.Reason -eq 'CrashLoopBackOff')) {
        # A crashing container restarts: its previous run has the lines that tell why it ended.
        $previous = $failing.Reason -eq 'CrashLoopBackOff'
        $log = @($pod | Get-TkePodLog -Container $failing.Name -Previous:$previous -Tail $Tail @on)
    }
    [pscustomobject]@{
        PSTypeName = 'TkeStack.Example.StuckPod'
        Pod        = $pod.Name
        Status     = $pod.Status
        Container  = $failing.Name
        Reason     = $failing.Reason
        Warnings   = $warnings
        Log        = $log
    }
}
