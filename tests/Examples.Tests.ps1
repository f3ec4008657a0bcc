# The runbooks in examples/, run against the simulator as a user's runbook test would run them:
# connect, run the script, then look at what reached the server and what the server now holds.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:examples = Join-Path $PSScriptRoot '../examples'
    $script:sim = Start-TkeSimulator
    $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken

    function script:Read-Sim([string] $Path, [string] $Cluster) {
        # Straight from the simulator, as the platform holds it, not through the module.
        $h = @{ Authorization = "Bearer $($sim.PlainToken)" }
        if ($Cluster) { $h['X-TKE-ClusterName'] = $Cluster }
        Invoke-RestMethod "$($sim.Url)$Path" -Headers $h
    }
    function script:Get-Changes { @(Get-SimRequest $sim | Where-Object method -ne 'GET') }
}
AfterAll {
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
}

Describe 'Every runbook' {
    It '<_> has comment-based help with a synopsis, its parameters and two examples' -ForEach 'Update-ImageEverywhere', 'Add-Nodes', 'Get-ProjectQuota', 'Find-StuckRollout' {
        $help = Get-Help (Join-Path $examples "$_.ps1") -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($p in $help.Parameters.Parameter | Where-Object Name -notin 'WhatIf', 'Confirm') { $p.Description | Should -Not -BeNullOrEmpty -Because "-$($p.Name) needs a description" }
    }
}

Describe 'examples/Update-ImageEverywhere.ps1' {
    BeforeEach {
        Reset-Simulator $sim
        Clear-SimRequest $sim
        $script:web = '/platform/apis/apps/v1/namespaces/shop/deployments/web'
    }

    It 'finds the workload in every cluster that has it and sets the image in each, waiting for each rollout' {
        $changes = @(& "$examples/Update-ImageEverywhere.ps1" -Name web -Namespace shop -Container app -Image registry.example.com/shop/web:1.1 -Wait -Force -WarningAction SilentlyContinue)
        $changes | ForEach-Object { $_ | Should -BeOfType TkeStack.ImageChange }
        @($changes | ForEach-Object { "$($_.ClusterName)/$($_.Namespace)" }) | Should -Be @('cls-a1b2c3d4/shop', 'cls-e5f6g7h8/shop')
        $changes.PreviousImage | Should -Be @('registry.example.com/shop/web:1.0', 'registry.example.com/shop/web:1.0')
        $patches = Get-Changes
        $patches.method | Should -Be @('PATCH', 'PATCH')
        $patches.headers.'X-TKE-ClusterName' | Should -Be @('cls-a1b2c3d4', 'cls-e5f6g7h8')
        $patches[0].body | Should -BeExactly '{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"registry.example.com/shop/web:1.1"}]}}}}'
        foreach ($c in 'cls-a1b2c3d4', 'cls-e5f6g7h8') {
            $w = Read-Sim $web $c
            ($w.spec.template.spec.containers | Where-Object name -eq app).image | Should -Be 'registry.example.com/shop/web:1.1'
        }
        (Read-Sim '/platform/apis/apps/v1/namespaces/default/deployments/web' 'cls-imp0rt01').spec.template.spec.containers[0].image | Should -Be 'nginx:1.25'
    }

    It 'refuses the whole plan, changing nothing, when a workload of the same name runs an image of another repository' {
        # cls-imp0rt01/default/web runs nginx:1.25: another application that happens to be called web.
        { & "$examples/Update-ImageEverywhere.ps1" -Name web -Container app -Image registry.example.com/shop/web:1.1 -Force -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'ImageRepositoryChange*'
        $Error[0].Exception.Message | Should -Match 'cls-imp0rt01/default/web runs nginx:1\.25'
        $Error[0].Exception.Message | Should -Match '-Namespace.*-AllowRepositoryChange'
        Get-Changes | Should -BeNullOrEmpty
        (Read-Sim '/platform/apis/apps/v1/namespaces/default/deployments/web' 'cls-imp0rt01').spec.template.spec.containers[0].image | Should -Be 'nginx:1.25'
    }

    It 'swaps the repository when told to, with -AllowRepositoryChange' {
        $changes = @(& "$examples/Update-ImageEverywhere.ps1" -Name web -Container app -Image registry.example.com/shop/web:1.1 -AllowRepositoryChange -Force -WarningAction SilentlyContinue)
        $changes.ClusterName | Should -Be @('cls-a1b2c3d4', 'cls-e5f6g7h8', 'cls-imp0rt01')
    }

    It 'shows its plan, each workload with its old and new image, in one question (-WhatIf answers it no)' {
        $log = Join-Path ([IO.Path]::GetTempPath()) "tke-plan-$([guid]::NewGuid()).txt"
        Start-Transcript -Path $log | Out-Null
        try { $out = & "$examples/Update-ImageEverywhere.ps1" -Name web -Container app -Image registry.example.com/shop/web:1.1 -AllowRepositoryChange -WhatIf -WarningAction SilentlyContinue }
        finally { Stop-Transcript | Out-Null }
        $text = Get-Content $log -Raw
        Remove-Item $log
        $out | Should -BeNullOrEmpty
        Get-Changes | Should -BeNullOrEmpty
        ([regex]::Matches($text, 'What if:')).Count | Should -Be 1
        $text | Should -Match "in 3 place\(s\)"
        $text | Should -Match 'cls-a1b2c3d4/shop/web: registry\.example\.com/shop/web:1\.0 -> registry\.example\.com/shop/web:1\.1'
        $text | Should -Match 'cls-imp0rt01/default/web: nginx:1\.25 -> registry\.example\.com/shop/web:1\.1  \(another repository\)'
    }

    It 'asks before any change: ConfirmImpact High, so a non-interactive run without -Force changes nothing' {
        (Get-Command "$examples/Update-ImageEverywhere.ps1").ScriptBlock.Attributes.Where({ $_ -is [System.Management.Automation.CmdletBindingAttribute] }).ConfirmImpact | Should -Be 'High'
        $runner = Join-Path ([IO.Path]::GetTempPath()) "tke-ask-$([guid]::NewGuid().ToString('N')).ps1"
        @'
param($Module, $Url, $Token, $Runbook)
Import-Module $Module
$null = Connect-Tke -Uri $Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force)
try { & $Runbook -Name web -Namespace shop -Container app -Image registry.example.com/shop/web:1.1 -WarningAction SilentlyContinue; 'changed' }
catch { "stopped: $($_.Exception.Message)" }
'@ | Set-Content $runner
        try { $out = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $runner $env:TKESTACK_MODULE $sim.Url $sim.AdminTokenText "$examples/Update-ImageEverywhere.ps1" 2>&1 | Out-String }
        finally { Remove-Item $runner }
        $out | Should -Match 'stopped: .*NonInteractive'
        Get-Changes | Should -BeNullOrEmpty
    }

    It 'warns of a cluster it cannot read and goes on' {
        $null = & "$examples/Update-ImageEverywhere.ps1" -Name web -Namespace shop -Container app -Image registry.example.com/shop/web:1.1 -Force -WarningVariable warned -WarningAction SilentlyContinue
        ($warned -join "`n") | Should -Match 'cls-l0cked01'
    }

    It 'rolls back every change when one cluster fails, and fails itself' {
        # Only the web of cls-a1b2c3d4 has a sidecar: it changes, then cls-e5f6g7h8 fails.
        { & "$examples/Update-ImageEverywhere.ps1" -Name web -Namespace shop -Container sidecar -Image envoyproxy/envoy:v1.29.0 -Force -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'TkeContainerNotFound*'
        $patches = Get-Changes
        $patches.headers.'X-TKE-ClusterName' | Should -Be @('cls-a1b2c3d4', 'cls-a1b2c3d4')
        $patches[1].body | Should -BeExactly '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"envoyproxy/envoy:v1.28.0"}]}}}}'
        $w = Read-Sim $web 'cls-a1b2c3d4'
        ($w.spec.template.spec.containers | Where-Object name -eq sidecar).image | Should -Be 'envoyproxy/envoy:v1.28.0'
    }

    It 'rolls back a rollout that fails under -Wait, the failed cluster included' {
        { & "$examples/Update-ImageEverywhere.ps1" -Name web -Namespace shop -Container app -Image registry.example.com/shop/web:missing -Wait -TimeoutSec 60 -Force -WarningAction SilentlyContinue } |
            Should -Throw
        $patches = Get-Changes
        $patches[0].headers.'X-TKE-ClusterName' | Should -Be 'cls-a1b2c3d4'
        $patches[-1].body | Should -BeLike '*"image":"registry.example.com/shop/web:1.0"*'
        foreach ($c in 'cls-a1b2c3d4', 'cls-e5f6g7h8') {
            (Read-Sim $web $c).spec.template.spec.containers[0].image | Should -Be 'registry.example.com/shop/web:1.0' -Because "$c is rolled back"
        }
    }

    It '-WhatIf reads everything and changes nothing' {
        $out = & "$examples/Update-ImageEverywhere.ps1" -Name web -Namespace shop -Container app -Image registry.example.com/shop/web:1.1 -WhatIf -WarningAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        Get-Changes | Should -BeNullOrEmpty
    }

    It 'says so when no cluster has the workload, changing nothing' {
        $null = & "$examples/Update-ImageEverywhere.ps1" -Name nothere -Container app -Image x:1 -WarningVariable warned -WarningAction SilentlyContinue
        ($warned -join "`n") | Should -Match "No Deployment 'nothere'"
        Get-Changes | Should -BeNullOrEmpty
    }
}

Describe 'examples/Add-Nodes.ps1' {
    BeforeAll { $script:cred = [pscredential]::new('root', (ConvertTo-SecureString 'node-password' -AsPlainText -Force)) }
    BeforeEach { Reset-Simulator $sim; Clear-SimRequest $sim }

    It 'adds three machines with the credential given and waits until they have joined' {
        $ips = '10.0.0.41', '10.0.0.42', '10.0.0.43'
        $m = @(& "$examples/Add-Nodes.ps1" -ClusterName cls-a1b2c3d4 -IP $ips -Credential $cred -TimeoutSec 120)
        $m.Count | Should -Be 3
        $m | ForEach-Object { $_ | Should -BeOfType TkeStack.Machine }
        $m.Phase | Should -Be @('Running', 'Running', 'Running')
        $posts = @(Get-SimRequest $sim -Method POST -PathLike '*/machines')
        $posts.Count | Should -Be 3
        # The simulator's log keeps "(redacted)" for the password's base64.
        $password = '(redacted)'
        # The POSTs run concurrently (-ThrottleLimit), so they reach the server in any order: one per IP.
        foreach ($ip in $ips) {
            $mine = @($posts | Where-Object body -like "*`"ip`":`"$ip`"*")
            $mine.Count | Should -Be 1 -Because "one POST for $ip"
            $mine[0].body | Should -BeLike "*`"clusterName`":`"cls-a1b2c3d4`"*`"ip`":`"$ip`"*`"username`":`"root`",`"password`":`"$password`"*"
        }
        $m.IP | Should -Be $ips -Because 'results come back in input order'
        $held = (Read-Sim '/platform/apis/platform.tkestack.io/v1/machines').items | Where-Object { $_.spec.ip -in $ips }
        @($held).Count | Should -Be 3
        $held.status.phase | Should -Be @('Running', 'Running', 'Running')
        $held.spec.clusterName | Sort-Object -Unique | Should -Be 'cls-a1b2c3d4'
    }

    It 'run again, adds nothing twice' {
        $null = & "$examples/Add-Nodes.ps1" -ClusterName cls-a1b2c3d4 -IP 10.0.0.41, 10.0.0.42 -Credential $cred -TimeoutSec 120
        Clear-SimRequest $sim
        $again = & "$examples/Add-Nodes.ps1" -ClusterName cls-a1b2c3d4 -IP 10.0.0.41, 10.0.0.42, 10.0.0.43 -Credential $cred -TimeoutSec 120 -WarningVariable warned -WarningAction SilentlyContinue
        @($again).Count | Should -Be 1
        $again.IP | Should -Be '10.0.0.43'
        @(Get-SimRequest $sim -Method POST).Count | Should -Be 1
        @($warned).Count | Should -Be 2
    }

    It '-WhatIf sends nothing' {
        & "$examples/Add-Nodes.ps1" -ClusterName cls-a1b2c3d4 -IP 10.0.0.41 -Credential $cred -WhatIf | Should -BeNullOrEmpty
        Get-Changes | Should -BeNullOrEmpty
    }

    It 'never writes the password' {
        $all = & "$examples/Add-Nodes.ps1" -ClusterName cls-a1b2c3d4 -IP 10.0.0.44 -Credential $cred -TimeoutSec 120 -Verbose *>&1 | Out-String
        $all | Should -Not -Match 'node-password'
    }
}

Describe 'examples/Get-ProjectQuota.ps1' {
    BeforeEach { Clear-SimRequest $sim }

    It 'lists each project''s hard and used quota per cluster, as objects' {
        $q = @(& "$examples/Get-ProjectQuota.ps1")
        $q | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'TkeStack.Example.ProjectQuota' }
        # What the platform holds, read straight from it.
        $projects = (Read-Sim '/business/apis/business.tkestack.io/v1/projects').items
        $expected = foreach ($p in $projects) {
            foreach ($c in $p.spec.clusters.PSObject.Properties) {
                foreach ($r in $c.Value.hard.PSObject.Properties) { "$($p.metadata.name) $($c.Name) $($r.Name) $($r.Value)" }
            }
        }
        @($q | ForEach-Object { "$($_.Project) $($_.ClusterName) $($_.Resource) $($_.Hard)" }) | Sort-Object | Should -Be @($expected | Sort-Object)
        $shop = $q | Where-Object { $_.Project -eq 'prj-shop0001' -and $_.ClusterName -eq 'cls-a1b2c3d4' -and $_.Resource -eq 'requests.cpu' }
        $used = (Read-Sim '/business/apis/business.tkestack.io/v1/projects/prj-shop0001').status.clusters.'cls-a1b2c3d4'.used.'requests.cpu'
        $shop.Used | Should -Be $used
        $shop.PercentUsed | Should -BeOfType [double]
        (Get-SimRequest $sim).path | Should -Contain '/business/apis/business.tkestack.io/v1/projects'
    }

    It 'works out the percentage used from Kubernetes quantities' {
        $q = & "$examples/Get-ProjectQuota.ps1" -Name prj-pay00001 | Where-Object Resource -eq 'requests.memory'
        $h = [double]($q.Hard -replace 'Gi$', '') * 1GB
        $u = if ($q.Used -like '*Gi') { [double]($q.Used -replace 'Gi$', '') * 1GB } else { [double]($q.Used -replace 'Mi$', '') * 1MB }
        $q.PercentUsed | Should -Be ([math]::Round(100 * $u / $h, 1))
    }

    It 'filters projects by wildcard and writes nothing for a pattern that matches none' {
        (& "$examples/Get-ProjectQuota.ps1" -Name 'prj-shop*').Project | Sort-Object -Unique | Should -Be 'prj-shop0001'
        & "$examples/Get-ProjectQuota.ps1" -Name 'prj-none*' | Should -BeNullOrEmpty
    }
}

Describe 'examples/Demo.ps1' {
    BeforeAll {
        $script:demo = Join-Path $examples 'Demo.ps1'
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($demo, [ref] $null, [ref] $null)
        $script:calls = $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)
    }

    It 'shows every cmdlet of the module' {
        $used = $calls | ForEach-Object { $_.GetCommandName() } | Sort-Object -Unique
        foreach ($c in (Get-Command -Module TkeStack -CommandType Cmdlet).Name) { $used | Should -Contain $c }
    }

    It 'shows machines being added and waited on' {
        $new = $calls | Where-Object { $_.GetCommandName() -eq 'New-TkeMachine' -and @($_.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] } | ForEach-Object ParameterName) -contains 'Wait' }
        $new | Should -Not -BeNullOrEmpty
    }

    It 'runs end to end against a simulator without an error, as build.ps1 -Task Demo runs it' {
        $own = Start-TkeSimulator -Gateway console
        $gw = Start-TkeSimulator -Gateway open-source
        $script = Join-Path ([IO.Path]::GetTempPath()) "tke-demo-$([guid]::NewGuid()).ps1"
        try {
            # A child pwsh, as a console: the demo writes its tables to the host.
            @'
param($Module, $Demo, $Uri, $Token, $GatewayUri, $User, $Password)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$cred = [pscredential]::new($User, (ConvertTo-SecureString $Password -AsPlainText -Force))
& $Demo -Uri $Uri -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -OpenSourceUri $GatewayUri -OpenSourceCredential $cred
'@ | Set-Content $script
            $password = $gw.AdminCredential.GetNetworkCredential().Password
            $out = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $script $env:TKESTACK_MODULE $demo $own.Url $own.AdminTokenText $gw.Url admin $password 2>&1 | Out-String
            $LASTEXITCODE | Should -Be 0 -Because $out
            $out | Should -Not -Match ([regex]::Escape($own.AdminTokenText))
            $out | Should -Not -Match ([regex]::Escape($password))
            $out | Should -Match 'prod-beijing'
            $out | Should -Match 'mc-\w{8}\s+10\.0\.0\.21\s'
            # The open-source part: the dialect found, the business API's refusal of a key, the login's projects.
            $out | Should -Match 'OpenSource'
            $out | Should -Match 'TkeBusinessNeedsLogin'
            $out | Should -Match 'ConsoleLogin'
            $out | Should -Match 'prj-shop0001'
            @(Get-SimRequest $gw -Method POST -PathLike '*/apikeys/default/password/').Count | Should -Be 1
            @(Get-SimRequest $own -Method POST -PathLike '*/machines').Count | Should -BeGreaterOrEqual 2
            Get-SimRequest $own -Method PATCH | Should -Not -BeNullOrEmpty
            @(Get-SimRequest $own -Method DELETE -PathLike '*/machines/*').Count | Should -BeGreaterOrEqual 2
        }
        finally {
            Stop-TkeSimulator $own
            Stop-TkeSimulator $gw
            Remove-Item $script -ErrorAction SilentlyContinue
        }
    }
}

Describe 'A runbook test as about_TkeStack shows it' {
    It 'passes, with the topic''s Start-Tkesim and the build''s simulator, in a pwsh of its own' {
        $about = Get-Content (Join-Path $PSScriptRoot '../docs/about_TkeStack.md') -Raw
        $blocks = [regex]::Matches($about, '(?s)```powershell\r?\n(.*?)```') | ForEach-Object { $_.Groups[1].Value }
        $start = @($blocks | Where-Object { $_ -like '# Start-Tkesim.ps1*' })
        $test = @($blocks | Where-Object { $_ -like '# Update-ImageEverywhere.Tests.ps1*' })
        $start.Count | Should -Be 1
        $test.Count | Should -Be 1
        $dir = Join-Path ([IO.Path]::GetTempPath()) "tke-about-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory $dir
        try {
            $start[0] | Set-Content (Join-Path $dir 'Start-Tkesim.ps1')
            $test[0] | Set-Content (Join-Path $dir 'Update-ImageEverywhere.Tests.ps1')
            Copy-Item (Join-Path $examples 'Update-ImageEverywhere.ps1') $dir
            # As a user has it: TkeStack importable by name, tkesim where $env:TKESIM says.
            $runner = Join-Path $dir 'run.ps1'
            @'
param($Pester, $Dir)
Import-Module $Pester
$r = Invoke-Pester -Path $Dir -PassThru -Output None
"passed=$($r.PassedCount) failed=$($r.FailedCount + $r.FailedBlocksCount + $r.FailedContainersCount)"
'@ | Set-Content $runner
            $moduleRoot = Split-Path (Split-Path $env:TKESTACK_MODULE)
            $sep = [IO.Path]::PathSeparator
            $old = $env:PSModulePath, $env:TKESIM
            $env:PSModulePath = $moduleRoot + $sep + $env:PSModulePath
            $env:TKESIM = Join-Path (Split-Path $env:TKESIM_DLL) 'TkeStack.Simulator'
            if ($IsWindows) { $env:TKESIM += '.exe' }
            try {
                $out = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $runner (Get-Module Pester).Path $dir 2>&1 | Out-String
            }
            finally { $env:PSModulePath, $env:TKESIM = $old }
            $out | Should -Match 'passed=2 failed=0'
        }
        finally { Remove-Item $dir -Recurse -Force }
    }
}

Describe 'README' {
    It 'shows its tables within 120 columns' {
        $readme = Get-Content (Join-Path $PSScriptRoot '../README.md') -Raw
        $section = [regex]::Match($readme, '(?s)## What it looks like(.*?)\n## ').Groups[1].Value
        $blocks = [regex]::Matches($section, '(?s)```\r?\n(.*?)```')
        $blocks.Count | Should -BeGreaterOrEqual 2
        foreach ($line in $blocks.ForEach({ $_.Groups[1].Value -split '\r?\n' })) {
            $line.Length | Should -BeLessOrEqual 120 -Because "'$line' is too wide"
        }
        foreach ($shown in 'Get-TkeCluster', 'Get-TkeWorkload', 'Set-TkeWorkloadImage', 'New-TkeMachine', 'Get-TkeMachine', 'Get-TkeProject', 'Get-TkeProjectNamespace') {
            $section | Should -Match "(PS>|>>) .*$shown"
        }
    }

    It 'shows what ./examples/Get-ProjectQuota.ps1 prints, at 120 columns' {
        $readme = Get-Content (Join-Path $PSScriptRoot '../README.md') -Raw
        $shown = [regex]::Match($readme, '(?s)PS> \./examples/Get-ProjectQuota\.ps1\r?\n\r?\n(.*?)```').Groups[1].Value
        $rendering = $PSStyle.OutputRendering
        try {
            $PSStyle.OutputRendering = 'PlainText'
            $printed = & "$examples/Get-ProjectQuota.ps1" | Out-String -Width 120
        }
        finally { $PSStyle.OutputRendering = $rendering }
        ($printed.Trim() -split '\r?\n' | ForEach-Object TrimEnd) | Should -Be ($shown.Trim() -split '\r?\n' | ForEach-Object TrimEnd)
    }

    It 'lists every runbook in examples/' {
        $readme = Get-Content (Join-Path $PSScriptRoot '../README.md') -Raw
        $section = [regex]::Match($readme, '(?s)## Runbooks(.*?)\n## ').Groups[1].Value
        foreach ($f in Get-ChildItem $examples -Filter *.ps1) { $section | Should -Match ([regex]::Escape("``$($f.Name)``")) }
    }
}

Describe 'The runbooks in the built module' {
    It 'ships <_> in Examples/ beside the manifest, as in examples/' -ForEach 'Update-ImageEverywhere.ps1', 'Add-Nodes.ps1', 'Get-ProjectQuota.ps1', 'Find-StuckRollout.ps1', 'Demo.ps1' {
        $shipped = Join-Path (Split-Path $env:TKESTACK_MODULE) "Examples/$_"
        $shipped | Should -Exist
        (Get-FileHash $shipped).Hash | Should -Be (Get-FileHash (Join-Path $examples $_)).Hash
    }
}

Describe 'The one-liners of about_TkeStack' {
    BeforeDiscovery {
        $about = Get-Content (Join-Path $PSScriptRoot '../docs/about_TkeStack.md') -Raw
        $block = [regex]::Match($about, '(?s)## THE GUIDE''S TASKS AS ONE-LINERS.*?```powershell\r?\n(.*?)```').Groups[1].Value
        $lines = [System.Collections.Generic.List[string]]::new()
        foreach ($l in $block -split '\r?\n') {
            if ($l -match '^\s+#' -or -not $l.Trim()) { continue }          # a comment on its own line
            $code = ($l -replace '\s+#\s.*$', '').TrimEnd()
            if ($lines.Count -and $lines[-1].EndsWith('|')) { $lines[-1] += ' ' + $code.Trim() } else { $lines.Add($code) }
        }
        # Those that need a variable, a prompt, or end the session are left to their cmdlets' tests.
        $script:oneLiners = @($lines | Where-Object { $_ -notmatch '\$c\b|-Credential root|Remove-TkeMachine|Disconnect-Tke' } | ForEach-Object { @{ Line = $_ } })
    }
    BeforeAll { Reset-Simulator $sim }

    It 'runs without an error: <Line>' -ForEach $oneLiners {
        $ErrorActionPreference = 'Stop'
        $null = & ([scriptblock]::Create($Line))
    }
}

Describe 'The recipes of about_TkeStack, run as written' {
    BeforeAll {
        $script:aboutBlocks = [regex]::Matches((Get-Content (Join-Path $PSScriptRoot '../docs/about_TkeStack.md') -Raw), '(?s)```powershell\r?\n(.*?)```') |
            ForEach-Object { $_.Groups[1].Value }
        $script:pwshDll = Join-Path $PSHOME 'pwsh.dll'
    }

    It 'ForEach-Object -Parallel works in a pwsh that imported the module by path' {
        $recipe = @($aboutBlocks | Where-Object { $_ -match 'ForEach-Object -Parallel' })
        $recipe.Count | Should -Be 1
        $dir = Join-Path ([IO.Path]::GetTempPath()) "tke-parallel-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory $dir
        try {
            $runner = Join-Path $dir 'run.ps1'
            # Imported by path, with nothing of TkeStack on PSModulePath: the case that used to fail.
            @'
param($Module, $Url, $Token, $Recipe)
Import-Module $Module -ErrorAction Stop
$null = Connect-Tke -Uri $Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force)
# The locked cluster answers an error; the others their namespaces.
$ns = Invoke-Expression $Recipe 2>$null
"namespaces=$(@($ns | Where-Object Name -eq 'default').Count)"
'@ | Set-Content $runner
            $out = & dotnet $pwshDll -NoProfile -NonInteractive -File $runner $env:TKESTACK_MODULE $sim.Url $sim.AdminTokenText $recipe[0] 2>&1 | Out-String
            # Every cluster the key sees has a default namespace, but the locked one cannot be read.
            $expected = @(Get-TkeCluster | Where-Object { -not $_.Locked }).Count
            $out | Should -Match "namespaces=$expected"
        }
        finally { Remove-Item $dir -Recurse -Force }
    }

    It 'the Pester Mock recipe passes, the runbook module it uses shown with it' {
        $files = @{}
        foreach ($name in 'Get-BrokenCluster.ps1', 'MyRunbooks.psm1', 'Get-BrokenCluster.Tests.ps1') {
            $block = @($aboutBlocks | Where-Object { $_ -like "# $name*" })
            $block.Count | Should -Be 1 -Because "about_TkeStack shows $name"
            $files[$name] = $block[0]
        }
        $dir = Join-Path ([IO.Path]::GetTempPath()) "tke-mock-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory $dir
        try {
            foreach ($f in $files.Keys) { $files[$f] | Set-Content (Join-Path $dir $f) }
            $runner = Join-Path ([IO.Path]::GetTempPath()) "tke-mock-run-$([guid]::NewGuid().ToString('N')).ps1"
            @'
param($Pester, $Dir)
Import-Module $Pester
$r = Invoke-Pester -Path $Dir -PassThru -Output None
"passed=$($r.PassedCount) failed=$($r.FailedCount + $r.FailedBlocksCount + $r.FailedContainersCount)"
'@ | Set-Content $runner
            $old = $env:PSModulePath
            $env:PSModulePath = (Split-Path (Split-Path $env:TKESTACK_MODULE)) + [IO.Path]::PathSeparator + $env:PSModulePath
            try { $out = & dotnet $pwshDll -NoProfile -NonInteractive -File $runner (Get-Module Pester).Path $dir 2>&1 | Out-String }
            finally { $env:PSModulePath = $old; Remove-Item $runner }
            $out | Should -Match 'passed=2 failed=0'
        }
        finally { Remove-Item $dir -Recurse -Force }
    }
}
