<#
.SYNOPSIS
    Bulk change: 100 Deployments across 10 clusters, with 50 ms of simulator latency on every request,
    read with Get-TkeWorkload and piped to Set-TkeWorkloadImage, end to end; -ThrottleLimit 1, 8 and 16
    side by side (alternating run by run, median of -Runs).
.DESCRIPTION
    Not a test. Called by Invoke-Benchmark.ps1 (-Only Bulk), or alone after ./build.ps1:
        dotnet pwsh ./bench/Bulk.ps1 [-Runs 3] [-LatencyMs 50] [-Throttle 1,8,16]
    Each run starts from the seed again (POST /_sim/reset), so every run changes all 100 images.
    Goal: under 1.5 s end to end at the default -ThrottleLimit (8).
#>
[CmdletBinding()]
param(
    [string] $Module = (Join-Path (Split-Path $PSScriptRoot -Parent) 'out/TkeStack/TkeStack.psd1'),
    [string] $SimulatorDll = (Join-Path (Split-Path $PSScriptRoot -Parent) 'out/tkesim/TkeStack.Simulator.dll'),
    [int] $Runs = 3,
    [int] $LatencyMs = 50,
    [int[]] $Throttle = @(1, 8, 16),
    [int] $Clusters = 10,
    [int] $PerCluster = 10
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
Import-Module (Join-Path $root 'tests/Simulator.psm1') -Force
Import-Module $Module -Force

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $n = $sorted.Count
    if ($n % 2) { $sorted[[int][math]::Floor($n / 2)] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

# The seed: $Clusters clusters, each with namespace 'bench' holding $PerCluster one-container Deployments.
$names = 0..($Clusters - 1) | ForEach-Object { 'cls-bulk{0:d4}' -f $_ }
$seed = Join-Path ([IO.Path]::GetTempPath()) "tke-bulk-$([guid]::NewGuid()).json"
@{
    clusters  = @($names | ForEach-Object { @{ name = $_; namespaces = @('bench') } })
    keys      = @(@{ user = 'admin'; administrator = $true })
    workloads = @(foreach ($c in $names) {
            foreach ($i in 1..$PerCluster) {
                @{ kind = 'Deployment'; cluster = $c; namespace = 'bench'; name = "app$i"; replicas = 1; containers = @(@{ name = 'app'; image = 'nginx:1.25' }) }
            }
        })
} | ConvertTo-Json -Depth 6 | Set-Content $seed

$total = $Clusters * $PerCluster
"## Bulk: $total Deployments in $Clusters clusters, $LatencyMs ms of latency per request: Get-TkeWorkload | Set-TkeWorkloadImage"
$sim = Start-TkeSimulator -SimulatorDll $SimulatorDll -Seed $seed -ExtraArgs '--latency-ms', "$LatencyMs"
try {
    $session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
    $times = @{}; $requests = @{}; $peak = @{}
    foreach ($t in $Throttle) { $times[$t] = @() }
    for ($r = 0; $r -lt $Runs; $r++) {
        foreach ($t in $Throttle) {
            Reset-Simulator $sim
            $sw = [Diagnostics.Stopwatch]::StartNew()
            # One Get-TkeWorkload for every cluster: its lists go out together, as a user would now write it.
            $changed = Get-TkeWorkload -ClusterName $names -Namespace bench -Kind Deployment -Session $session |
                Set-TkeWorkloadImage -Container app -Image nginx:1.26 -PassThru -ThrottleLimit $t
            $sw.Stop()
            if (@($changed).Count -ne $total) { throw "throttle $t changed $(@($changed).Count) of $total workloads" }
            $stat = Get-SimStat $sim
            $times[$t] += $sw.Elapsed.TotalMilliseconds
            $requests[$t] = $stat.requests; $peak[$t] = $stat.maxInFlight
            Write-Verbose ("run {0} throttle {1}: {2:N0} ms, {3} requests, {4} at most in flight" -f $r, $t, $sw.Elapsed.TotalMilliseconds, $stat.requests, $stat.maxInFlight)
        }
    }
    foreach ($t in $Throttle) {
        '{0,-44} {1,10:N1} ms  {2} requests, at most {3} in flight (median of {4})' -f "-ThrottleLimit $t", (Get-Median $times[$t]), $requests[$t], $peak[$t], $Runs
    }
    '{0,-44} {1,10:N2}' -f 'speed-up 8 vs 1', ((Get-Median $times[$Throttle[0]]) / (Get-Median $times[$Throttle[[math]::Min(1, $Throttle.Count - 1)]]))
    $eight = if ($times.ContainsKey(8)) { Get-Median $times[8] } else { Get-Median $times[$Throttle[-1]] }
    '{0,-44} {1,10:N1} ms  goal: <= 1000 ms end to end' -f 'bulk end to end at the default (8)', $eight
    ''
}
finally {
    Stop-TkeSimulator $sim
    Remove-Item $seed -ErrorAction SilentlyContinue
}
