# -ThrottleLimit of the changing cmdlets (Set-TkeWorkloadImage, New-TkeMachine, Remove-TkeMachine):
# concurrent work, output in input order, at most N requests in flight, -WhatIf sends nothing, Ctrl+C.
BeforeAll {
    # The API prefixes of this run's simulators: none behind an open-source gateway (build.ps1 runs this family in both dialects).
    $script:P = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/platform' }
    $script:B = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/business' }
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:seed = Join-Path ([IO.Path]::GetTempPath()) "tke-throttle-$([guid]::NewGuid()).json"
    @{
        clusters           = @(@{ name = 'cls-a1b2c3d4'; namespaces = @('shop') })
        keys               = @(@{ user = 'admin'; administrator = $true })
        workloads          = @(1..10 | ForEach-Object { @{ kind = 'Deployment'; name = "w$_"; replicas = 1; containers = @(@{ name = 'app'; image = 'nginx:1.25' }) } })
        machines           = @(1..6 | ForEach-Object { @{ name = "mc-thr0000$_"; clusterName = 'cls-a1b2c3d4'; ip = "10.0.2.$_" } })
        machineStepSeconds = 0.02
        machineDeletePolls = 2
    } | ConvertTo-Json -Depth 6 | Set-Content $seed
    $script:sim = Start-TkeSimulator -Seed $seed
    $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
    $script:shop = @{ ClusterName = 'cls-a1b2c3d4'; Namespace = 'shop' }
    $script:cred = [pscredential]::new('root', (ConvertTo-SecureString '123456' -AsPlainText -Force))

    function New-Input([string[]] $Names, [string] $Container = 'app') {
        foreach ($n in $Names) { [pscustomobject]@{ ClusterName = 'cls-a1b2c3d4'; Namespace = 'shop'; Kind = 'Deployment'; Name = $n; Container = $Container } }
    }
    function Get-Image([string] $Name) {
        (Invoke-SimApi $sim "/apis/apps/v1/namespaces/shop/deployments/$Name" -ClusterName 'cls-a1b2c3d4').spec.template.spec.containers[0].image
    }
}
AfterAll {
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
    Remove-Item $script:seed -ErrorAction SilentlyContinue
}

Describe 'Set-TkeWorkloadImage -ThrottleLimit' {
    BeforeEach { Reset-Simulator $sim }

    It 'writes the results in input order when a later input finishes first' {
        # w1's PATCH is held 1.5 s: w2..w6 are done long before it.
        Set-SimFault $sim delay -Method PATCH -Path '*/deployments/w1' -DelayMs 1500 | Out-Null
        $out = New-Input w1, w2, w3, w4, w5, w6 | Set-TkeWorkloadImage -Image nginx:1.26 -PassThru
        $out.Name | Should -Be @('w1', 'w2', 'w3', 'w4', 'w5', 'w6')
        $patches = @(Get-SimRequest $sim -Method PATCH)
        $patches.Count | Should -Be 6
        (Get-SimStat $sim).maxInFlight | Should -BeGreaterThan 1 -Because 'the others ran while w1 was held'
        foreach ($n in 'w1', 'w6') { Get-Image $n | Should -Be 'nginx:1.26' }
    }

    It 'keeps the input order across output, warnings and errors, each error only for its input' {
        Set-SimFault $sim delay -Method GET -Path '*/deployments/w1' -DelayMs 800 | Out-Null
        Set-SimFault $sim status -Method PATCH -Path '*/deployments/w5' -Status 422 | Out-Null
        $inputs = @(New-Input w1, nothere) + @(New-Input w3 -Container nope) + @(New-Input w4, w5, w6)
        $all = $inputs | Set-TkeWorkloadImage -Image nginx:1.26 -PassThru -ErrorAction Continue 2>&1
        $all.Count | Should -Be 6
        $all[0].Name | Should -Be 'w1'
        $all[1].TargetObject | Should -Be 'nothere'
        $all[1].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $all[2].FullyQualifiedErrorId | Should -Be 'TkeContainerNotFound,TkeStack.Commands.SetTkeWorkloadImageCommand'
        $all[2].TargetObject | Should -Be 'nope'
        $all[3].Name | Should -Be 'w4'
        $all[4] | Should -BeOfType System.Management.Automation.ErrorRecord
        $all[4].TargetObject | Should -Be 'w5'
        $all[5].Name | Should -Be 'w6'
        @(Get-SimRequest $sim -Method PATCH).path | Sort-Object |
            Should -Be @("$P/apis/apps/v1/namespaces/shop/deployments/w1", "$P/apis/apps/v1/namespaces/shop/deployments/w4",
                "$P/apis/apps/v1/namespaces/shop/deployments/w5", "$P/apis/apps/v1/namespaces/shop/deployments/w6")
        Get-Image w4 | Should -Be 'nginx:1.26'
        Get-Image w5 | Should -Be 'nginx:1.25'
    }

    It 'has at most <Limit> requests in flight' -ForEach @(@{ Limit = 1 }, @{ Limit = 3 }, @{ Limit = 8 }) {
        Set-SimFault $sim delay -Path '*/deployments/*' -DelayMs 150 | Out-Null
        Clear-SimRequest $sim
        $out = New-Input (1..10 | ForEach-Object { "w$_" }) | Set-TkeWorkloadImage -Image nginx:1.26 -PassThru -ThrottleLimit $Limit
        @($out).Count | Should -Be 10
        (Get-SimStat $sim).maxInFlight | Should -Be $Limit
    }

    It 'does not read again a workload piped from Get-TkeWorkload: one PATCH each, nothing else' {
        $out = Get-TkeWorkload @shop -Kind Deployment | Set-TkeWorkloadImage -Container app -Image nginx:1.26 -PassThru
        @($out).Count | Should -Be 10
        $out[0].PreviousImage | Should -Be 'nginx:1.25'
        @(Get-SimRequest $sim -Method PATCH).Count | Should -Be 10
        @(Get-SimRequest $sim -Method GET).path | Should -Be "$P/apis/apps/v1/namespaces/shop/deployments" -Because 'the only read is the list'
    }

    It 'reads a piped workload again when the parameters name another one' {
        $w = Get-TkeWorkload @shop -Kind Deployment w1
        Clear-SimRequest $sim
        $c = $w | Set-TkeWorkloadImage -Name w2 -Container app -Image nginx:1.26 -PassThru
        $c.Name | Should -Be 'w2'
        @(Get-SimRequest $sim -Method GET).path | Should -Be "$P/apis/apps/v1/namespaces/shop/deployments/w2"
        Get-Image w1 | Should -Be 'nginx:1.25'
    }

    It 'refuses a limit outside 1..64' -ForEach @(@{ Limit = 0 }, @{ Limit = 65 }) {
        { New-Input w1 | Set-TkeWorkloadImage -Image nginx:1.26 -ThrottleLimit $Limit } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TkeStack.Commands.SetTkeWorkloadImageCommand'
        Get-SimRequest $sim | Should -BeNullOrEmpty
    }

    It '-WhatIf with several inputs sends nothing that changes state, and says each one in input order' {
        Set-SimFault $sim delay -Method GET -Path '*/deployments/w1' -DelayMs 500 | Out-Null
        $log = Join-Path ([IO.Path]::GetTempPath()) "whatif-$([guid]::NewGuid()).txt"
        Start-Transcript -Path $log | Out-Null
        try { $out = New-Input w1, w2, w3, w4 | Set-TkeWorkloadImage -Image nginx:1.26 -PassThru -WhatIf }
        finally { Stop-Transcript | Out-Null }
        $text = Get-Content $log -Raw
        Remove-Item $log
        $out | Should -BeNullOrEmpty
        $said = [regex]::Matches($text, 'What if: .* on target "Deployment shop/(w\d) in cls-a1b2c3d4"') | ForEach-Object { $_.Groups[1].Value }
        $said | Should -Be @('w1', 'w2', 'w3', 'w4')
        Get-SimRequest $sim -Method PATCH | Should -BeNullOrEmpty
        foreach ($n in 'w1', 'w4') { Get-Image $n | Should -Be 'nginx:1.25' }
    }

    It 'cancels everything in flight on Ctrl+C (Stop)' {
        Set-SimFault $sim delay -Method PATCH -Path '*' -DelayMs 20000 | Out-Null
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Module, $Url, $Token)
                    Import-Module $Module
                    $s = Connect-Tke -Uri $Url -Token $Token
                    1..6 | ForEach-Object { [pscustomobject]@{ ClusterName = 'cls-a1b2c3d4'; Namespace = 'shop'; Kind = 'Deployment'; Name = "w$_"; Container = 'app' } } |
                        Set-TkeWorkloadImage -Image nginx:1.26 -Session $s -ThrottleLimit 4
                }).AddArgument($env:TKESTACK_MODULE).AddArgument($sim.Url).AddArgument($sim.AdminToken)
            $async = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while (@(Get-SimRequest $sim -Method PATCH).Count -lt 4 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            @(Get-SimRequest $sim -Method PATCH).Count | Should -Be 4
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $async.IsCompleted | Should -BeTrue
            @(Get-SimRequest $sim -Method PATCH).Count | Should -Be 4 -Because 'nothing more is started after Ctrl+C'
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ((Get-SimStat $sim).inFlight -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            (Get-SimStat $sim).inFlight | Should -Be 0 -Because 'the client dropped the held requests' 
            foreach ($n in 'w1', 'w4') { Get-Image $n | Should -Be 'nginx:1.25' -Because 'the held PATCHes were cancelled, not served' }
        }
        finally { $ps.Dispose() }
    }
}

Describe 'New-TkeMachine and Remove-TkeMachine -ThrottleLimit' {
    BeforeEach { Reset-Simulator $sim }

    It 'adds piped machines concurrently, emitting them in input order' {
        Set-SimFault $sim delay -Method POST -Path '*/machines' -DelayMs 300 | Out-Null
        $made = '10.0.3.1', '10.0.3.2', '10.0.3.3', '10.0.3.4' | New-TkeMachine -ClusterName cls-a1b2c3d4 -Credential $cred -ThrottleLimit 2
        $made.IP | Should -Be @('10.0.3.1', '10.0.3.2', '10.0.3.3', '10.0.3.4')
        (Get-SimStat $sim).maxInFlight | Should -Be 2
        @(Get-SimRequest $sim -Method POST).Count | Should -Be 4
    }

    It '-Wait shows one progress bar per machine, written on the pipeline thread, each completed' {
        # Steps of 0.2 s: a join takes about 4.6 s, so several looks (one a second) see it installing, even on a loaded machine.
        $slowSeed = Join-Path ([IO.Path]::GetTempPath()) "tke-progress-$([guid]::NewGuid()).json"
        @{ clusters = @(@{ name = 'cls-a1b2c3d4'; namespaces = @('default') }); keys = @(@{ user = 'admin'; administrator = $true }); machineStepSeconds = 0.2 } |
            ConvertTo-Json -Depth 5 | Set-Content $slowSeed
        $slow = Start-TkeSimulator -Seed $slowSeed
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Module, $Url, $Token, $Cred)
                    Import-Module $Module
                    $s = Connect-Tke -Uri $Url -Token $Token
                    '10.0.3.8', '10.0.3.9' | New-TkeMachine -ClusterName cls-a1b2c3d4 -Credential $Cred -Wait -TimeoutSec 60 -Session $s
                }).AddArgument($env:TKESTACK_MODULE).AddArgument($slow.Url).AddArgument($slow.AdminToken).AddArgument($cred)
            $made = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $made.IP | Should -Be @('10.0.3.8', '10.0.3.9')
            $made.Phase | Should -Be @('Running', 'Running')
            $bars = $ps.Streams.Progress | Group-Object ActivityId
            $bars.Count | Should -Be 2
            foreach ($bar in $bars) {
                $bar.Group[0].Activity | Should -Match 'Adding machine 10\.0\.3\.[89] \(mc-'
                $bar.Group[-1].RecordType | Should -Be 'Completed'
                @($bar.Group | Where-Object StatusDescription -Match 'step \d+ of \d+').Count | Should -BeGreaterThan 0
            }
        }
        finally {
            $ps.Dispose()
            Stop-TkeSimulator $slow
            Remove-Item $slowSeed
        }
    }

    It '-WhatIf with several IPs sends nothing' {
        '10.0.3.5', '10.0.3.6', '10.0.3.7' | New-TkeMachine -ClusterName cls-a1b2c3d4 -Credential $cred -Wait -WhatIf | Should -BeNullOrEmpty
        Get-SimRequest $sim | Should -BeNullOrEmpty
    }

    It 'removes piped machines concurrently with -Wait, one error for the missing one only' {
        Set-SimFault $sim delay -Method DELETE -Path '*/machines/mc-thr00001' -DelayMs 600 | Out-Null
        'mc-thr00001', 'mc-nothere1', 'mc-thr00002', 'mc-thr00003' | Remove-TkeMachine -Force -Wait -TimeoutSec 30 -ErrorAction SilentlyContinue -ErrorVariable e
        $e.Count | Should -Be 1
        $e[0].TargetObject | Should -Be 'mc-nothere1'
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        (Get-SimStat $sim).maxInFlight | Should -BeGreaterThan 1
        (Get-TkeMachine -ClusterName cls-a1b2c3d4).Name | Should -Be @('mc-thr00004', 'mc-thr00005', 'mc-thr00006')
    }

    It '-WhatIf with several names sends no DELETE' {
        'mc-thr00001', 'mc-thr00002', 'mc-thr00003' | Remove-TkeMachine -WhatIf
        Get-SimRequest $sim | Should -BeNullOrEmpty
        @(Get-TkeMachine -ClusterName cls-a1b2c3d4).Count | Should -Be 6
    }
}
