# The advice the module gives: every RecommendedAction an error can carry, provoked against the
# simulator, and each command in it run exactly as written (with -WhatIf where it changes things).
# A case names the commands its advice holds; any other cmdlet of the module named in the advice fails
# the case, so a new piece of advice with a command cannot go unrun.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:sim = Start-TkeSimulator
    $script:cred = [pscredential]::new('root', (ConvertTo-SecureString '123456' -AsPlainText -Force))
    $script:tkeVerbs = (Get-Command -Module TkeStack).Name -join '|'

    # The commands of the module named in a piece of advice, each from its name to the end of the
    # command as the case declares it.
    function Get-AdviceCommand([string] $Action, [string[]] $Declared) {
        foreach ($m in [regex]::Matches($Action, "\b($tkeVerbs)\b")) {
            $found = $Declared | Where-Object { $Action.Substring($m.Index).StartsWith($_) }
            if (-not $found) { throw "The advice names $($m.Value) at '$($Action.Substring($m.Index))', which no case runs." }
            $found | Select-Object -First 1
        }
    }

    # Runs a command as a user pastes it; a command that changes things gets -WhatIf.
    function Invoke-Advice([string] $Command) {
        $changes = $Command -match '^(Set|New|Remove)-Tke'
        $text = if ($changes) { "$Command -WhatIf" } else { $Command }
        $ErrorActionPreference = 'Stop'
        & ([scriptblock]::Create($text))
    }
}
AfterAll {
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
}

Describe 'Every RecommendedAction runs as written' {
    BeforeEach {
        Reset-Simulator $sim
        Clear-SimFault $sim
        $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
    }

    It '<Case>' -ForEach @(
        @{
            Case     = 'a key refused mid-script (401): Connect-Tke -Token alone reconnects the session held'
            Provoke  = {
                Set-SimFault $sim status -Status 401 -Path '/platform/apis/platform.tkestack.io/v1/clusters' -Times 1 | Out-Null
                Get-TkeCluster -ErrorAction SilentlyContinue -ErrorVariable e; $e
            }
            Id       = 'TkeApiUnauthorized', 'TkeApiHttp401'
            Commands = @('Connect-Tke -Token (Read-Host -AsSecureString)')
            # Read-Host is what the user types the new key into.
            Before   = { function Read-Host { $sim.AdminToken } }
            After    = { [object]::ReferenceEquals((Get-TkeSession), $session) | Should -BeTrue; @(Get-TkeCluster).Count | Should -BeGreaterThan 0 }
        }
        @{
            Case     = 'a console login (-Credential) at the guide''s console, which has none: the key is its way'
            Provoke  = {
                $login = [pscredential]::new('admin', (ConvertTo-SecureString 'Admin@2026' -AsPlainText -Force))
                try { Connect-Tke -Uri $sim.Url -Credential $login } catch { $_ }
            }
            Id       = 'TkeNoConsoleLogin'
            Commands = @('Connect-Tke -Token (Read-Host -AsSecureString)')
            # Read-Host is what the user types the key into.
            Before   = { function Read-Host { $sim.AdminToken } }
            After    = { [object]::ReferenceEquals((Get-TkeSession), $session) | Should -BeTrue; (Get-TkeSession).Dialect | Should -Be 'Console' }
        }
        @{
            Case     = 'a display name given as a cluster id'
            Provoke  = { Get-TkeCluster prod-beijing -ErrorAction SilentlyContinue -ErrorVariable e; $e }
            Id       = 'TkeApiNotFound'
            Commands = @('Get-TkeCluster cls-a1b2c3d4')
            Output   = 'cls-a1b2c3d4'
        }
        @{
            Case     = 'a display name given as -ClusterName of Get-TkeMachine'
            Provoke  = { Get-TkeMachine -ClusterName staging-shanghai -ErrorAction SilentlyContinue -ErrorVariable e; $e }
            Id       = 'TkeApiNotFound'
            Commands = @('Get-TkeCluster cls-e5f6g7h8')
            Output   = 'cls-e5f6g7h8'
        }
        @{
            Case     = 'a rollout whose new pod cannot pull its image'
            Provoke  = {
                Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web -Container app -Image nginx:does-not-exist -Wait -ErrorAction SilentlyContinue -ErrorVariable e
                $e
            }
            Id       = 'TkeRolloutFailed'
            Commands = @("Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web -Container app -Image 'registry.example.com/shop/web:1.0'")
        }
        @{
            Case     = 'a machine whose IP the cluster already has'
            Provoke  = {
                $script:created = (New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.41 -Credential $cred).Name
                New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.41 -Credential $cred -ErrorAction SilentlyContinue -ErrorVariable e; $e
            }
            Id       = 'TkeMachineExists'
            # {0}: the name TKEStack generated for the machine.
            Commands = @('Get-TkeMachine {0}', 'Remove-TkeMachine {0}')
        }
        @{
            Case     = 'a create whose outcome is unknown (503)'
            Provoke  = {
                Set-SimFault $sim status -Method POST -Path '*/machines' -Status 503 -Times 1 | Out-Null
                New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.42 -Credential $cred -ErrorAction SilentlyContinue -ErrorVariable e
                $e
            }
            Id       = 'TkeApiHttp503', 'TkeApiServiceUnavailable'
            Commands = @("Get-TkeMachine -ClusterName cls-a1b2c3d4 | Where-Object IP -eq '10.0.0.42'",
                "New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.42 -Port 22 -Credential (Get-Credential root)")
            # Get-Credential is where the user types the node's password.
            Before   = { function Get-Credential { $cred } }
        }
        @{
            Case     = 'an install step that fails'
            Provoke  = {
                New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.251 -Credential $cred -Wait -ErrorAction SilentlyContinue -ErrorVariable e
                $script:created = (Get-TkeMachine -ClusterName cls-a1b2c3d4 | Where-Object IP -eq '10.0.0.251').Name
                $e
            }
            Id       = 'TkeMachineInstallFailed'
            Commands = @('Remove-TkeMachine {0}')
        }
        @{
            Case     = 'a project I am not a member of'
            Provoke  = {
                $alice = Connect-Tke -Uri $sim.Url -Token $sim.MemberToken
                Get-TkeProject prj-ops00001 -Session $alice -ErrorAction SilentlyContinue -ErrorVariable e; $e
            }
            Id       = 'TkeApiForbidden'
            Commands = @('Get-TkeProject')
        }
        @{
            Case     = 'a node the SSH check refuses (422): advice without a command'
            Provoke  = { New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.250 -Credential $cred -ErrorAction SilentlyContinue -ErrorVariable e; $e }
            Id       = 'TkeApiInvalid'
            Commands = @()
        }
        @{
            Case     = 'a namespace typo of Get-TkeWorkload'
            Provoke  = { Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shpo -Kind Deployment -ErrorAction SilentlyContinue -ErrorVariable e; $e }
            Id       = 'TkeApiNotFound'
            Commands = @('Get-TkeNamespace -ClusterName cls-a1b2c3d4')
        }
        @{
            Case     = 'a cluster without the TApp kind: advice without a command'
            Provoke  = { Get-TkeWorkload -ClusterName cls-imp0rt01 -Namespace default -Kind TApp -ErrorAction SilentlyContinue -ErrorVariable e; $e }
            Id       = 'TkeTAppNotInstalled'
            Commands = @()
        }
        @{
            Case     = 'rate limiting (429): advice without a command'
            Provoke  = {
                $once = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -MaximumRetryCount 0
                Set-SimFault $sim status -Path '/platform/apis/platform.tkestack.io/v1/clusters/global' -Status 429 | Out-Null
                Get-TkeCluster global -Session $once -ErrorAction SilentlyContinue -ErrorVariable e; $e
            }
            Id       = 'TkeApiTooManyRequests', 'TkeApiHttp429'
            Commands = @()
        }
    ) {
        $Before, $After, $Output = $_['Before'], $_['After'], $_['Output']
        $script:created = $null
        $e = @(& $Provoke)
        $Commands = @($Commands | ForEach-Object { $_ -f $script:created })
        $e.Count | Should -BeGreaterThan 0
        $record = $e[-1]
        $record.FullyQualifiedErrorId.Split(',')[0] | Should -BeIn $Id
        $action = $record.ErrorDetails.RecommendedAction
        $action | Should -Not -BeNullOrEmpty
        foreach ($c in $Commands) { $action | Should -BeLike "*$c*" -Because 'the advice prints the command as it is run' }
        $run = @(Get-AdviceCommand $action $Commands)
        $run.Count | Should -Be $Commands.Count
        if ($Before) { . $Before }
        foreach ($command in $run) {
            $out = Invoke-Advice $command
            if ($Output) { "$($out.Name)" | Should -Be $Output }
        }
        if ($After) { & $After }
    }
}

Describe 'Every RecommendedAction of an open-source TKEStack runs as written' {
    # The advice of issue #14's errors, against the simulator's open-source gateway (v1.9: CSRF).
    BeforeAll { $script:gw = Start-TkeSimulator -Gateway open-source -TkeVersion 1.9 }
    AfterAll { Stop-TkeSimulator $script:gw }
    BeforeEach { Disconnect-Tke; Set-SimLogin $gw -LifetimeSeconds 86400 }
    AfterEach { Remove-Item Env:TKE_TOKEN -ErrorAction SilentlyContinue }

    It '<Case>' -ForEach @(
        @{
            Case     = 'a project (业务) call with an API key: the business API takes console logins only'
            Provoke  = {
                $null = Connect-Tke -Uri $gw.Url -Token $gw.AdminToken
                Get-TkeProject -ErrorAction SilentlyContinue -ErrorVariable e; $e
            }
            Id       = 'TkeBusinessNeedsLogin'
            Commands = @('Connect-Tke -Uri {0} -Credential (Get-Credential)')
            # Get-Credential is where the user types the console's user name and password.
            Before   = { function Get-Credential { $gw.AdminCredential } }
            After    = { (Get-TkeSession).CredentialKind | Should -Be 'ConsoleLogin'; @(Get-TkeProject).Count | Should -BeGreaterThan 0 }
        }
        @{
            Case     = 'the guide''s form with empty prefixes at the gateway (tkestack/tke#1748)'
            Provoke  = { try { Connect-Tke -Uri $gw.Url -Token $gw.AdminToken -PlatformPrefix '' -BusinessPrefix '' } catch { $_ } }
            Id       = 'TkeOpenSourceGateway'
            Commands = @('Connect-Tke -Uri {0} -Dialect OpenSource')
            # The key comes from the CI job's environment, as Connect-Tke reads it.
            Before   = { $env:TKE_TOKEN = $gw.AdminTokenText }
            After    = { (Get-TkeSession).Dialect | Should -Be 'OpenSource'; @(Get-TkeCluster).Count | Should -BeGreaterThan 0 }
        }
        @{
            Case     = 'the guide''s dialect forced at the gateway: its login redirect'
            Provoke  = { try { Connect-Tke -Uri $gw.Url -Token $gw.AdminToken -Dialect Console } catch { $_ } }
            Id       = 'TkeNotApi'
            Commands = @('Connect-Tke -Uri {0} -Dialect OpenSource')
            Before   = { $env:TKE_TOKEN = $gw.AdminTokenText }
            After    = { (Get-TkeSession).Dialect | Should -Be 'OpenSource' }
        }
        @{
            Case     = 'nothing listening where Connect-Tke was pointed (tkestack/tke#1423)'
            Provoke  = {
                $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
                $listener.Start(); $script:closed = "http://127.0.0.1:$($listener.LocalEndpoint.Port)"; $listener.Stop()
                try { Connect-Tke -Uri $closed -Token $gw.AdminToken -MaximumRetryCount 0 } catch { $_ }
            }
            Id       = 'TkeConnectionFailed'
            Commands = @('Test-TkeConnection {1}')
            After    = { @(Test-TkeConnection $closed -TimeoutSec 5)[0].Advice | Should -Match '31180' }
        }
        @{
            Case     = 'a console login that lapsed and could not be renewed'
            Provoke  = {
                Set-SimLogin $gw -LifetimeSeconds -60
                try { Connect-Tke -Uri $gw.Url -Credential $gw.AdminCredential } catch { $_ }
            }
            Id       = 'TkeLoginExpired'
            Commands = @('Connect-Tke -Uri {0} -Credential (Get-Credential)')
            Before   = { Set-SimLogin $gw -LifetimeSeconds 86400; function Get-Credential { $gw.AdminCredential } }
            After    = { (Get-TkeSession).CredentialKind | Should -Be 'ConsoleLogin' }
        }
    ) {
        $Before, $After = $_['Before'], $_['After']
        $script:closed = $null
        $e = @(& $Provoke)
        $Commands = @($Commands | ForEach-Object { $_ -f $gw.Url.TrimEnd('/'), $script:closed })
        $record = $e[-1]
        $record.FullyQualifiedErrorId.Split(',')[0] | Should -BeIn $Id
        $record.CategoryInfo.Category | Should -BeIn 'AuthenticationError', 'InvalidResult', 'ConnectionError'
        $action = $record.Exception.RecommendedAction
        foreach ($c in $Commands) { $action | Should -BeLike "*$c*" -Because 'the advice prints the command as it is run' }
        $run = @(Get-AdviceCommand $action $Commands)
        $run.Count | Should -Be $Commands.Count
        if ($Before) { . $Before }
        foreach ($command in $run) { $null = Invoke-Advice $command }
        if ($After) { & $After }
    }
}
