<#
.SYNOPSIS
    Adds nodes (three, in the guide's task) to a cluster and waits until they have joined.
.DESCRIPTION
    Guide 3.1: one Machine per IP address with New-TkeMachine, then -Wait until each is Running,
    showing each install step as progress. IP addresses that are already machines of the cluster
    are skipped with a warning, so the runbook can be run again after a partial failure.

    The SSH credentials come from a PSCredential (user root, as TKEStack requires); the password
    goes to TKEStack only, base64-encoded as the guide sends it, and never into output or logs.
.PARAMETER ClusterName
    The cluster id (cls-xxxxxxxx) of a cluster TKEStack created.
.PARAMETER IP
    The nodes' IP addresses.
.PARAMETER Credential
    The nodes' SSH user (root) and password.
.PARAMETER Port
    The nodes' SSH port.
.PARAMETER TimeoutSec
    How long to wait for all the nodes together, in seconds.
.PARAMETER Session
    The session to use; the one of the last Connect-Tke when not given.
.OUTPUTS
    TkeStack.Machine, one per node added, Running.
.EXAMPLE
    ./Add-Nodes.ps1 -ClusterName cls-a1b2c3d4 -IP 10.0.0.21, 10.0.0.22, 10.0.0.23 -Credential (Get-Credential root)

    Adds three nodes and waits until they have joined.
.EXAMPLE
    ./Add-Nodes.ps1 -ClusterName cls-a1b2c3d4 -IP (Get-Content nodes.txt) -Credential $cred -TimeoutSec 3600 -WhatIf

    Shows the machines it would create, sending nothing.
#>
[CmdletBinding(SupportsShouldProcess)]
[OutputType('TkeStack.Machine')]
param(
    [Parameter(Mandatory)] [ValidateNotNullOrEmpty()] [string] $ClusterName,
    [Parameter(Mandatory)] [ValidateCount(1, 100)] [string[]] $IP,
    [Parameter(Mandatory)] [System.Management.Automation.Credential()] [pscredential] $Credential,
    [ValidateRange(1, 65535)] [int] $Port = 22,
    [ValidateRange(1, 86400)] [int] $TimeoutSec = 1800,
    [TkeStack.TkeSession] $Session
)
$on = @{}
if ($Session) { $on.Session = $Session }

$existing = @(Get-TkeMachine @on -ClusterName $ClusterName -ErrorAction Stop)
$new = foreach ($address in $IP) {
    $m = $existing | Where-Object IP -eq $address | Select-Object -First 1
    if ($m) { Write-Warning "$address is already machine $($m.Name) of $ClusterName ($($m.Phase)); skipped." }
    else { $address }
}
if (-not $new) { return }
$new | New-TkeMachine @on -ClusterName $ClusterName -Port $Port -Credential $Credential -Wait -TimeoutSec $TimeoutSec
