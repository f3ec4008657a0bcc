# Connect-Tke, Get-TkeSession, Disconnect-Tke against a simulator started for this file.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:sim = Start-TkeSimulator
    $script:bare = Start-TkeSimulator -Unprefixed
}
AfterAll {
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
    Stop-TkeSimulator $script:bare
}

Describe 'Connect-Tke' {
    BeforeEach { Disconnect-Tke; Clear-SimRequest $sim }

    It 'checks a good key with one call, outputs the session and makes it the default' {
        $s = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
        $s | Should -BeOfType TkeStack.TkeSession
        $s.User | Should -Be 'admin'
        $s.Tenant | Should -Be 'default'
        $s.ExpiresAt | Should -BeGreaterThan (Get-Date).AddYears(1)
        (Get-TkeSession) | Should -Be $s
        $requests = @(Get-SimRequest $sim)
        $requests.Count | Should -Be 1
        $requests[0].path | Should -Be '/platform/apis/platform.tkestack.io/v1/clusters'
        $requests[0].headers.Authorization | Should -Be 'Bearer (redacted)'
    }

    It 'refuses a wrong key with AuthenticationError naming the API key page, and stores nothing' {
        $bad = ConvertTo-SecureString 'not-a-key' -AsPlainText -Force
        { Connect-Tke -Uri $sim.Url -Token $bad -ErrorAction Stop } | Should -Throw -ErrorId 'TkeApiUnauthorized,TkeStack.Commands.ConnectTkeCommand'
        $err = $Error[0]
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.ErrorDetails.Message | Should -Match '访问凭证'
        $err.ErrorDetails.RecommendedAction | Should -Match '组织资源'
        $err.Exception.StatusCode | Should -Be 401
        $err.Exception.Status.Message | Should -Be 'Unauthorized'
        Get-TkeSession | Should -BeNullOrEmpty
    }

    It 'refuses an expired key before any request' {
        $expired = New-SimKey $sim -User bob -ExpiresInSeconds -60
        Clear-SimRequest $sim
        { Connect-Tke -Uri $sim.Url -Token (ConvertTo-SecureString $expired.token -AsPlainText -Force) -ErrorAction Stop } |
            Should -Throw -ErrorId 'TkeApiKeyExpired,TkeStack.Commands.ConnectTkeCommand'
        $Error[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $Error[0].Exception.Message | Should -Match 'expired at'
        @(Get-SimRequest $sim).Count | Should -Be 0
    }

    It 'says a 401 is an expiry when the key has expired since connecting' {
        $short = New-SimKey $sim -User carol -ExpiresInSeconds 2
        $s = Connect-Tke -Uri $sim.Url -Token (ConvertTo-SecureString $short.token -AsPlainText -Force) -WarningAction SilentlyContinue
        $deadline = (Get-Date).AddSeconds(10)
        while ((Get-Date) -lt $s.ExpiresAt.AddSeconds(1) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Get-TkeCluster -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $e[0].Exception.Message | Should -Match 'expired at'
    }

    It 'refuses a disabled key' {
        $disabled = New-SimKey $sim -User dave -Disabled
        { Connect-Tke -Uri $sim.Url -Token (ConvertTo-SecureString $disabled.token -AsPlainText -Force) -WarningAction SilentlyContinue -ErrorAction Stop } |
            Should -Throw -ErrorId 'TkeApiUnauthorized,TkeStack.Commands.ConnectTkeCommand'
    }

    It 'warns when the key lapses within a day' {
        $soon = New-SimKey $sim -User erin -ExpiresInSeconds 3600
        $s = Connect-Tke -Uri $sim.Url -Token (ConvertTo-SecureString $soon.token -AsPlainText -Force) -WarningVariable w -WarningAction SilentlyContinue
        $s.User | Should -Be 'erin'
        "$w" | Should -Match 'within a day'
    }

    It 'accepts a key that is not a JWT; the server is the judge, and the session shows no expiry' {
        $s = Connect-Tke -Uri $sim.Url -Token (ConvertTo-SecureString $sim.PlainToken -AsPlainText -Force)
        $s.ExpiresAt | Should -BeNullOrEmpty
        $s.User | Should -BeNullOrEmpty
        @(Get-TkeCluster).Count | Should -BeGreaterThan 0
    }

    It 'fails with ConnectionError on a port where nothing listens' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        { Connect-Tke -Uri "http://127.0.0.1:$port" -Token $sim.AdminToken -MaximumRetryCount 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'TkeConnectionFailed,TkeStack.Commands.ConnectTkeCommand'
        $Error[0].CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'takes the URI and key from TKE_URI and TKE_TOKEN' {
        $env:TKE_URI = $sim.Url
        $env:TKE_TOKEN = $sim.AdminTokenText
        try {
            $s = Connect-Tke
            $s.Uri | Should -Be ([uri]$sim.Url)
            $s.User | Should -Be 'admin'
        }
        finally { Remove-Item env:TKE_URI, env:TKE_TOKEN }
    }

    It 'says what is missing when neither -Uri nor TKE_URI is given' {
        Remove-Item env:TKE_URI -ErrorAction SilentlyContinue
        { Connect-Tke -Token $sim.AdminToken -ErrorAction Stop } | Should -Throw -ErrorId 'TkeNoUri,TkeStack.Commands.ConnectTkeCommand'
        $Error[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'reconnects with only -Token to the default session''s console and prefixes, keeping the session held' {
        Remove-Item env:TKE_URI -ErrorAction SilentlyContinue
        $held = Connect-Tke -Uri $bare.Url -Token $bare.AdminToken -PlatformPrefix '' -BusinessPrefix '' -TimeoutSec 30
        Clear-SimRequest $bare
        $again = Connect-Tke -Token $bare.AdminToken
        [object]::ReferenceEquals($held, $again) | Should -BeTrue
        $again.Uri | Should -Be $held.Uri
        $again.PlatformPrefix | Should -Be ''
        $again.TimeoutSec | Should -Be 30
        (Get-SimRequest $bare).path | Should -Be '/apis/platform.tkestack.io/v1/clusters'
    }

    It 'talks to the unprefixed API servers with empty prefixes' {
        $s = Connect-Tke -Uri $bare.Url -Token $bare.AdminToken -PlatformPrefix '' -BusinessPrefix ''
        $s.PlatformPrefix | Should -Be ''
        (Get-TkeCluster cls-a1b2c3d4).DisplayName | Should -Be 'prod-beijing'
        (Get-SimRequest $bare -PathLike '/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4').Count | Should -Be 1
    }

    It 'says the URI does not reach the API when it answers an HTML page' {
        { Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -PlatformPrefix '/console' -ErrorAction Stop } |
            Should -Throw -ErrorId 'TkeNotApi,TkeStack.Commands.ConnectTkeCommand'
        $Error[0].Exception.Message | Should -Match 'does not reach the TKEStack API'
        $Error[0].Exception.Message | Should -Match 'text/html'
        $Error[0].Exception.Message | Should -Match '<!DOCTYPE html>'
        $Error[0].CategoryInfo.Category | Should -Be 'InvalidResult'
    }

    It 'says the URI does not reach the API when it redirects to the login page' {
        { Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -PlatformPrefix '' -ErrorAction Stop } |
            Should -Throw -ErrorId 'TkeNotApi,TkeStack.Commands.ConnectTkeCommand'
        $Error[0].Exception.Message | Should -Match '302'
        $Error[0].Exception.Message | Should -Match '/oidc/auth'
    }

    It 'refuses a URI that is not http or https before any request' {
        { Connect-Tke -Uri 'ftp://example.test' -Token $sim.AdminToken -ErrorAction Stop } | Should -Throw -ErrorId 'TkeInvalidUri,TkeStack.Commands.ConnectTkeCommand'
        $Error[0].TargetObject | Should -Be ([uri]'ftp://example.test')
    }

    It 'puts a new key into the session already held when connecting again to the same console' {
        $first = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
        $other = New-SimKey $sim -User admin -Administrator
        $second = Connect-Tke -Uri $sim.Url -Token (ConvertTo-SecureString $other.token -AsPlainText -Force) -WarningAction SilentlyContinue
        [object]::ReferenceEquals($first, $second) | Should -BeTrue
    }

    It 'makes a new session for another user''s key, leaving the one held as it was' {
        $admin = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
        $member = Connect-Tke -Uri $sim.Url -Token $sim.MemberToken
        [object]::ReferenceEquals($admin, $member) | Should -BeFalse
        $admin.User | Should -Be 'admin'
        $member.User | Should -Be 'alice'
        (Get-TkeSession).User | Should -Be 'alice'
    }
}

Describe 'Several sessions: list, switch, disconnect' {
    BeforeEach { Get-TkeSession -ListAvailable | Disconnect-Tke; Clear-SimRequest $sim }

    It 'lists the sessions of this runspace, oldest first, marking the default' {
        $admin = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
        $alice = Connect-Tke -Uri $sim.Url -Token $sim.MemberToken
        $all = @(Get-TkeSession -ListAvailable)
        $all.User | Should -Be @('admin', 'alice')
        $all.IsDefault | Should -Be @($false, $true)
        [object]::ReferenceEquals($all[0], $admin) | Should -BeTrue
    }

    It 'switches the default with Set-TkeSession, sending nothing' {
        $admin = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
        $null = Connect-Tke -Uri $sim.Url -Token $sim.MemberToken
        Clear-SimRequest $sim
        Get-TkeSession -ListAvailable | Where-Object User -eq admin | Set-TkeSession
        [object]::ReferenceEquals((Get-TkeSession), $admin) | Should -BeTrue
        (Set-TkeSession $admin -PassThru).User | Should -Be 'admin'
        @(Get-SimRequest $sim).Count | Should -Be 0
        Get-TkeCluster cls-a1b2c3d4 | Out-Null
        (Get-SimRequest $sim).path | Should -Be '/platform/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4'
    }

    It 'ends the session for every object holding it: TkeNotConnected, and nothing sent with the key' {
        $s = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
        $cluster = Get-TkeCluster cls-a1b2c3d4
        Disconnect-Tke
        Clear-SimRequest $sim
        $s.Disconnected | Should -BeTrue
        { $cluster | Get-TkeNamespace -ErrorAction Stop } | Should -Throw -ErrorId 'TkeNotConnected,TkeStack.Commands.GetTkeNamespaceCommand'
        $Error[0].Exception.Message | Should -Match 'ended by Disconnect-Tke'
        { Get-TkeCluster -Session $s -ErrorAction Stop } | Should -Throw -ErrorId 'TkeNotConnected,TkeStack.Commands.GetTkeClusterCommand'
        { Set-TkeSession $s -ErrorAction Stop } | Should -Throw -ErrorId 'TkeNotConnected,TkeStack.Commands.SetTkeSessionCommand'
        @(Get-SimRequest $sim).Count | Should -Be 0
        Get-TkeSession -ListAvailable | Should -BeNullOrEmpty
    }

    It 'ends a session that is not the default, leaving the default as it was' {
        $admin = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
        $alice = Connect-Tke -Uri $sim.Url -Token $sim.MemberToken
        Disconnect-Tke -Session $admin
        (Get-TkeSession).User | Should -Be 'alice'
        (Get-TkeSession -ListAvailable).User | Should -Be 'alice'
        $alice.Disconnected | Should -BeFalse
        { Get-TkeCluster -Session $admin -ErrorAction Stop } | Should -Throw -ErrorId 'TkeNotConnected,TkeStack.Commands.GetTkeClusterCommand'
    }
}

Describe 'Cmdlets without a session' {
    It 'fail with TkeNotConnected, saying to run Connect-Tke' {
        Disconnect-Tke
        { Get-TkeCluster -ErrorAction Stop } | Should -Throw -ErrorId 'TkeNotConnected,TkeStack.Commands.GetTkeClusterCommand'
        $Error[0].Exception.Message | Should -Match 'Connect-Tke'
        $Error[0].Exception.Message | Should -Match 'using:'
    }
}

Describe 'The API key is never shown' {
    It 'appears in no stream, not in Get-TkeSession, Format-List, ConvertTo-Json or Export-Clixml of the session' {
        $token = $sim.AdminTokenText
        $s = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -Verbose -Debug *>&1 | Out-String
        $all = @(
            $s
            Get-TkeCluster -Verbose -Debug *>&1 | Out-String
            Get-TkeCluster cls-nothere1 -ErrorAction Continue -Verbose -Debug *>&1 | Out-String
            Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Verbose -Debug *>&1 | Out-String
            Get-TkeSession | Format-List * | Out-String
            Get-TkeSession | ConvertTo-Json -Depth 10
            Get-TkeCluster cls-a1b2c3d4 | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue
        ) -join "`n"
        $xml = Join-Path ([IO.Path]::GetTempPath()) "tke-session-$([guid]::NewGuid()).xml"
        Get-TkeSession | Export-Clixml $xml
        $all += Get-Content $xml -Raw
        Remove-Item $xml
        $all | Should -Not -BeNullOrEmpty
        $all.Contains($token) | Should -BeFalse
        $all.Contains($token.Split('.')[2]) | Should -BeFalse
        $all | Should -Match 'Bearer|GET'
    }

    It 'is not in the message of an error about a wrong key' {
        $plainBad = 'secret-' + [guid]::NewGuid()
        $e = $null
        $streams = ''
        try { $streams = Connect-Tke -Uri $sim.Url -Token (ConvertTo-SecureString $plainBad -AsPlainText -Force) -Verbose -Debug *>&1 | Out-String } catch { $e = $_ }
        $e | Should -Not -BeNullOrEmpty
        $streams.Contains($plainBad) | Should -BeFalse
        ($e | Out-String).Contains($plainBad) | Should -BeFalse
        ($e.Exception.Message + $e.ErrorDetails.Message + $e.TargetObject + ($e.Exception.Data.Values -join '')).Contains($plainBad) | Should -BeFalse
    }
}
