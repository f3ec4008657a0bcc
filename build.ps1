#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests and demonstrates the TkeStack module.
.DESCRIPTION
    Build  assembles the importable module in out/TkeStack (and the simulator in out/tkesim).
    Test   builds and packages, runs the xunit tests, then the Pester tests against out/TkeStack, and ends with
           one line "N passed, N failed" summing both; any failure exits non-zero. -Path runs only the
           Pester files (or folders) given, and xunit only when tests/TkeStack.Tests is among them;
           -Tag runs only the Pester tests with those tags; -XunitFilter passes a dotnet test filter.
           The families of the cmdlets that call TKEStack (clusters, workloads, pods, machines, projects)
           run twice: against the simulator as the guide's console, then as an open-source TKEStack's
           gateway ($env:TKESIM_GATEWAY = 'open-source'); -Gateway runs one of the two only.
    Package  builds, then writes to out/packages a PowerShell Gallery-ready TkeStack.<version>.nupkg
           (Publish-PSResource to a local file repository) and the simulator as the dotnet tool
           tkesim.<version>.nupkg.
    Demo   builds, starts the simulator on a free loopback port, imports the module from out/,
           connects and runs examples/Demo.ps1, then stops the simulator.
    Clean  removes out/ and the projects' bin/obj folders.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -Path tests/Machine.Tests.ps1
    One family alone: builds (no package), runs that Pester file only, and ends with the same summary line.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -Path tests/TkeStack.Tests -XunitFilter 'FullyQualifiedName~Patch'
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Test: only these Pester files or folders (tests/TkeStack.Tests means the xunit project).
    [string[]] $Path,
    # Test: only the Pester tests with one of these tags.
    [string[]] $Tag,
    # Test: a dotnet test --filter expression for the xunit project.
    [string] $XunitFilter,
    # Test: the dialect families run in: both (the default), console only, or open-source only.
    [ValidateSet('both', 'console', 'open-source')]
    [string] $Gateway = 'both'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'TkeStack'
$simOut = Join-Path $out 'tkesim'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE" }
}

function Invoke-Build {
    Invoke-Native 'dotnet build' { dotnet build (Join-Path $root 'TkeStack.sln') -c $Configuration -nologo -clp:ErrorsOnly }
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    if (Test-Path $simOut) { Remove-Item $simOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Force -Path $moduleOut, (Join-Path $moduleOut 'netfx'), $simOut

    $bin = Join-Path $root "src/TkeStack/bin/$Configuration/netstandard2.0"
    Copy-Item (Join-Path $root 'TkeStack.psd1'), (Join-Path $root 'TkeStack.Types.ps1xml') $moduleOut
    Copy-Item (Join-Path $root '*.Format.ps1xml') $moduleOut
    Copy-Item (Join-Path $bin 'TkeStack.dll') $moduleOut
    # PowerShell 7 carries System.Text.Json and its dependencies; Windows PowerShell 5.1 does not, so
    # they go into netfx/, where the module's initializer resolves them on .NET Framework only.
    Get-ChildItem $bin -Filter *.dll | Where-Object Name -ne 'TkeStack.dll' | Copy-Item -Destination (Join-Path $moduleOut 'netfx')

    Copy-Item (Join-Path $root "src/TkeStack.Simulator/bin/$Configuration/net10.0/*") $simOut -Recurse

    # The runbooks go with the module (and its package), in Examples/ beside the manifest.
    $null = New-Item -ItemType Directory -Force -Path (Join-Path $moduleOut 'Examples')
    Copy-Item (Join-Path $root 'examples/*.ps1') (Join-Path $moduleOut 'Examples')

    # Help: docs/*.md (platyPS layout) to MAML and about_ topics, so Get-Help works offline.
    & (Join-Path $root 'tools/New-MamlHelp.ps1') -DocsPath (Join-Path $root 'docs') -OutputPath (Join-Path $moduleOut 'en-US')
    Write-Host "Module: $moduleOut" -ForegroundColor Green
}

function Invoke-Package {
    Invoke-Build
    $packages = Join-Path $out 'packages'
    if (Test-Path $packages) { Remove-Item $packages -Recurse -Force }
    $null = New-Item -ItemType Directory -Force -Path $packages

    # The module, as the Gallery would get it: PSResourceGet publishes to a folder repository
    # offline, checking the manifest (version, licence, project URI, tags, release notes) as it goes.
    $manifest = Test-ModuleManifest (Join-Path $moduleOut 'TkeStack.psd1')
    foreach ($field in 'LicenseUri', 'ProjectUri', 'Tags', 'ReleaseNotes') {
        if (-not $manifest.PrivateData.PSData[$field]) { throw "TkeStack.psd1 has no PrivateData.PSData.$field; the Gallery wants it." }
    }
    Import-Module Microsoft.PowerShell.PSResourceGet
    $repo = 'TkeStackBuild-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    Register-PSResourceRepository -Name $repo -Uri $packages -Trusted
    try {
        Publish-PSResource -Path $moduleOut -Repository $repo
    }
    finally {
        Unregister-PSResourceRepository -Name $repo
    }

    # The simulator, as the dotnet tool tkesim.
    Invoke-Native 'dotnet pack' { dotnet pack (Join-Path $root 'src/TkeStack.Simulator/TkeStack.Simulator.csproj') -c $Configuration --no-build -nologo -o $packages -clp:ErrorsOnly }
    foreach ($id in 'TkeStack', 'tkesim') {
        $nupkg = Get-ChildItem $packages -Filter "$id.*.nupkg"
        if (-not $nupkg) { throw "No $id package in $packages." }
        Write-Host "Package: $($nupkg.FullName)" -ForegroundColor Green
    }
}

function Import-Pester {
    Invoke-Native 'restoring test tools' { dotnet restore (Join-Path $root 'tests/tools.csproj') -nologo -v q }
    $nuget = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    Import-Module (Join-Path $nuget 'pester/6.2.0/tools/Pester.psd1') -Force
}

function Invoke-Test {
    $xunitDir = Join-Path $root 'tests/TkeStack.Tests'
    $pesterPaths = @(Join-Path $root 'tests')
    $runXunit = $true
    if ($Path) {
        # From a shell (pwsh -File) a list comes as one string: split it at the commas.
        $full = @($Path | ForEach-Object { $_ -split ',' } | Where-Object { $_ } | ForEach-Object { (Resolve-Path $_ -ErrorAction Stop).Path.TrimEnd('/', '\') })
        $runXunit = $full -contains $xunitDir
        $pesterPaths = @($full | Where-Object { $_ -ne $xunitDir })
    }
    # Packages too when Package.Tests.ps1 may run: it installs the module and the simulator tool from them.
    $needsPackage = -not $Path -or @($pesterPaths | Where-Object { $_ -notlike '*.Tests.ps1' -or $_ -like '*Package.Tests.ps1' }).Count -gt 0
    if ($needsPackage) { Invoke-Package } else { Invoke-Build }
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }

    # xunit: the simulator, the client and the cmdlets hosted in-process.
    $xPassed = 0; $xFailed = 0; $xunitExit = 0
    if ($runXunit) {
        $filter = if ($XunitFilter) { @('--filter', $XunitFilter) } else { @() }
        dotnet test (Join-Path $xunitDir 'TkeStack.Tests.csproj') -c $Configuration --no-build -nologo @filter `
            --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=normal' --results-directory $results
        $xunitExit = $LASTEXITCODE
    }
    $trx = Join-Path $results 'xunit.trx'
    if ($runXunit -and (Test-Path $trx)) {
        $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
        $xPassed = [int]$counters.passed
        $xFailed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    if ($xunitExit -ne 0 -and $xFailed -eq 0) { $xFailed = 1 }

    # Pester: the built module, as users use it, against simulators the tests start.
    Import-Pester
    $env:TKESTACK_MODULE = Join-Path $moduleOut 'TkeStack.psd1'
    $env:TKESIM_DLL = Join-Path $simOut 'TkeStack.Simulator.dll'
    # The families that call TKEStack run in both dialects (issue #14): the second time every simulator
    # they start is an open-source gateway, and the module must find that and speak it.
    $dialectFamilies = 'Cluster', 'Workload', 'WorkloadOps', 'Pod', 'Machine', 'Project', 'Throttle', 'Completion' |
        ForEach-Object { Join-Path $root "tests/$_.Tests.ps1" }
    $runs = @()
    if ($Gateway -ne 'open-source') { $runs += @{ Gateway = 'console'; Paths = $pesterPaths } }
    if ($Gateway -ne 'console') {
        $twice = @($dialectFamilies | Where-Object { $f = $_; @($pesterPaths | Where-Object { $f -eq $_ -or $f.StartsWith($_ + [IO.Path]::DirectorySeparatorChar) }).Count -gt 0 })
        if ($twice.Count -gt 0) { $runs += @{ Gateway = 'open-source'; Paths = $twice } }
    }
    # Tests see PowerShell's own default, not this script's 'Stop'.
    $pPassed = 0; $pFailed = 0
    foreach ($run in $runs) {
        $config = New-PesterConfiguration
        $config.Run.Path = [string[]]$run.Paths
        if ($Tag) { $config.Filter.Tag = @($Tag | ForEach-Object { $_ -split ',' }) }
        $config.Run.PassThru = $true
        $config.Output.Verbosity = 'Detailed'
        $config.TestResult.Enabled = $true
        $config.TestResult.OutputPath = Join-Path $results "pester-$($run.Gateway).xml"
        Write-Host "Pester against the simulator as $(if ($run.Gateway -eq 'console') { "the guide's console" } else { "an open-source TKEStack's gateway" }):"
        $env:TKESIM_GATEWAY = $run.Gateway
        $ErrorActionPreference = 'Continue'
        try { $pester = Invoke-Pester -Configuration $config }
        finally { $ErrorActionPreference = 'Stop'; Remove-Item Env:TKESIM_GATEWAY -ErrorAction SilentlyContinue }
        $pPassed += $pester.PassedCount
        $pFailed += $pester.FailedCount + $pester.FailedBlocksCount + $pester.FailedContainersCount
    }

    Write-Host "xunit: $xPassed passed, $xFailed failed; Pester: $pPassed passed, $pFailed failed"
    $passed = $xPassed + $pPassed
    $failed = $xFailed + $pFailed
    Write-Output "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Import-Module (Join-Path $root 'tests/Simulator.psm1') -Force
    $sim = Start-TkeSimulator -SimulatorDll (Join-Path $simOut 'TkeStack.Simulator.dll') -Gateway console
    # A second one plays an open-source TKEStack's gateway, for the demo's last part.
    $gateway = Start-TkeSimulator -SimulatorDll (Join-Path $simOut 'TkeStack.Simulator.dll') -Gateway open-source
    try {
        Import-Module (Join-Path $moduleOut 'TkeStack.psd1') -Force
        & (Join-Path $root 'examples/Demo.ps1') -Uri $sim.Url -Token $sim.AdminToken -OpenSourceUri $gateway.Url -OpenSourceCredential $gateway.AdminCredential
    }
    finally {
        Stop-TkeSimulator $sim
        Stop-TkeSimulator $gateway
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Package' { Invoke-Package }
    'Demo' { Invoke-Demo }
    'Clean' {
        foreach ($p in @($out) + (Get-ChildItem $root -Recurse -Directory -Include bin, obj | Where-Object FullName -notmatch '[\\/]\.git[\\/]').FullName) {
            if (Test-Path $p) { Remove-Item $p -Recurse -Force }
        }
    }
}
