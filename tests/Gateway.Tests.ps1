# The simulator started as the open-source tke-gateway (tkesim --gateway open-source) and driven from
# PowerShell as a script would: the helpers of Simulator.psm1, a cookie login kept in a web session,
# the CSRF header of v1.9.1 and later, and Set-SimLogin for logins that expire or cannot be renewed.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force

    # Logs in with a PSCredential; the web session holding the cookie "tke".
    function script:Connect-Gateway($Sim, [pscredential] $Credential) {
        $form = [ordered]@{ username = $Credential.UserName; password = $Credential.GetNetworkCredential().Password }
        $null = Invoke-RestMethod -Method Post "$($Sim.Url)/apis/gateway.tkestack.io/v1/tokens" -Body $form -SessionVariable session
        $session
    }

    function script:Get-Csrf($Session, $Sim) {
        $cookie = $Session.Cookies.GetCookies([uri]$Sim.Url)['tke'].Value
        $md5 = [System.Security.Cryptography.MD5]::HashData([System.Text.Encoding]::UTF8.GetBytes($cookie))
        [Convert]::ToHexString($md5).ToLowerInvariant()
    }
}

Describe 'Start-TkeSimulator -Gateway open-source' {
    BeforeAll { $sim = Start-TkeSimulator -Gateway open-source }
    AfterAll { Stop-TkeSimulator $sim }

    It 'tells the gateway, no API prefixes, and the credentials of admin and alice' {
        $sim.Gateway | Should -Be 'open-source'
        $sim.PlatformPrefix | Should -Be ''
        $sim.BusinessPrefix | Should -Be ''
        $sim.AdminCredential.UserName | Should -Be 'admin'
        $sim.AdminCredential.GetNetworkCredential().Password | Should -Be 'Admin@2026'
        $sim.MemberCredential.UserName | Should -Be 'alice'
    }

    It 'lets a logged-in session list clusters with the CSRF header, and logs the call without its secrets' {
        Clear-SimRequest $sim
        $session = Connect-Gateway $sim $sim.AdminCredential
        $list = Invoke-RestMethod "$($sim.Url)$($sim.PlatformPrefix)/apis/platform.tkestack.io/v1/clusters" -WebSession $session -Headers @{ 'X-CSRF-TOKEN' = Get-Csrf $session $sim }
        $list.kind | Should -Be 'ClusterList'
        $call = Get-SimRequest $sim -PathLike '/apis/platform.tkestack.io/v1/clusters'
        $call.user | Should -Be 'admin'
        $call.headers.Cookie | Should -Be '(redacted)'
        (Get-SimRequest $sim -PathLike '/apis/gateway.tkestack.io/v1/tokens').body | Should -Be 'username=admin&password=(redacted)'
    }

    It 'answers the gateway 401 to a session without the CSRF header (v1.9.1 and later)' {
        $session = Connect-Gateway $sim $sim.MemberCredential
        $e = { Invoke-RestMethod "$($sim.Url)/apis/platform.tkestack.io/v1/clusters" -WebSession $session } | Should -Throw -PassThru
        $e.Exception.Response.StatusCode.value__ | Should -Be 401
        ($e.ErrorDetails.Message | ConvertFrom-Json).ErrStatus.message | Should -Be 'invalid CSRF token'
    }

    It 'makes logins that expire at once with Set-SimLogin -LifetimeSeconds, and ones without a refresh token with -NoRefresh' {
        try {
            $null = Set-SimLogin $sim -LifetimeSeconds -60
            # A web session drops a cookie that comes already expired (Max-Age=0): send it by hand.
            $login = Invoke-WebRequest -Method Post "$($sim.Url)/apis/gateway.tkestack.io/v1/tokens" -Body @{ username = 'admin'; password = 'Admin@2026' }
            $login.Headers['Set-Cookie'] | Should -Match 'Max-Age=0$'
            $cookie = ($login.Headers['Set-Cookie'] -split ';')[0].Substring(4)
            $csrf = [Convert]::ToHexString([System.Security.Cryptography.MD5]::HashData([System.Text.Encoding]::UTF8.GetBytes($cookie))).ToLowerInvariant()
            $e = { Invoke-RestMethod "$($sim.Url)/apis/platform.tkestack.io/v1/clusters" -Headers @{ Cookie = "tke=$cookie"; 'X-CSRF-TOKEN' = $csrf } } | Should -Throw -PassThru
            ($e.ErrorDetails.Message | ConvertFrom-Json).ErrStatus.message | Should -Be 'invalid token'

            $null = Set-SimLogin $sim -LifetimeSeconds 3600 -NoRefresh
            $session = Connect-Gateway $sim $sim.AdminCredential
            $renew = Invoke-WebRequest -Method Post "$($sim.Url)/apis/gateway.tkestack.io/v1/tokens/renew" -WebSession $session -Headers @{ 'X-CSRF-TOKEN' = Get-Csrf $session $sim }
            $renew.StatusCode | Should -Be 204
        }
        finally { $null = Set-SimLogin $sim -LifetimeSeconds 86400 }
    }
}

Describe 'Start-TkeSimulator -Gateway' {
    It 'defaults to $env:TKESIM_GATEWAY, else the console with its prefixes' {
        $saved = $env:TKESIM_GATEWAY
        try {
            $env:TKESIM_GATEWAY = $null
            $console = Start-TkeSimulator
            try {
                $console.Gateway | Should -Be 'console'
                $console.PlatformPrefix | Should -Be '/platform'
                $console.BusinessPrefix | Should -Be '/business'
            }
            finally { Stop-TkeSimulator $console }
            $env:TKESIM_GATEWAY = 'open-source'
            $open = Start-TkeSimulator -TkeVersion 1.8
            try {
                $open.Gateway | Should -Be 'open-source'
                (Invoke-RestMethod "$($open.Url)/_sim/info").gatewayPorts.http | Should -Be 80
            }
            finally { Stop-TkeSimulator $open }
        }
        finally { $env:TKESIM_GATEWAY = $saved }
    }

    It 'refuses a gateway tkesim does not model, naming the two it does' {
        $out = & dotnet $env:TKESIM_DLL --gateway commercial 2>&1
        $LASTEXITCODE | Should -Be 2
        ($out -join "`n") | Should -Match 'use console or open-source'
        (& dotnet $env:TKESIM_DLL --help) -join "`n" | Should -Match '--gateway G'
    }
}
