# Packaging: the module installs by name from the Gallery-shaped package in out/packages (a local
# PSResourceGet repository, as the Gallery would serve it), imports by name from PSModulePath, and
# works against the simulator installed from its own package as the dotnet tool tkesim.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module Microsoft.PowerShell.PSResourceGet
    $script:packages = Join-Path (Split-Path (Split-Path $env:TKESTACK_MODULE)) 'packages'
    if (-not (Get-ChildItem $packages -Filter 'TkeStack.*.nupkg' -ErrorAction Ignore)) {
        throw "No TkeStack package in '$packages': run ./build.ps1 -Task Package (the Test task does)."
    }
    $script:version = (Import-PowerShellDataFile $env:TKESTACK_MODULE).ModuleVersion
    $script:tmp = Join-Path ([IO.Path]::GetTempPath()) "tke-package-$([guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory -Path $tmp
    $script:repo = 'TkeStackTest-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    Register-PSResourceRepository -Name $repo -Uri $packages -Trusted
}
AfterAll {
    Unregister-PSResourceRepository -Name $repo -ErrorAction Ignore
    if ($script:sim) { Stop-TkeSimulator $script:sim }
    Remove-Item $tmp -Recurse -Force -ErrorAction Ignore
}

Describe 'The TkeStack package' {
    It 'carries the Gallery''s metadata from the manifest' {
        $found = Find-PSResource -Name TkeStack -Repository $repo
        $found.Version.ToString() | Should -Be $version
        $found.LicenseUri | Should -Not -BeNullOrEmpty
        $found.ProjectUri | Should -Not -BeNullOrEmpty
        $found.ReleaseNotes | Should -Not -BeNullOrEmpty
        # The notes name what the release holds, not only where it began.
        foreach ($area in 'sessions', 'clusters', 'workload', 'machines', 'projects') { $found.ReleaseNotes | Should -Match $area }
        $found.Tags | Should -Contain 'TKEStack'
        $found.Tags | Should -Contain 'PSEdition_Core'
    }

    It 'holds the help, the format views and the Windows PowerShell dependencies' {
        $nupkg = (Get-ChildItem $packages -Filter "TkeStack.$version.nupkg").FullName
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($nupkg)
        try { $entries = $zip.Entries.FullName } finally { $zip.Dispose() }
        $entries | Should -Contain 'TkeStack.psd1'
        $entries | Should -Contain 'TkeStack.dll'
        $entries | Should -Contain 'TkeStack.Format.ps1xml'
        $entries | Should -Contain 'en-US/TkeStack.dll-Help.xml'
        $entries | Should -Contain 'en-US/about_TkeStack.help.txt'
        $entries | Should -Contain 'netfx/System.Text.Json.dll'
    }
}

Describe 'Installing the module and the simulator from out/packages' {
    BeforeAll {
        # The module, by name, into a folder of its own (as Save-PSResource or a CI cache would).
        $script:modules = Join-Path $tmp 'Modules'
        $null = New-Item -ItemType Directory -Path $modules
        Save-PSResource -Name TkeStack -Repository $repo -Path $modules -TrustRepository -WarningAction Ignore

        # The simulator, by name, as a dotnet tool; only out/packages as source, so nothing else answers.
        $config = Join-Path $tmp 'nuget.config'
        "<configuration><packageSources><clear /><add key=`"local`" value=`"$packages`" /></packageSources></configuration>" | Set-Content $config
        $tools = Join-Path $tmp 'tools'
        $out = & dotnet tool install --tool-path $tools --add-source $packages --configfile $config tkesim 2>&1
        if ($LASTEXITCODE -ne 0) { throw "dotnet tool install failed: $out" }
        $script:tkesim = Join-Path $tools ($IsWindows ? 'tkesim.exe' : 'tkesim')
        $script:sim = Start-TkeSimulator -Executable $tkesim
    }

    It 'saves the module under its name and version' {
        Join-Path $modules "TkeStack/$version/TkeStack.psd1" | Should -Exist
    }

    It 'imports by name from PSModulePath and lists the clusters of the simulator run from the tool' {
        # A fresh PowerShell, so the module loads from the installed copy and nothing of this one leaks in.
        $pwsh = Join-Path $PSHOME 'pwsh.dll'
        $script = @'
$ErrorActionPreference = 'Stop'
Import-Module TkeStack
Connect-Tke -Uri $env:SIM_URL -Token (ConvertTo-SecureString $env:SIM_TOKEN -AsPlainText -Force) | Out-Null
[pscustomobject]@{
    ModuleBase = (Get-Module TkeStack).ModuleBase
    Clusters   = @(Get-TkeCluster | ForEach-Object Name)
    Help       = (Get-Help Get-TkeCluster).Synopsis
} | ConvertTo-Json -Compress
'@
        $env:SIM_URL = $sim.Url
        $env:SIM_TOKEN = $sim.AdminTokenText
        $savedPath = $env:PSModulePath
        $env:PSModulePath = $modules + [IO.Path]::PathSeparator + $env:PSModulePath
        try {
            $json = & dotnet $pwsh -NoProfile -NonInteractive -Command $script 2>&1
        }
        finally {
            $env:PSModulePath = $savedPath
            Remove-Item Env:SIM_URL, Env:SIM_TOKEN
        }
        $LASTEXITCODE | Should -Be 0 -Because "$json"
        $result = ($json | Select-Object -Last 1) | ConvertFrom-Json
        $result.ModuleBase | Should -BeLike "$modules*"
        $result.Clusters | Should -Be @('cls-a1b2c3d4', 'cls-e5f6g7h8', 'cls-imp0rt01', 'cls-l0cked01', 'global')
        $result.Help | Should -Match 'clusters'
        @(Get-SimRequest $sim -PathLike '*/clusters').Count | Should -BeGreaterOrEqual 2
    }
}
