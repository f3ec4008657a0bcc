# Connecting to an open-source TKEStack (issue #14): Connect-Tke finds the gateway's dialect, logs in
# as the console does and renews the login, New-TkeApiKey, Test-TkeConnection, and the answers to
# tkestack/tke#1748, #1400 and #1423, against the simulator's open-source gateway (--gateway
# open-source) of v1.4 (no CSRF check) and v1.9 (CSRF from v1.9.1, NodePorts).
BeforeDiscovery {
    $script:releases = @(@{ Release = '1.4' }, @{ Release = '1.9' })
}
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    # The module's commands in a step's advice, each as printed; any other mention of a cmdlet of the
    # module fails, so a command added to the advice cannot go unrun.
    function script:Get-StepCommand([string] $Advice) {
        $names = (Get-Command -Module TkeStack).Name -join '|'
        foreach ($m in [regex]::Matches($Advice, "\b($names)\b")) {
            $command = [regex]::Match($Advice.Substring($m.Index), '^\S+ -Uri \S+ -Credential \(Get-Credential\)')
            if (-not $command.Success) { throw "The advice names $($m.Value) at '$($Advice.Substring($m.Index))', which this test does not run." }
            $command.Value
        }
    }
    # The text of every stream of a block, as a user or a CI log would see it.
    function script:AllText([scriptblock] $Block) {
        $out = & $Block *>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { "$_ $($_.ErrorDetails) $($_.Exception.RecommendedAction)" } else { $_ | Out-String -Width 200 } }
        $out -join "`n"
    }
}
AfterAll { Disconnect-Tke }

Describe 'An open-source TKEStack <Release>' -ForEach $releases {
    BeforeAll {
        $script:gw = Start-TkeSimulator -Gateway open-source -TkeVersion $Release
        $script:password = $gw.AdminCredential.GetNetworkCredential().Password
    }
    AfterAll { Stop-TkeSimulator $script:gw }
    BeforeEach { Disconnect-Tke; Clear-SimRequest $gw; Set-SimLogin $gw -LifetimeSeconds 86400 }

    Context 'with an API key' {
        It 'is found by Connect-Tke, which then sends the key in the tke cookie with its CSRF header and no prefix (tkestack/tke#1400)' {
            $s = Connect-Tke -Uri $gw.Url -Token $gw.AdminToken
            $s.Dialect | Should -Be 'OpenSource'
            $s.CredentialKind | Should -Be 'ApiKey'
            $s.PlatformPrefix | Should -Be ''
            $s.User | Should -Be 'admin'
            $r = @(Get-SimRequest $gw)
            # The guide's form first: the gateway sends /platform to its login page.
            $r[0].path | Should -Be '/platform/apis/platform.tkestack.io/v1/clusters'
            $r[0].status | Should -Be 302
            $r[1].path | Should -Be '/apis/platform.tkestack.io/v1/clusters'
            $r[1].status | Should -Be 200
            $r[1].headers.Cookie | Should -Not -BeNullOrEmpty
            $r[1].headers.'X-CSRF-TOKEN' | Should -Not -BeNullOrEmpty
            $r[1].headers.PSObject.Properties['Authorization'] | Should -BeNullOrEmpty
            Get-TkeCluster cls-a1b2c3d4 | Select-Object -ExpandProperty Name | Should -Be 'cls-a1b2c3d4'
        }

        It 'says a project (业务) call needs a console login (its advice runs in Advice.Tests.ps1)' {
            $null = Connect-Tke -Uri $gw.Url -Token $gw.AdminToken
            { Get-TkeProject -ErrorAction Stop } | Should -Throw -ErrorId 'TkeBusinessNeedsLogin,TkeStack.Commands.GetTkeProjectCommand'
            $e = $Error[0]
            $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $e.Exception.Message | Should -Match '业务'
            $e.Exception.Message | Should -Not -Match 'expired'
            $e.Exception.RecommendedAction | Should -Match '^Connect-Tke -Uri \S+ -Credential \(Get-Credential\)'
        }

        It 'answers tkestack/tke#1748 (no /platform: 401 "named cookie not present") with the dialect to use' {
            { Connect-Tke -Uri $gw.Url -Token $gw.AdminToken -PlatformPrefix '' -BusinessPrefix '' -ErrorAction Stop } |
                Should -Throw -ErrorId 'TkeOpenSourceGateway,TkeStack.Commands.ConnectTkeCommand'
            $e = $Error[0]
            $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $e.Exception.Message | Should -Match 'named cookie not present'
            $e.Exception.RecommendedAction | Should -Match '-Dialect OpenSource'
        }

        It 'gives the gateway''s login redirect with the dialect to use when the guide''s form is forced' {
            { Connect-Tke -Uri $gw.Url -Token $gw.AdminToken -Dialect Console -ErrorAction Stop } | Should -Throw -ErrorId 'TkeNotApi,TkeStack.Commands.ConnectTkeCommand'
            $Error[0].Exception.RecommendedAction | Should -Match '-Dialect OpenSource'
            @(Get-SimRequest $gw -PathLike '/apis/*').Count | Should -Be 0
        }

        It 'takes the address of the console''s web page, as a browser shows it, for the console''s root' {
            $page = "$($gw.Url.TrimEnd('/'))/tkestack/cluster"
            $s = Connect-Tke -Uri $page -Token $gw.AdminToken
            $s.Uri | Should -Be ([uri]$gw.Url)
            $s.Dialect | Should -Be 'OpenSource'
            (Get-SimRequest $gw).path | Should -Not -Contain '/tkestack/cluster/apis/platform.tkestack.io/v1/clusters'
            @(Test-TkeConnection $page -Token $gw.AdminToken)[-1].Command | Should -Be "Connect-Tke -Uri $($gw.Url.TrimEnd('/')) -Token `$key"
        }

        It 'is refused with the key page''s advice when the platform refuses the key' {
            $disabled = New-SimKey $gw -User dave -Disabled
            { Connect-Tke -Uri $gw.Url -Token (ConvertTo-SecureString $disabled.token -AsPlainText -Force) -ErrorAction Stop } |
                Should -Throw -ErrorId 'TkeApiUnauthorized,TkeStack.Commands.ConnectTkeCommand'
            $Error[0].Exception.RecommendedAction | Should -Match '访问凭证'
        }
    }

    Context 'with a console login' {
        It 'logs in as the console does and reaches platform and business' {
            $s = Connect-Tke -Uri $gw.Url -Credential $gw.MemberCredential
            $s.Dialect | Should -Be 'OpenSource'
            $s.CredentialKind | Should -Be 'ConsoleLogin'
            $s.User | Should -Be 'alice'
            $s.ExpiresAt | Should -BeGreaterThan (Get-Date).AddHours(23)
            $login = @(Get-SimRequest $gw -PathLike '/apis/gateway.tkestack.io/v1/tokens*')
            $login.Count | Should -Be 1
            $login[0].method | Should -Be 'POST'
            $login[0].contentType | Should -Match 'application/x-www-form-urlencoded'
            $login[0].headers.PSObject.Properties['Cookie'] | Should -BeNullOrEmpty
            # What a member sees of the portal changed in v1.9.1 (Project.Tests.ps1): shop is theirs in both.
            @(Get-TkeProject).Name | Should -Contain 'prj-shop0001'
            @(Get-TkeCluster).Count | Should -BeGreaterThan 0
        }

        It 'refuses a wrong password with TkeLoginFailed and stores nothing' {
            $wrong = [pscredential]::new('admin', (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
            { Connect-Tke -Uri $gw.Url -Credential $wrong -ErrorAction Stop } | Should -Throw -ErrorId 'TkeLoginFailed,TkeStack.Commands.ConnectTkeCommand'
            $Error[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            "$($Error[0]) $($Error[0].Exception.RecommendedAction)" | Should -Not -Match 'not-the-password'
            Get-TkeSession | Should -BeNullOrEmpty
        }

        It 'refuses an empty user name or password, and the guide''s dialect, before any request' {
            $empty = [pscredential]::new('admin', (New-Object System.Security.SecureString))
            { Connect-Tke -Uri $gw.Url -Credential $empty -ErrorAction Stop } | Should -Throw -ErrorId 'TkeInvalidCredential,TkeStack.Commands.ConnectTkeCommand'
            { Connect-Tke -Uri $gw.Url -Credential $gw.AdminCredential -Dialect Console -ErrorAction Stop } | Should -Throw -ErrorId 'TkeInvalidDialect,TkeStack.Commands.ConnectTkeCommand'
            { Connect-Tke -Uri $gw.Url -Credential $gw.AdminCredential -PlatformPrefix /platform -ErrorAction Stop } | Should -Throw -ErrorId 'TkeInvalidDialect,TkeStack.Commands.ConnectTkeCommand'
            @(Get-SimRequest $gw).Count | Should -Be 0
        }

        It 'renews the login before it lapses, then goes on with the new one' {
            Set-SimLogin $gw -LifetimeSeconds 120
            $s = Connect-Tke -Uri $gw.Url -Credential $gw.AdminCredential
            $first = $s.ExpiresAt
            Clear-SimRequest $gw
            $null = Get-TkeCluster cls-a1b2c3d4
            $r = @(Get-SimRequest $gw)
            $r[0].path | Should -Be '/apis/gateway.tkestack.io/v1/tokens/renew'
            $r[0].status | Should -Be 201
            $r[1].path | Should -Be '/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4'
            $r[1].status | Should -Be 200
            $s.ExpiresAt | Should -BeGreaterOrEqual $first
            $s.CredentialKind | Should -Be 'ConsoleLogin'
        }

        It 'goes on with a login that cannot be renewed, asking once' {
            Set-SimLogin $gw -LifetimeSeconds 120 -NoRefresh
            $null = Connect-Tke -Uri $gw.Url -Credential $gw.AdminCredential
            $null = Get-TkeCluster cls-a1b2c3d4
            $null = Get-TkeCluster cls-a1b2c3d4
            $renews = @(Get-SimRequest $gw -PathLike '*/tokens/renew')
            $renews.Count | Should -Be 1
            $renews[0].status | Should -Be 204
            @(Get-SimRequest $gw -PathLike '/apis/platform.tkestack.io/v1/clusters/*' | Where-Object status -eq 200).Count | Should -Be 2
        }

        It 'says a lapsed login expired' {
            Set-SimLogin $gw -LifetimeSeconds -60
            { Connect-Tke -Uri $gw.Url -Credential $gw.AdminCredential -ErrorAction Stop } | Should -Throw -ErrorId 'TkeLoginExpired,TkeStack.Commands.ConnectTkeCommand'
            $e = $Error[0]
            $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $e.Exception.Message | Should -Match 'expired at'
            Get-TkeSession | Should -BeNullOrEmpty
        }

        It 'renews once at a time when parallel runspaces share the session, and every call goes through' {
            Set-SimLogin $gw -LifetimeSeconds 120
            $s = Connect-Tke -Uri $gw.Url -Credential $gw.AdminCredential
            Clear-SimRequest $gw
            $module = $env:TKESTACK_MODULE
            $names = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
                Import-Module $using:module
                foreach ($i in 1..5) { (Get-TkeCluster cls-a1b2c3d4 -Session $using:s -ErrorAction Stop).Name }
            }
            $names | Should -Be @(1..40 | ForEach-Object { 'cls-a1b2c3d4' })
            # A refresh token is spent by its renewal (a second use answers 500): renewals never overlap.
            $renews = @(Get-SimRequest $gw -PathLike '*/tokens/renew')
            $renews.Count | Should -BeGreaterThan 0
            $renews.status | Select-Object -Unique | Should -Be 201
            @(Get-SimRequest $gw -PathLike '/apis/platform.tkestack.io/v1/clusters/*' | Where-Object status -ne 200).Count | Should -Be 0
        }

        It 'is ended by Disconnect-Tke: the cookie is dropped and nothing more is sent with it' {
            $s = Connect-Tke -Uri $gw.Url -Credential $gw.AdminCredential
            Disconnect-Tke
            $s.Disconnected | Should -BeTrue
            Clear-SimRequest $gw
            { Get-TkeCluster -Session $s -ErrorAction Stop } | Should -Throw -ErrorId 'TkeNotConnected*'
            @(Get-SimRequest $gw).Count | Should -Be 0
        }

        It 'is reconnected by Connect-Tke -Credential alone, keeping the dialect and the session held' {
            $s = Connect-Tke -Uri $gw.Url -Credential $gw.AdminCredential
            $again = Connect-Tke -Credential $gw.AdminCredential
            [object]::ReferenceEquals($again, $s) | Should -BeTrue
            $s.Dialect | Should -Be 'OpenSource'
            @(Get-TkeProject -Session $s).Count | Should -BeGreaterThan 0
        }

        It 'never shows the password or the login cookie: not in any stream, error, object or export' {
            $text = AllText {
                $s = Connect-Tke -Uri $gw.Url -Credential $gw.AdminCredential -Verbose -Debug
                $s | Format-List * | Out-String ; $s | ConvertTo-Json -Depth 4 ; $s | Export-Csv -Path TestDrive:/s.csv ; Get-Content TestDrive:/s.csv
                Get-TkeProject -Verbose -Debug
                try { Connect-Tke -Uri $gw.Url -Credential ([pscredential]::new('admin', (ConvertTo-SecureString "$password-x" -AsPlainText -Force))) -Verbose -Debug }
                catch { "$_ $($_.ErrorDetails) $($_.Exception.RecommendedAction) $($_.Exception.InnerException)" }
            }
            $text | Should -Match 'TkeLoginFailed|refused the user name'
            $text | Should -Not -Match ([regex]::Escape("$password-x"))
            $text | Should -Match 'prj-shop0001'
            $text | Should -Not -Match ([regex]::Escape($password))
            # The cookie is base64 of {"i":...}: it starts eyJpIjoi.
            $text | Should -Not -Match 'eyJpIjoi'
            $text | Should -Not -Match 'tke='
        }
    }

    Context 'New-TkeApiKey' {
        It 'makes a key from a user name and password that Connect-Tke takes' {
            $made = New-TkeApiKey -Uri $gw.Url -Credential $gw.AdminCredential -Expire (New-TimeSpan -Days 1) -Description 'nightly job'
            $made | Should -BeOfType TkeStack.TkeApiKey
            $made.Key | Should -BeOfType System.Security.SecureString
            $made.User | Should -Be 'admin'
            $made.Description | Should -Be 'nightly job'
            ($made.ExpiresAt - $made.IssuedAt).TotalHours | Should -BeGreaterThan 23.9
            $r = @(Get-SimRequest $gw -Method POST)
            $r[-1].path | Should -Be '/apis/auth.tkestack.io/v1/apikeys/default/password/'
            $r[-1].headers.PSObject.Properties['Cookie'] | Should -BeNullOrEmpty
            $s = Connect-Tke -Uri $gw.Url -Token $made.Key
            $s.User | Should -Be 'admin'
            ($made | Out-String) + ($made | ConvertTo-Json) | Should -Not -Match 'eyJ'
        }

        It 'shows a wrong password that tke-auth echoes as ***' {
            $wrong = [pscredential]::new('admin', (ConvertTo-SecureString 'Wr0ng-pass' -AsPlainText -Force))
            { New-TkeApiKey -Uri $gw.Url -Credential $wrong -ErrorAction Stop } | Should -Throw -ErrorId 'TkeApiKeyRefused,TkeStack.Commands.NewTkeApiKeyCommand'
            $e = $Error[0]
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $e.Exception.Message | Should -Match '\.password: Invalid value: "\*\*\*"'
            $base64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('Wr0ng-pass'))
            "$e $($e.Exception.Status.Message) $($e.Exception.InnerException.Message)" | Should -Not -Match ([regex]::Escape($base64))
        }

        It 'refuses a lifetime tke-auth would refuse, and -WhatIf, before any request' {
            { New-TkeApiKey -Uri $gw.Url -Credential $gw.AdminCredential -Expire 0 -ErrorAction Stop } | Should -Throw -ErrorId 'TkeInvalidExpire,TkeStack.Commands.NewTkeApiKeyCommand'
            { New-TkeApiKey -Uri $gw.Url -Credential $gw.AdminCredential -Expire (New-TimeSpan -Days 40000) -ErrorAction Stop } | Should -Throw -ErrorId 'TkeInvalidExpire,TkeStack.Commands.NewTkeApiKeyCommand'
            New-TkeApiKey -Uri $gw.Url -Credential $gw.AdminCredential -WhatIf | Should -BeNullOrEmpty
            @(Get-SimRequest $gw).Count | Should -Be 0
        }
    }

    Context 'Test-TkeConnection' {
        It 'finds the gateway, the key and the business API''s refusal, and ends with the command that works' {
            $steps = @(Test-TkeConnection $gw.Url -Token $gw.AdminToken)
            ($steps | Where-Object Check -eq "Guide's console").Finding | Should -Match 'tkestack/tke#1400'
            ($steps | Where-Object Check -eq 'Open-source gateway').Finding | Should -Match 'tkestack/tke#1748'
            ($steps | Where-Object Check -eq 'Key via gateway').Result | Should -Be 'Passed'
            ($steps | Where-Object Check -eq 'Business API (业务)').Result | Should -Be 'Warning'
            $steps[-1].Command | Should -Be "Connect-Tke -Uri $($gw.Url.TrimEnd('/')) -Token `$key"
            $key = $gw.AdminToken
            $null = Invoke-Expression $steps[-1].Command
            (Get-TkeSession).Dialect | Should -Be 'OpenSource'
            # The business step's advice, pasted: the console login reaches projects.
            $advice = ($steps | Where-Object Check -eq 'Business API (业务)').Advice
            $run = @(Get-StepCommand $advice)
            $run | Should -Be "Connect-Tke -Uri $($gw.Url.TrimEnd('/')) -Credential (Get-Credential)"
            function Get-Credential { $gw.AdminCredential }
            $null = Invoke-Expression $run[0]
            @(Get-TkeProject).Count | Should -BeGreaterThan 0
        }

        It 'says what to do when the gateway refuses the key, and both commands work as printed' {
            $disabled = New-SimKey $gw -User dave -Disabled
            $steps = @(Test-TkeConnection $gw.Url -Token (ConvertTo-SecureString $disabled.token -AsPlainText -Force))
            $step = $steps | Where-Object Check -eq 'Key via gateway'
            $step.Result | Should -Be 'Failed'
            $run = @(Get-StepCommand $step.Advice)
            $run | Should -Be @("New-TkeApiKey -Uri $($gw.Url.TrimEnd('/')) -Credential (Get-Credential)", "Connect-Tke -Uri $($gw.Url.TrimEnd('/')) -Credential (Get-Credential)")
            function Get-Credential { $gw.AdminCredential }
            $made = Invoke-Expression $run[0]
            $made | Should -BeOfType TkeStack.TkeApiKey
            $null = Invoke-Expression $run[1]
            (Get-TkeSession).CredentialKind | Should -Be 'ConsoleLogin'
        }

        It 'tries the console login with -Credential, and -Quiet answers $true or $false' {
            $steps = @(Test-TkeConnection $gw.Url -Credential $gw.MemberCredential)
            ($steps | Where-Object Check -eq '业务, logged in').Result | Should -Be 'Passed'
            $steps[-1].Command | Should -Match '-Credential \(Get-Credential\)$'
            Test-TkeConnection $gw.Url -Credential $gw.MemberCredential -Quiet | Should -BeTrue
            $wrong = [pscredential]::new('alice', (ConvertTo-SecureString 'nope' -AsPlainText -Force))
            Test-TkeConnection $gw.Url -Credential $wrong -Quiet | Should -BeFalse
        }
    }
}

Describe 'tkestack/tke#1423: nothing listens on the guide''s port 8080' {
    It 'Test-TkeConnection says where an open-source console listens instead' {
        # A port that was free a moment ago and is closed now.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $steps = @(Test-TkeConnection "http://127.0.0.1:$port" -TimeoutSec 5)
        $steps[0].Check | Should -Be 'Listening'
        $steps[0].Result | Should -Be 'Failed'
        $steps[0].Advice | Should -Match '31180'
        $steps[-1].Result | Should -Be 'Failed'
        Test-TkeConnection "http://127.0.0.1:$port" -TimeoutSec 5 -Quiet | Should -BeFalse
    }

    It 'Test-TkeConnection finds the guide''s console, and the command it prints works' {
        $console = Start-TkeSimulator -Gateway console
        try {
            $steps = @(Test-TkeConnection $console.Url -Token $console.AdminToken)
            ($steps | Where-Object Check -eq "Guide's console").Result | Should -Be 'Passed'
            $key = $console.AdminToken
            $null = Invoke-Expression $steps[-1].Command
            (Get-TkeSession).Dialect | Should -Be 'Console'
            # The guide's console has no such login, nor tke-auth's password path: said so, with the key's way.
            Clear-SimRequest $console
            $cred = [pscredential]::new('admin', (ConvertTo-SecureString 'Admin@2026' -AsPlainText -Force))
            { Connect-Tke -Uri $console.Url -Credential $cred -ErrorAction Stop } | Should -Throw -ErrorId 'TkeNoConsoleLogin,TkeStack.Commands.ConnectTkeCommand'
            $Error[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $Error[0].Exception.RecommendedAction | Should -Match '-Token'
            { New-TkeApiKey -Uri $console.Url -Credential $cred -ErrorAction Stop } | Should -Throw -ErrorId 'TkeNoConsoleLogin,TkeStack.Commands.NewTkeApiKeyCommand'
            $Error[0].Exception.RecommendedAction | Should -Match '访问凭证'
            (Get-SimRequest $console).method | Should -Be @('POST', 'POST')
        }
        finally { Disconnect-Tke; Stop-TkeSimulator $console }
    }
}

Describe 'The open-source examples of README and help, run as shown on the simulator''s address' {
    BeforeDiscovery {
        $script:blocks = @()
        $readme = Get-Content (Join-Path $PSScriptRoot '../README.md') -Raw
        $connecting = [regex]::Match($readme, '(?s)## Connecting:.*?```powershell\r?\n(.*?)```').Groups[1].Value
        $script:blocks += @{ Where = 'README Connecting'; Code = $connecting }
        foreach ($name in 'New-TkeApiKey', 'Test-TkeConnection', 'Connect-Tke') {
            $doc = Get-Content (Join-Path $PSScriptRoot "../docs/$name.md") -Raw
            $section = [regex]::Match($doc, '(?s)## EXAMPLES(.*?)\n## PARAMETERS').Groups[1].Value
            foreach ($m in [regex]::Matches($section, '(?s)### (Example \d+[^\n]*)\n```powershell\r?\n(.*?)```')) {
                if ($m.Groups[2].Value -match '10\.0\.0\.1:31180') { $script:blocks += @{ Where = "$name $($m.Groups[1].Value.Trim())"; Code = $m.Groups[2].Value } }
            }
        }
    }
    BeforeAll {
        $script:gw = Start-TkeSimulator -Gateway open-source
        # What the examples take from the user: the key, and the console's user name and password at a prompt.
        $script:key = $gw.AdminToken
        $script:cred = $gw.AdminCredential
        function script:Get-Credential { $gw.AdminCredential }
    }
    AfterAll { Disconnect-Tke; Stop-TkeSimulator $script:gw }

    It '<Where>' -ForEach $blocks {
        $Code | Should -Not -BeNullOrEmpty
        # The one change: the install's address is the simulator's.
        $run = $Code -replace 'http://10\.0\.0\.1:31180', $gw.Url.TrimEnd('/')
        $ErrorActionPreference = 'Stop'
        $null = & ([scriptblock]::Create($run)) 6>&1
    }
}

Describe 'Test-TkeConnection over HTTPS' {
    BeforeAll { $script:tls = Start-TkeSimulator -Https -Gateway console }
    AfterAll { Stop-TkeSimulator $script:tls }

    It 'stops at a certificate it does not trust, with the two ways on' {
        $steps = @(Test-TkeConnection $tls.HttpsUrl -Token $tls.AdminToken -TimeoutSec 10)
        $tlsStep = $steps | Where-Object Check -eq 'TLS'
        $tlsStep.Result | Should -Be 'Failed'
        $tlsStep.Advice | Should -Match 'SkipCertificateCheck'
        $steps[-1].Result | Should -Be 'Failed'
    }

    It 'goes on with -SkipCertificateCheck, and says the certificate was not checked' {
        $steps = @(Test-TkeConnection $tls.HttpsUrl -Token $tls.AdminToken -SkipCertificateCheck)
        ($steps | Where-Object Check -eq 'TLS').Finding | Should -Match 'Not checked'
        ($steps | Where-Object Check -eq "Guide's console").Result | Should -Be 'Passed'
        $steps[-1].Command | Should -BeLike '* -SkipCertificateCheck'
    }
}
