# New-TkeMachine, Get-TkeMachine, Remove-TkeMachine (guide 3.1 to 3.3), each family against every
# TKEStack release the simulator models: the install steps differ (23 to 25, provider.go CreateHandlers).
BeforeDiscovery {
    # Steps: the release's install steps. KubeletAt: where the wait says EnsureKubelet failed; the count
    # is a range while the conditions written so far fit more than one release (never a wrong one).
    $script:releases = @(
        @{ Release = '1.4'; Steps = 23; KubeletAt = '13 of 23' }
        @{ Release = '1.6'; Steps = 24; KubeletAt = '14 of 24' }
        @{ Release = '1.8'; Steps = 25; KubeletAt = '15 of 24-25' }
        @{ Release = '1.9'; Steps = 24; KubeletAt = '15 of 24-25' }
    )
}
BeforeAll {
    # The API prefixes of this run's simulators: none behind an open-source gateway (build.ps1 runs this family in both dialects).
    $script:P = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/platform' }
    $script:B = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/business' }
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:seed = Join-Path ([IO.Path]::GetTempPath()) "tke-machines-$([guid]::NewGuid()).json"
    @{
        clusters             = @(
            @{ name = 'global'; namespaces = @('default') }
            @{ name = 'cls-a1b2c3d4'; displayName = 'prod-beijing'; namespaces = @('default') }
            @{ name = 'cls-e5f6g7h8'; displayName = 'staging-shanghai'; namespaces = @('default') }
            @{ name = 'cls-imp0rt01'; type = 'Imported'; namespaces = @('default') }
            @{ name = 'cls-0ther001'; tenantId = 'acme'; namespaces = @('default') }
        )
        keys                 = @(@{ user = 'admin'; tenant = 'default'; administrator = $true })
        machines             = @(
            @{ name = 'mc-seed0001'; clusterName = 'cls-a1b2c3d4'; ip = '10.0.1.1' }
            @{ name = 'mc-seed0002'; clusterName = 'cls-a1b2c3d4'; ip = '10.0.1.2' }
            @{ name = 'mc-seed0003'; clusterName = 'cls-e5f6g7h8'; ip = '10.0.1.3' }
            @{ name = 'mc-acme0001'; clusterName = 'cls-0ther001'; ip = '10.0.1.4'; tenantId = 'acme' }
        )
        machineHosts         = @(
            @{ ip = '10.0.0.90'; password = 'right-password' }
            @{ ip = '10.0.0.6'; password = 'pä$+/ss>' }
            @{ ip = '10.0.0.91'; unreachable = $true }
            @{ ip = '10.0.0.92'; failAtStep = 'EnsureKubelet'; failMessage = 'kubelet: exit status 1' }
            @{ ip = '10.0.0.93'; healthCheckFails = $true }
            @{ ip = '10.0.0.94'; postAnswers = 503 }
            @{ ip = '10.0.0.95'; postDropsConnection = $true }
            @{ ip = '10.0.0.96'; nodeReadyTimeouts = 150 }
        )
        machineStepSeconds   = 0.02
        machineDeletePolls   = 2
    } | ConvertTo-Json -Depth 5 | Set-Content $seed
    # Each Describe starts its own simulator for its release.
    function Start-ReleaseSimulator([string] $Release) {
        $script:sim = Start-TkeSimulator -Seed $seed -TkeVersion $Release
        $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -MaximumRetryCount 3 -RetryIntervalSec 0.1
    }
    $script:cred = [pscredential]::new('root', (ConvertTo-SecureString '123456' -AsPlainText -Force))
    $script:machinesPath = "$P/apis/platform.tkestack.io/v1/machines"
    function Get-Change { @(Get-SimRequest $sim | Where-Object method -ne 'GET') }
}
AfterAll {
    Remove-Item $script:seed -ErrorAction SilentlyContinue
}

Describe 'New-TkeMachine on TKEStack <Release>' -ForEach $releases {
    BeforeAll { Start-ReleaseSimulator $Release }
    AfterAll {
        Disconnect-Tke
        Stop-TkeSimulator $script:sim
    }
    BeforeEach {
        Reset-Simulator $sim
        Clear-SimRequest $sim
    }

    It 'sends the guide''s body byte for byte: generateName, finalizers, numeric port, the password (redacted in the simulator''s log)' {
        $m = New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.5 -Port 36000 -Credential $cred
        $post = @(Get-SimRequest $sim -Method POST)
        $post.Count | Should -Be 1
        $post[0].path | Should -Be $machinesPath
        $post[0].contentType | Should -Be 'application/json'
        $post[0].body | Should -BeExactly '{"kind":"Machine","apiVersion":"platform.tkestack.io/v1","metadata":{"generateName":"mc-"},"spec":{"finalizers":["machine"],"tenantID":"default","clusterName":"cls-a1b2c3d4","type":"Baremetal","ip":"10.0.0.5","port":36000,"username":"root","password":"(redacted)"}}'
        $m | Should -BeOfType TkeStack.Machine
        $m.Name | Should -Match '^mc-[a-z0-9]{8}$'
        $m.Phase | Should -Be 'Initializing'
        $m.Port | Should -Be 36000
        $m.ApiObject.status.PSObject.Properties.Name | Should -Contain 'machineInfo' -Because 'TKEStack answers machineInfo: {}'
    }

    It 'encodes the UTF-8 bytes of any password, unescaped, and takes the tenant from the key' {
        $plain = 'pä$+/ss>'
        $c = [pscredential]::new('root', (ConvertTo-SecureString $plain -AsPlainText -Force))
        $key = New-SimKey $sim -User bob -Tenant acme -ExpiresInSeconds 864000
        $acme = Connect-Tke -Uri $sim.Url -Token (ConvertTo-SecureString $key.token -AsPlainText -Force)
        try {
            $m = New-TkeMachine -ClusterName cls-0ther001 -IP 10.0.0.6 -Credential $c -Session $acme
            # The seed's host 10.0.0.6 takes only this password (422 otherwise): the simulator decodes what came.
            $m.Name | Should -Match '^mc-'
            $body = (Get-SimRequest $sim -Method POST).body
            $body | Should -BeLike '*"password":"(redacted)"}}' -Because 'the simulator''s log never keeps the password''s base64'
            $body | Should -Not -Match ([regex]::Escape([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($plain))))
            $body | Should -BeLike '*"tenantID":"acme"*'
            $m.TenantId | Should -Be 'acme'
        }
        finally { $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -MaximumRetryCount 3 -RetryIntervalSec 0.1 }
    }

    It '-WhatIf sends nothing and its text shows no password' {
        $secret = 'Wh4tIf-S3cret'
        $c = [pscredential]::new('root', (ConvertTo-SecureString $secret -AsPlainText -Force))
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "whatif-$([guid]::NewGuid()).txt"
        Start-Transcript -Path $transcript | Out-Null
        try { $out = New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.7 -Credential $c -WhatIf -Wait }
        finally { Stop-Transcript | Out-Null }
        $text = Get-Content $transcript -Raw
        Remove-Item $transcript
        $out | Should -BeNullOrEmpty
        $text | Should -Match 'What if: .*Add machine to cluster cls-a1b2c3d4.*10\.0\.0\.7:22 as root'
        $text | Should -Not -Match ([regex]::Escape($secret))
        $text | Should -Not -Match ([regex]::Escape([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($secret))))
        @(Get-SimRequest $sim).Count | Should -Be 0
    }

    It 'refuses the bad IP <IP> before any request' -TestCases @(
        @{ IP = '10.1' }, @{ IP = '167772161' }, @{ IP = '256.1.1.1' }, @{ IP = 'node1.example.com' }, @{ IP = 'fe80::1%eth0' }, @{ IP = '[::1]' }
    ) {
        New-TkeMachine -ClusterName cls-a1b2c3d4 -IP $IP -Credential $cred -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeInvalidIP,TkeStack.Commands.NewTkeMachineCommand'
        $e[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e[0].TargetObject | Should -Be $IP
        @(Get-SimRequest $sim).Count | Should -Be 0
    }

    It 'takes IPv6 addresses' {
        (New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 'fd00::5' -Credential $cred).IP | Should -Be 'fd00::5'
    }

    It 'refuses the port <Port> before any request, naming it' -TestCases @(@{ Port = 0 }, @{ Port = 65536 }, @{ Port = -1 }, @{ Port = '2222x' }) {
        New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.8 -Port $Port -Credential $cred -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeInvalidPort,TkeStack.Commands.NewTkeMachineCommand'
        $e[0].TargetObject | Should -Be "$Port"
        @(Get-SimRequest $sim).Count | Should -Be 0
    }

    It 'refuses an IP the cluster already has before any POST, naming the machine' {
        New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.1.2 -Credential $cred -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeMachineExists,TkeStack.Commands.NewTkeMachineCommand'
        $e[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $e[0].TargetObject | Should -Be '10.0.1.2'
        $e[0].Exception.Message | Should -Match 'mc-seed0002'
        @(Get-SimRequest $sim -Method POST).Count | Should -Be 0
        (Get-SimRequest $sim -Method GET)[0].query | Should -Match 'fieldSelector=spec.clusterName%3Dcls-a1b2c3d4'
    }

    It 'takes several -IP values, each a machine, in order, and a bad one an error about it alone' {
        $made = New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.21, 10.0.0.300, 10.0.0.22 -Credential $cred -ErrorAction SilentlyContinue -ErrorVariable e
        $made.IP | Should -Be @('10.0.0.21', '10.0.0.22')
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeInvalidIP,TkeStack.Commands.NewTkeMachineCommand'
        $e[0].TargetObject | Should -Be '10.0.0.300'
        (Get-SimRequest $sim -Method POST).body | ForEach-Object { ($_ | ConvertFrom-Json).spec.ip } | Sort-Object | Should -Be @('10.0.0.21', '10.0.0.22')
    }

    It 'adds the same IP only once when a pipeline names it twice' {
        $made = '10.0.0.9', '10.0.0.9' | New-TkeMachine -ClusterName cls-a1b2c3d4 -Credential $cred -ErrorAction SilentlyContinue -ErrorVariable e
        @($made).Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeMachineExists,TkeStack.Commands.NewTkeMachineCommand'
        @(Get-SimRequest $sim -Method POST).Count | Should -Be 1
    }

    It 'shows a 422 from TKEStack''s SSH check as the server said it, with the parameter concerned' {
        $wrong = [pscredential]::new('root', (ConvertTo-SecureString 'wrong-password' -AsPlainText -Force))
        New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.90 -Credential $wrong -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeApiInvalid,TkeStack.Commands.NewTkeMachineCommand'
        $e[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $e[0].TargetObject | Should -Be '10.0.0.90'
        $e[0].Exception.Status.Code | Should -Be 422
        $e[0].Exception.Message.StartsWith($e[0].Exception.Status.Message) | Should -BeTrue -Because 'the server''s message is shown as it is'
        $e[0].Exception.Message | Should -Match 'ssh: unable to authenticate'
        $e[0].Exception.Message | Should -Match '-Credential'
        @(Get-TkeMachine -ClusterName cls-a1b2c3d4 | Where-Object IP -eq '10.0.0.90').Count | Should -Be 0
    }

    It 'names the parameter of the 422: <Why>' -TestCases @(
        @{ Why = 'a user that is not root'; Cluster = 'cls-a1b2c3d4'; IP = '10.0.0.10'; User = 'ubuntu'; Server = 'must be root'; Parameter = '-Credential' }
        @{ Why = 'an unreachable node'; Cluster = 'cls-a1b2c3d4'; IP = '10.0.0.91'; User = 'root'; Server = 'i/o timeout'; Parameter = '-Credential' }
        @{ Why = 'an unknown cluster'; Cluster = 'cls-nothere1'; IP = '10.0.0.12'; User = 'root'; Server = 'Not found: "cls-nothere1"'; Parameter = '-ClusterName' }
    ) {
        $c = [pscredential]::new($User, (ConvertTo-SecureString 'x' -AsPlainText -Force))
        New-TkeMachine -ClusterName $Cluster -IP $IP -Credential $c -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $e[0].Exception.Message | Should -Match ([regex]::Escape($Server))
        $e[0].Exception.Message | Should -Match ([regex]::Escape("Check $Parameter"))
    }

    It 'shows the plain 500 TKEStack answers for an imported cluster (its validation panics), and creates nothing' {
        New-TkeMachine -ClusterName cls-imp0rt01 -IP 10.0.0.11 -Credential $cred -ErrorAction SilentlyContinue -ErrorVariable e
        @(Get-SimRequest $sim -Method POST).Count | Should -Be 1
        $e[0].Exception.StatusCode | Should -Be 500
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeApiServerPanic,TkeStack.Commands.NewTkeMachineCommand'
        $e[0].Exception.Message | Should -Match 'such as an imported one: only clusters TKEStack created take machines'
        $e[0].Exception.Message | Should -Match 'caused apiserver to panic'
        $e[0].ErrorDetails.RecommendedAction | Should -Be 'Check the cluster''s type with: Get-TkeCluster cls-imp0rt01 | Format-List Name, Type, Phase'
        @(Get-TkeMachine -ClusterName cls-imp0rt01).Count | Should -Be 0
    }

    It 'does not send a create twice after a 503, and says how to check whether it happened' {
        New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.94 -Credential $cred -ErrorAction SilentlyContinue -ErrorVariable e
        @(Get-SimRequest $sim -Method POST).Count | Should -Be 1
        $e[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $e[0].Exception.Message | Should -Match 'may or may not'
        $e[0].Exception.Message | Should -Match ([regex]::Escape('Get-TkeMachine -ClusterName cls-a1b2c3d4'))
        $e[0].TargetObject | Should -Be '10.0.0.94'
    }

    It 'says the machine may exist when the connection drops after the POST, and it does' {
        New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.95 -Credential $cred -ErrorAction SilentlyContinue -ErrorVariable e
        @(Get-SimRequest $sim -Method POST).Count | Should -Be 1
        $e[0].Exception.Message | Should -Match 'may or may not'
        (Get-TkeMachine -ClusterName cls-a1b2c3d4 | Where-Object IP -eq '10.0.0.95').Phase | Should -Not -BeNullOrEmpty
    }

    It '-Wait polls guide 3.2 until Running and emits the joined machine' {
        $m = New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.13 -Credential $cred -Wait -TimeoutSec 60
        $m.Phase | Should -Be 'Running'
        $m.StepsDone | Should -Be $Steps
        $m.StepsTotal | Should -Be $Steps
        $m.Conditions.Type | Should -Contain 'EnsureNodeReady'
        ($m.Conditions | Where-Object Type -eq 'HealthCheck').Status | Should -Be 'True'
        (Get-SimRequest $sim -PathLike "$machinesPath/$($m.Name)" -Method GET).Count | Should -BeGreaterThan 0
    }

    It '-Wait fails fast on a step that turned False with FailedInit, naming the step, its message and how to remove it' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $m = New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.92 -Credential $cred -Wait -TimeoutSec 120 -ErrorAction SilentlyContinue -ErrorVariable e
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
        $m | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeMachineInstallFailed,TkeStack.Commands.NewTkeMachineCommand'
        $e[0].Exception.Message | Should -Match ([regex]::Escape("EnsureKubelet ($KubeletAt)"))
        $e[0].Exception.Message | Should -Match 'kubelet: exit status 1'
        $e[0].ErrorDetails.RecommendedAction | Should -Match 'Remove-TkeMachine mc-'
        $stuck = Get-TkeMachine -ClusterName cls-a1b2c3d4 | Where-Object IP -eq '10.0.0.92'
        $stuck.Phase | Should -Be 'Initializing'
        $stuck.Reason | Should -Be 'FailedInit'
        $stuck.FailedStep.Type | Should -Be 'EnsureKubelet'
    }

    It '-Wait waits through EnsureNodeReady timing out, which TKEStack retries, until the node joins' {
        # 150 timeouts of one step's time (0.02 s) each: EnsureNodeReady stays False with FailedInit for
        # 3 s, so polls a second apart see it at least twice; a wait that gave up on it would fail here.
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $m = New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.96 -Credential $cred -Wait -TimeoutSec 60 -ErrorVariable e
        $watch.Elapsed.TotalSeconds | Should -BeGreaterThan 3
        $e | Should -BeNullOrEmpty
        $m.Phase | Should -Be 'Running'
        $m.StepsDone | Should -Be $Steps
        $ready = $m.Conditions | Where-Object Type -eq 'EnsureNodeReady'
        $ready.Status | Should -Be 'True'
        @(Get-SimRequest $sim -PathLike "$machinesPath/$($m.Name)" -Method GET).Count | Should -BeGreaterThan 3
    }

    It '-Wait reports phase Failed (a failed health check) as an error' {
        New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.93 -Credential $cred -Wait -TimeoutSec 60 -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeMachineFailed,TkeStack.Commands.NewTkeMachineCommand'
        $e[0].Exception.Message | Should -Match 'health check'
    }

    It 'creates piped machines first, then waits on them together, one error for the one that fails' {
        $made = '10.0.0.14', '10.0.0.92', '10.0.0.15' | New-TkeMachine -ClusterName cls-a1b2c3d4 -Credential $cred -Wait -TimeoutSec 60 -ErrorAction SilentlyContinue -ErrorVariable e
        $made.IP | Should -Be @('10.0.0.14', '10.0.0.15')
        $made.Phase | Should -Be @('Running', 'Running')
        $e.Count | Should -Be 1
        $e[0].Exception.Message | Should -Match '10\.0\.0\.92'
        $requests = @(Get-SimRequest $sim | Where-Object { $_.method -eq 'POST' -or $_.path -like "$machinesPath/mc-*" })
        $requests[0..2].method | Should -Be @('POST', 'POST', 'POST') -Because 'all creates go before the first poll'
    }

    It 'times out with TkeWaitTimeout naming the step reached' {
        $slow = Join-Path ([IO.Path]::GetTempPath()) "tke-slow-$([guid]::NewGuid()).json"
        @{ clusters = @(@{ name = 'cls-a1b2c3d4' }); keys = @(@{ user = 'admin'; administrator = $true }); machineStepSeconds = 100 } | ConvertTo-Json -Depth 5 | Set-Content $slow
        $s2 = Start-TkeSimulator -Seed $slow -TkeVersion $Release
        try {
            $c2 = Connect-Tke -Uri $s2.Url -Token $s2.AdminToken
            New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.16 -Credential $cred -Wait -TimeoutSec 1 -Session $c2 -ErrorAction SilentlyContinue -ErrorVariable e
            $e[0].FullyQualifiedErrorId | Should -Be 'TkeWaitTimeout,TkeStack.Commands.NewTkeMachineCommand'
            # Nothing written yet fits every release: the count is a range, not a guess.
            $e[0].Exception.Message | Should -Match 'EnsureCopyFiles \(step 1 of 23-25\)'
        }
        finally {
            Stop-TkeSimulator $s2
            Remove-Item $slow
            $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -MaximumRetryCount 3 -RetryIntervalSec 0.1
        }
    }

    It 'never shows the password in any of the six streams, errors, objects or JSON' {
        $secret = 'Str3am-S3cret-Pässwörd'
        $b64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($secret))
        $c = [pscredential]::new('root', (ConvertTo-SecureString $secret -AsPlainText -Force))
        $all = & {
            New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.17 -Credential $c -Wait -TimeoutSec 60 -Verbose -Debug
            New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.92 -Credential $c -Wait -TimeoutSec 60 -Verbose -Debug
            New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.90 -Credential $c -Verbose -Debug
            New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.94 -Credential $c -Verbose -Debug
            New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.17 -Credential $c -Verbose -Debug
            Get-TkeMachine -ClusterName cls-a1b2c3d4 -Verbose -Debug
            Write-Information 'information stream is captured too'
        } *>&1
        $all.Count | Should -BeGreaterThan 10
        @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 4
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        @($all | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 0
        @($all | Where-Object { $_ -is [System.Management.Automation.InformationRecord] }).Count | Should -BeGreaterThan 0
        $machines = @($all | Where-Object { $_ -is [TkeStack.Machine] })
        $machines.Count | Should -BeGreaterThan 1
        $machines[0].ApiObject.spec.password | Should -Be '********'
        $text = foreach ($r in $all) {
            $r | Out-String
            if ($r -is [System.Management.Automation.ErrorRecord]) { $r.Exception.ToString(); $r.ErrorDetails.Message; $r.ErrorDetails.RecommendedAction; "$($r.TargetObject)"; if ($r.Exception -is [TkeStack.Api.TkeApiException]) { $r.Exception.Status | ConvertTo-Json -Depth 5 } }
            if ($r -is [TkeStack.Machine]) { $r.ApiObject | ConvertTo-Json -Depth 10; $r | Format-List * | Out-String; "$r" }
        }
        $joined = $text -join "`n"
        $joined | Should -Not -Match ([regex]::Escape($secret))
        $joined | Should -Not -Match ([regex]::Escape($b64))
        $joined | Should -Match '10\.0\.0\.17' -Because 'the capture holds what was done'
    }
}

Describe 'Get-TkeMachine on TKEStack <Release>' -ForEach $releases {
    BeforeAll { Start-ReleaseSimulator $Release }
    AfterAll {
        Disconnect-Tke
        Stop-TkeSimulator $script:sim
    }
    BeforeEach { Clear-SimRequest $sim }

    It 'lists the machines of the key''s tenant' {
        $all = @(Get-TkeMachine)
        $all.Name | Should -Be @('mc-seed0001', 'mc-seed0002', 'mc-seed0003')
        $all[0] | Should -BeOfType TkeStack.Machine
        $all[0].ClusterName | Should -Be 'cls-a1b2c3d4'
        $all[0].IP | Should -Be '10.0.1.1'
        $all[0].Port | Should -Be 22
        $all[0].Type | Should -Be 'Baremetal'
        $all[0].Phase | Should -Be 'Running'
        $all[0].CreationTimestamp | Should -BeOfType datetime
        $all[0].ApiObject.spec.password | Should -Be '********'
        (Get-SimRequest $sim)[0].path | Should -Be $machinesPath
    }

    It 'filters by cluster, with a field selector the platform API indexes' {
        (Get-TkeMachine -ClusterName cls-e5f6g7h8).Name | Should -Be 'mc-seed0003'
        (Get-SimRequest $sim)[0].query | Should -Match 'fieldSelector=spec.clusterName%3Dcls-e5f6g7h8'
    }

    It 'writes ObjectNotFound for a -ClusterName that does not exist, instead of nothing' {
        Get-TkeMachine -ClusterName cls-a1b2c3d5 -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeApiNotFound,TkeStack.Commands.GetTkeMachineCommand'
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].TargetObject | Should -Be 'cls-a1b2c3d5'
    }

    It 'names the id when -ClusterName is a display name' {
        Get-TkeMachine -ClusterName prod-beijing -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
        $e[0].ErrorDetails.RecommendedAction | Should -Be 'Get-TkeCluster cls-a1b2c3d4'
    }

    It 'stays silent for a cluster that exists and has no machines' {
        Get-TkeMachine -ClusterName global -ErrorVariable e | Should -BeNullOrEmpty
        $e | Should -BeNullOrEmpty
        (Get-SimRequest $sim).path | Should -Be @($machinesPath, "$P/apis/platform.tkestack.io/v1/clusters/global")
    }

    It 'takes several -ClusterName values, each checked' {
        $m = Get-TkeMachine -ClusterName cls-e5f6g7h8, cls-nothere1, cls-a1b2c3d4 -ErrorAction SilentlyContinue -ErrorVariable e
        $m.Name | Should -Be @('mc-seed0003', 'mc-seed0001', 'mc-seed0002')
        $e.Count | Should -Be 1
        $e[0].TargetObject | Should -Be 'cls-nothere1'
        (Get-TkeMachine mc-seed0003 -ClusterName cls-a1b2c3d4, cls-e5f6g7h8).IP | Should -Be '10.0.1.3'
    }

    It 'takes machine names from the pipeline' {
        ('mc-seed0002', 'mc-seed0003' | Get-TkeMachine).IP | Should -Be @('10.0.1.2', '10.0.1.3')
        (Get-TkeMachine mc-seed0001, mc-seed0003 | Get-TkeMachine).Name | Should -Be @('mc-seed0001', 'mc-seed0003')
    }

    It 'binds -ClusterName from piped clusters' {
        (Get-TkeCluster cls-e5f6g7h8 | Get-TkeMachine).Name | Should -Be 'mc-seed0003'
    }

    It 'filters with wildcards, silently when nothing matches' {
        (Get-TkeMachine 'mc-seed000[12]').Name | Should -Be @('mc-seed0001', 'mc-seed0002')
        Get-TkeMachine 'nothing*' -ErrorVariable e | Should -BeNullOrEmpty
        $e | Should -BeNullOrEmpty
    }

    It 'reads a name with guide 3.2''s GET' {
        (Get-TkeMachine mc-seed0002).IP | Should -Be '10.0.1.2'
        (Get-SimRequest $sim)[0].path | Should -Be "$machinesPath/mc-seed0002"
    }

    It 'writes ObjectNotFound for a missing name, and for another tenant''s, and goes on' {
        $m = Get-TkeMachine mc-nothere1, mc-acme0001, mc-seed0001 -ErrorAction SilentlyContinue -ErrorVariable e
        $m.Name | Should -Be 'mc-seed0001'
        $e.Count | Should -Be 2
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeApiNotFound,TkeStack.Commands.GetTkeMachineCommand'
        $e[0].TargetObject | Should -Be 'mc-nothere1'
        $e[1].TargetObject | Should -Be 'mc-acme0001'
    }
}

Describe 'Remove-TkeMachine on TKEStack <Release>' -ForEach $releases {
    BeforeAll { Start-ReleaseSimulator $Release }
    AfterAll {
        Disconnect-Tke
        Stop-TkeSimulator $script:sim
    }
    BeforeEach {
        Reset-Simulator $sim
        Clear-SimRequest $sim
    }

    It 'follows TKEStack''s delete: 200 and Terminating, 409 while the node is removed (not a failure), then 404' {
        Remove-TkeMachine mc-seed0001 -Confirm:$false
        $m = Get-TkeMachine mc-seed0001
        Remove-TkeMachine mc-seed0001 -Confirm:$false -ErrorVariable e -WarningVariable w -WarningAction SilentlyContinue
        $e | Should -BeNullOrEmpty
        $w[0] | Should -Match 'already being removed'
        Get-TkeMachine mc-seed0001 -ErrorAction SilentlyContinue -ErrorVariable gone
        $deletes = @(Get-SimRequest $sim -Method DELETE)
        $deletes.path | Should -Be @("$machinesPath/mc-seed0001", "$machinesPath/mc-seed0001")
        $deletes.status | Should -Be @(200, 409)
        $m.Phase | Should -Be 'Terminating'
        $m.DeletionTimestamp | Should -Not -BeNullOrEmpty
        $gone[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It '-Wait polls until the machine is gone' {
        Remove-TkeMachine mc-seed0002 -Force -Wait -TimeoutSec 30
        Get-TkeMachine mc-seed0002 -ErrorAction SilentlyContinue -ErrorVariable gone
        $gone[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        (Get-SimRequest $sim -Method GET | Select-Object -First 1).path | Should -Be "$machinesPath/mc-seed0002"
    }

    It 'removes machines piped from Get-TkeMachine' {
        Get-TkeMachine -ClusterName cls-a1b2c3d4 | Remove-TkeMachine -Confirm:$false
        # The deletes run side by side (a throttled pipeline): which goes first is not fixed.
        (Get-SimRequest $sim -Method DELETE).path | Sort-Object | Should -Be @("$machinesPath/mc-seed0001", "$machinesPath/mc-seed0002")
    }

    It '-WhatIf sends no DELETE, with or without -Force' {
        Remove-TkeMachine mc-seed0001 -WhatIf
        Remove-TkeMachine mc-seed0001 -Force -WhatIf
        @(Get-SimRequest $sim -Method DELETE).Count | Should -Be 0
        (Get-TkeMachine mc-seed0001).Phase | Should -Be 'Running'
    }

    It 'names the IP and cluster of a piped machine in the -WhatIf line (and the prompt), reading nothing more' {
        $m = Get-TkeMachine mc-seed0002
        Clear-SimRequest $sim
        $log = Join-Path ([IO.Path]::GetTempPath()) "tke-whatif-$([guid]::NewGuid()).txt"
        Start-Transcript -Path $log | Out-Null
        try { $m | Remove-TkeMachine -WhatIf }
        finally { Stop-Transcript | Out-Null }
        $text = Get-Content $log -Raw
        Remove-Item $log
        $text | Should -Match 'on target "mc-seed0002 \(10\.0\.1\.2 in cls-a1b2c3d4\)"'
        Get-SimRequest $sim | Should -BeNullOrEmpty
    }

    It 'asks for confirmation (ConfirmImpact High) unless -Force' {
        (Get-Command Remove-TkeMachine).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        Remove-TkeMachine mc-seed0001 -Force
        @(Get-SimRequest $sim -Method DELETE).Count | Should -Be 1
    }

    It 'writes ObjectNotFound for a missing machine, and refuses wildcards before any request' {
        Remove-TkeMachine mc-nothere1 -Force -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].TargetObject | Should -Be 'mc-nothere1'
        Clear-SimRequest $sim
        Remove-TkeMachine 'mc-*' -Force -ErrorAction SilentlyContinue -ErrorVariable w
        $w[0].FullyQualifiedErrorId | Should -Be 'TkeWildcardNotAllowed,TkeStack.Commands.RemoveTkeMachineCommand'
        @(Get-SimRequest $sim).Count | Should -Be 0
    }
}
