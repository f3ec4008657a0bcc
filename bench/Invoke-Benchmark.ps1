<#
.SYNOPSIS
    Measures TkeStack against what the guide's readers write (Invoke-RestMethod) and against a raw
    HttpClient + JsonDocument floor, side by side in one run, and prints ratios.
.DESCRIPTION
    Not a test: nothing here is asserted or run in CI. Build first (./build.ps1), then:
        dotnet pwsh ./bench/Invoke-Benchmark.ps1 [-Clusters 5000] [-Runs 7] [-Only Import,BigList,OneCall,Memory,Bulk]
    Each measurement alternates the contenders run by run, so a machine that slows down mid-run
    slows all of them alike; the figure reported is the median.
#>
[CmdletBinding()]
param(
    [int] $Clusters = 5000,
    [int] $Runs = 7,
    [int] $OneCallIterations = 200,
    [ValidateSet('Import', 'BigList', 'OneCall', 'Memory', 'Bulk')]
    [string[]] $Only = @('Import', 'BigList', 'OneCall', 'Memory', 'Bulk')
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$module = Join-Path $root 'out/TkeStack/TkeStack.psd1'
$simDll = Join-Path $root 'out/tkesim/TkeStack.Simulator.dll'
if (-not (Test-Path $module)) { throw "Build first: dotnet pwsh ./build.ps1" }
Import-Module (Join-Path $root 'tests/Simulator.psm1') -Force
# pwsh itself, or (when it runs as a .NET tool: `dotnet pwsh`) dotnet with pwsh.dll.
$pwsh = [Environment]::ProcessPath
$pwshArgs = @()
if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $pwshArgs = @(Join-Path $PSHOME 'pwsh.dll') }

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $n = $sorted.Count
    if ($n % 2) { $sorted[[int][math]::Floor($n / 2)] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

function Measure-Ms([scriptblock] $Block) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    & $Block | Out-Null
    $sw.Elapsed.TotalMilliseconds
}

function Write-Row([string] $Name, [double] $Ms, [string] $Note = '') {
    '{0,-44} {1,10:N1} ms  {2}' -f $Name, $Ms, $Note
}

$load = if (Test-Path /proc/loadavg) { "  load average $((Get-Content /proc/loadavg) -split ' ' | Select-Object -First 3)" }
"TkeStack benchmarks  $(Get-Date -Format 'yyyy-MM-dd HH:mm')  PowerShell $($PSVersionTable.PSVersion)  $([Runtime.InteropServices.RuntimeInformation]::OSDescription)  $([Environment]::ProcessorCount) cores$load"
''

if ('Import' -in $Only) {
    '## Import: pwsh -NoProfile -c "Import-Module out/TkeStack" against pwsh -NoProfile -c "1"'
    $with = @(); $without = @()
    for ($i = 0; $i -lt $Runs; $i++) {
        $without += Measure-Ms { & $pwsh @pwshArgs -NoProfile -NonInteractive -c '1' }
        $with += Measure-Ms { & $pwsh @pwshArgs -NoProfile -NonInteractive -c "Import-Module '$module'" }
    }
    # The same, timed inside the process (no process start in the figure): Import-Module alone.
    $inside = for ($i = 0; $i -lt $Runs; $i++) {
        [double](& $pwsh @pwshArgs -NoProfile -NonInteractive -c "`$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$module'; `$w.Elapsed.TotalMilliseconds" | Select-Object -Last 1)
    }
    # PowerShell's module machinery warms up on the first import of any module: import an empty
    # module first, then TkeStack, to see TkeStack's own share.
    $empty = Join-Path ([IO.Path]::GetTempPath()) "tke-empty-$([guid]::NewGuid())"
    $null = New-Item -ItemType Directory $empty
    "@{ ModuleVersion = '1.0'; RootModule = 'e.psm1'; FunctionsToExport = @(); CmdletsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }" | Set-Content (Join-Path $empty 'e.psd1')
    '' | Set-Content (Join-Path $empty 'e.psm1')
    $own = for ($i = 0; $i -lt $Runs; $i++) {
        [double](& $pwsh @pwshArgs -NoProfile -NonInteractive -c "Import-Module '$empty/e.psd1'; `$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$module'; `$w.Elapsed.TotalMilliseconds" | Select-Object -Last 1)
    }
    Remove-Item $empty -Recurse
    $a = Get-Median $with; $b = Get-Median $without
    Write-Row 'pwsh -c 1 (median)' $b
    Write-Row 'pwsh -c Import-Module (median)' $a
    Write-Row 'import cost (difference of medians)' ($a - $b) 'goal: < 100 ms'
    Write-Row 'Import-Module timed in the process (median)' (Get-Median $inside) 'goal: < 100 ms'
    Write-Row 'the same after an empty module (TkeStack''s own)' (Get-Median $own)
    ''
}

$seed = Join-Path ([IO.Path]::GetTempPath()) "tke-bench-$([guid]::NewGuid()).json"
@{ generateClusters = $Clusters; keys = @(@{ user = 'admin'; administrator = $true }) } | ConvertTo-Json -Depth 4 | Set-Content $seed
$sim = Start-TkeSimulator -SimulatorDll $simDll -Seed $seed
try {
    Import-Module $module -Force
    $session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
    $listUrl = "$($sim.Url)/platform/apis/platform.tkestack.io/v1/clusters"
    $headers = @{ Authorization = "Bearer $($sim.AdminTokenText)" }
    $floor = [System.Net.Http.HttpClient]::new()
    $floor.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $sim.AdminTokenText)

    if ('BigList' -in $Only) {
        "## Big list: $Clusters clusters, every object consumed in a loop"
        $m = @(); $fe = @(); $irm = @(); $raw = @()
        # Run -1 warms up (JIT, connections) and is not counted.
        for ($i = -1; $i -lt $Runs; $i++) {
            if ($i -eq 0) { $m = @(); $fe = @(); $irm = @(); $raw = @() }
            $m += Measure-Ms { $n = 0; Get-TkeCluster -Session $session | ForEach-Object { $n++ } }
            $fe += Measure-Ms { $n = 0; foreach ($c in Get-TkeCluster -Session $session) { $n++ } }
            $irm += Measure-Ms { $n = 0; (Invoke-RestMethod $listUrl -Headers $headers).items | ForEach-Object { $n++ } }
            # The floor: one request for the whole list, a JsonDocument, and a PowerShell foreach over the items.
            $raw += Measure-Ms {
                $stream = $floor.GetStreamAsync($listUrl).GetAwaiter().GetResult()
                $doc = [System.Text.Json.JsonDocument]::Parse($stream)
                $n = 0; foreach ($item in $doc.RootElement.GetProperty('items').EnumerateArray()) { $n++ }
                $doc.Dispose(); $stream.Dispose()
            }
        }
        $mm = Get-Median $m; $fm = Get-Median $fe; $im = Get-Median $irm; $rm = Get-Median $raw
        Write-Row 'Get-TkeCluster | ForEach-Object' $mm
        Write-Row 'foreach ($c in Get-TkeCluster)' $fm
        Write-Row '(Invoke-RestMethod).items | ForEach-Object' $im
        Write-Row 'floor: HttpClient + JsonDocument + foreach' $rm
        Write-Row 'module | ForEach-Object / Invoke-RestMethod' 0 ('ratio {0:N2}  (goal <= 0.25)' -f ($mm / $im))
        Write-Row 'module foreach / floor (both a foreach)' 0 ('ratio {0:N2}  (goal <= 1.5)' -f ($fm / $rm))
        Write-Row 'module | ForEach-Object / floor' 0 ('ratio {0:N2}' -f ($mm / $rm))
        ''
    }

    if ('OneCall' -in $Only) {
        "## One call: Get-TkeCluster -Name X against Invoke-RestMethod on the same URL ($OneCallIterations calls per run)"
        $one = "$listUrl/cls-g0000042"
        $m = @(); $irm = @()
        for ($i = -1; $i -lt $Runs; $i++) {
            if ($i -eq 0) { $m = @(); $irm = @() }
            $m += Measure-Ms { for ($j = 0; $j -lt $OneCallIterations; $j++) { $null = Get-TkeCluster -Name cls-g0000042 -Session $session } }
            $irm += Measure-Ms { for ($j = 0; $j -lt $OneCallIterations; $j++) { $null = Invoke-RestMethod $one -Headers $headers } }
        }
        $mm = (Get-Median $m) / $OneCallIterations; $im = (Get-Median $irm) / $OneCallIterations
        Write-Row 'Get-TkeCluster -Name (per call)' $mm
        Write-Row 'Invoke-RestMethod (per call)' $im
        Write-Row 'module / Invoke-RestMethod' 0 ('ratio {0:N2}  (goal <= 1.0)' -f ($mm / $im))
        ''
    }
}
finally {
    Stop-TkeSimulator $sim
    Remove-Item $seed -ErrorAction SilentlyContinue
}

if ('Memory' -in $Only) {
    '## Peak working set while listing (each in a fresh process)'
    $peaks = @{}
    # The default page (500) against the whole list in one answer (-PageSize 0, as the guide's curl).
    foreach ($case in @(5000, 500), @(50000, 500), @(50000, 0)) {
        $count, $pageSize = $case
        $seed = Join-Path ([IO.Path]::GetTempPath()) "tke-bench-$([guid]::NewGuid()).json"
        @{ generateClusters = $count; keys = @(@{ user = 'admin'; administrator = $true }) } | ConvertTo-Json -Depth 4 | Set-Content $seed
        $sim = Start-TkeSimulator -SimulatorDll $simDll -Seed $seed
        try {
            $script = @"
Import-Module '$module'
`$null = Connect-Tke -Uri '$($sim.Url)' -Token (ConvertTo-SecureString '$($sim.AdminTokenText)' -AsPlainText -Force) -PageSize $pageSize
[GC]::Collect(); `$before = [Diagnostics.Process]::GetCurrentProcess().WorkingSet64
`$n = 0; Get-TkeCluster | ForEach-Object { `$n++ }
`$p = [Diagnostics.Process]::GetCurrentProcess(); `$p.Refresh()
'{0} {1} {2}' -f `$n, `$before, `$p.PeakWorkingSet64
"@
            $out = & $pwsh @pwshArgs -NoProfile -NonInteractive -c $script
            $n, $before, $peak = ($out | Select-Object -Last 1) -split ' '
            Write-Row "Get-TkeCluster, $count clusters, -PageSize $pageSize" 0 ('{0} read, working set before {1:N0} MB, peak {2:N0} MB' -f $n, ($before / 1MB), ($peak / 1MB))
            $peaks["$count/$pageSize"] = [double]$peak
        }
        finally {
            Stop-TkeSimulator $sim
            Remove-Item $seed -ErrorAction SilentlyContinue
        }
    }
    if ($peaks['50000/500'] -and $peaks['5000/500']) {
        Write-Row '50,000 minus 5,000, pages of 500' 0 ('{0:N0} MB  (goal <= 30 MB)' -f (($peaks['50000/500'] - $peaks['5000/500']) / 1MB))
    }
    ''
}

if ('Bulk' -in $Only) {
    if (-not (Get-Command Set-TkeWorkloadImage -Module TkeStack -ErrorAction SilentlyContinue)) {
        '## Bulk: skipped (Set-TkeWorkloadImage is not in this build)'
    }
    else {
        & (Join-Path $PSScriptRoot 'Bulk.ps1') -Module $module -SimulatorDll $simDll
    }
}
