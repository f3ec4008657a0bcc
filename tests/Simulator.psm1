# Starts and drives the TKEStack simulator for tests and the demo: each test file starts its own,
# on a free loopback port, and reads its URL from the first line it prints.

function Start-TkeSimulator {
    [CmdletBinding()]
    param(
        [string] $SimulatorDll = $env:TKESIM_DLL,
        # An executable to run instead of 'dotnet <dll>': the installed tkesim tool, for example.
        [string] $Executable,
        [string] $Seed,
        [switch] $Unprefixed,
        # Also listen with HTTPS (a self-signed certificate made at start); the URL is in HttpsUrl.
        [switch] $Https,
        # The TKEStack release to model: 1.4, 1.6, 1.8 or 1.9 (the newest, when not given).
        [ValidateSet('1.4', '1.6', '1.8', '1.9')]
        [string] $TkeVersion,
        # What stands in front of the API servers: the commercial console (Bearer keys under /platform
        # and /business) or open-source TKEStack's tke-gateway (cookie login, /apis and /api only).
        # $env:TKESIM_GATEWAY, else console, when not given.
        [ValidateSet('console', 'open-source')]
        [string] $Gateway = $(if ($env:TKESIM_GATEWAY) { $env:TKESIM_GATEWAY } else { 'console' }),
        [string[]] $ExtraArgs = @()
    )
    if ($Executable) {
        if (-not (Test-Path $Executable)) { throw "Simulator not found at '$Executable'." }
        $psi = [System.Diagnostics.ProcessStartInfo]::new($Executable)
    }
    else {
        if (-not $SimulatorDll -or -not (Test-Path $SimulatorDll)) { throw "Simulator not found at '$SimulatorDll': run ./build.ps1 first." }
        $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        $psi.ArgumentList.Add($SimulatorDll)
    }
    $plain = 'plain-' + [guid]::NewGuid().ToString('N')
    foreach ($a in @('--port', '0', '--token', $plain) + $(if ($Seed) { '--seed', $Seed }) + $(if ($Unprefixed) { '--unprefixed' }) + $(if ($Https) { '--https' }) + $(if ($TkeVersion) { '--tke-version', $TkeVersion }) + $(if ($Gateway -ne 'console') { '--gateway', $Gateway }) + $ExtraArgs) {
        $psi.ArgumentList.Add($a)
    }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds(30)) -or -not $line.Result) {
        $process.Kill($true)
        throw "The simulator did not start: $($process.StandardError.ReadToEnd())"
    }
    $url = $line.Result.Trim()
    $keys = Invoke-RestMethod "$url/_sim/keys"
    $admin = $keys | Where-Object { $_.administrator -and $_.user -eq 'admin' -and $_.id -notlike 'plain-*' } | Select-Object -First 1
    $member = $keys | Where-Object { -not $_.administrator } | Select-Object -First 1
    $info = Invoke-RestMethod "$url/_sim/info"
    $users = @(Invoke-RestMethod "$url/_sim/users" | ForEach-Object { $_ })
    $credential = {
        param($name)
        $u = $users | Where-Object name -eq $name | Select-Object -First 1
        if ($u) { [pscredential]::new($u.name, (ConvertTo-SecureString $u.password -AsPlainText -Force)) }
    }
    $openSource = $info.gateway -eq 'open-source'
    [pscustomobject]@{
        Url              = $url
        TkeVersion       = $info.tkeVersion
        Gateway          = $info.gateway
        # The API prefixes: none behind the open-source gateway.
        PlatformPrefix   = if ($openSource) { '' } else { '/platform' }
        BusinessPrefix   = if ($openSource) { '' } else { '/business' }
        AdminCredential  = & $credential 'admin'
        MemberCredential = & $credential 'alice'
        HttpsUrl         = $info.httpsUrl
        Process          = $process
        PlainToken       = $plain
        AdminTokenText   = $admin.token
        AdminToken       = ConvertTo-SecureString $admin.token -AsPlainText -Force
        MemberTokenText  = $member.token
        MemberToken      = if ($member) { ConvertTo-SecureString $member.token -AsPlainText -Force }
    }
}

function Stop-TkeSimulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Simulator)
    if ($Simulator -and -not $Simulator.Process.HasExited) {
        $Simulator.Process.Kill($true)
        $null = $Simulator.Process.WaitForExit(10000)
    }
}

function Get-SimRequest {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Simulator, [string] $PathLike = '*', [string] $Method = '*')
    # Invoke-RestMethod writes a JSON array as one object: enumerate it before filtering.
    $all = Invoke-RestMethod "$($Simulator.Url)/_sim/requests"
    $all | Where-Object { $_.path -like $PathLike -and $_.method -like $Method }
}

function Clear-SimRequest {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Simulator)
    $null = Invoke-RestMethod -Method Delete "$($Simulator.Url)/_sim/requests"
}

function Reset-Simulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Simulator)
    $null = Invoke-RestMethod -Method Post "$($Simulator.Url)/_sim/reset"
}

function New-SimKey {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Simulator,
        [string] $User = 'admin',
        [string] $Tenant = 'default',
        [double] $ExpiresInSeconds = 3600,
        [switch] $Administrator,
        [switch] $Disabled
    )
    $body = @{ user = $User; tenant = $Tenant; expiresInSeconds = $ExpiresInSeconds; administrator = [bool]$Administrator; disabled = [bool]$Disabled } | ConvertTo-Json
    Invoke-RestMethod -Method Post "$($Simulator.Url)/_sim/keys" -Body $body -ContentType 'application/json'
}

function Set-SimFault {
    <# Injects a fault into the requests that match -Method and -Path (a pattern where * matches
       anything): status (with -RetryAfter), delay (before the headers), slowbody (a pause in the middle
       of the body), drop, truncated (the connection drops mid-body), partial (a complete answer whose
       JSON stops halfway), html, malformed, empty, body (-Body/-ContentType), huge (-Size,
       -DeclareLength), redirect (-Location) or proxyauth; and the hostile kinds: pageloop (the same
       continue token forever), emptypages (no items and a new token forever), gzipbomb (-Size inflated
       bytes, 1 GiB by default), endless (a chunked body that never ends), controlstatus (a Status
       message with terminal control sequences, -Text), controlchars (-Text in the string field -Field
       of the answer's objects), dotname (metadata.name answered as -Text, '..' by default) and
       hugeheader (a -Size header). -Times N: N requests, then normal. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Simulator,
        [Parameter(Mandatory, Position = 1)]
        [ValidateSet('status', 'delay', 'slowbody', 'drop', 'truncated', 'partial', 'html', 'malformed', 'empty', 'body', 'huge', 'redirect', 'proxyauth',
            'pageloop', 'emptypages', 'gzipbomb', 'endless', 'controlstatus', 'controlchars', 'dotname', 'hugeheader')]
        [string] $Kind,
        [string] $Path = '*',
        [string] $Method = '*',
        [int] $Status,
        [string] $RetryAfter,
        [int] $DelayMs,
        [int] $Times,
        [string] $Body,
        [string] $ContentType,
        [string] $Location,
        [long] $Size,
        [switch] $DeclareLength,
        [string] $Text,
        [string] $Field
    )
    $fault = @{ kind = $Kind; path = $Path; method = $Method; delayMs = $DelayMs; times = $Times; declareLength = [bool]$DeclareLength }
    if ($PSBoundParameters.ContainsKey('Status')) { $fault.status = $Status }
    if ($RetryAfter) { $fault.retryAfter = $RetryAfter }
    if ($PSBoundParameters.ContainsKey('Body')) { $fault.body = $Body }
    if ($ContentType) { $fault.contentType = $ContentType }
    if ($Location) { $fault.location = $Location }
    if ($Size) { $fault.size = $Size }
    if ($PSBoundParameters.ContainsKey('Text')) { $fault.text = $Text }
    if ($Field) { $fault.field = $Field }
    Invoke-RestMethod -Method Post "$($Simulator.Url)/_sim/faults" -Body ($fault | ConvertTo-Json) -ContentType 'application/json'
}

function Get-SimFault {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Simulator)
    Invoke-RestMethod "$($Simulator.Url)/_sim/faults" | ForEach-Object { $_ }
}

function Clear-SimFault {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Simulator)
    $null = Invoke-RestMethod -Method Delete "$($Simulator.Url)/_sim/faults"
}

function Set-SimLogin {
    <# The lifetime of the open-source gateway's logins (the ID token and the cookie; negative: already
       expired) and whether they carry a refresh token, for the logins and renewals that follow. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Simulator,
        [Parameter(Mandatory)] [double] $LifetimeSeconds,
        [switch] $NoRefresh
    )
    $body = @{ lifetimeSeconds = $LifetimeSeconds; refresh = -not $NoRefresh } | ConvertTo-Json
    Invoke-RestMethod -Method Post "$($Simulator.Url)/_sim/login" -Body $body -ContentType 'application/json'
}

function Get-SimStat {
    <# Connections and requests since the request log was last cleared, and requests per route ("GET /path"). #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Simulator)
    Invoke-RestMethod "$($Simulator.Url)/_sim/stats"
}

function Invoke-SimApi {
    <# Reads the simulator's API as a plain client would, bypassing the module, in the dialect the
       simulator speaks: the guide's Bearer key under /platform or /business, or the open-source
       gateway's tke cookie (the plain key as its token, tkestack/tke pkg/gateway/token/token.go) with
       its CSRF header and no prefix. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Simulator,
        [Parameter(Mandatory, Position = 1)] [string] $Path,
        [ValidateSet('Platform', 'Business')] [string] $Api = 'Platform',
        [string] $ClusterName
    )
    $headers = @{}
    if ($ClusterName) { $headers['X-TKE-ClusterName'] = $ClusterName }
    if ($Simulator.Gateway -eq 'open-source') {
        $json = @{ i = $Simulator.PlainToken; r = ''; e = [DateTime]::UtcNow.AddHours(1).ToString('yyyy-MM-ddTHH:mm:ssZ') } | ConvertTo-Json -Compress
        $cookie = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($json))
        $headers.Cookie = "tke=$cookie"
        $headers['X-CSRF-TOKEN'] = -join ([Security.Cryptography.MD5]::HashData([Text.Encoding]::UTF8.GetBytes($cookie)) | ForEach-Object { $_.ToString('x2') })
        Invoke-RestMethod "$($Simulator.Url)$Path" -Headers $headers
    }
    else {
        $headers.Authorization = "Bearer $($Simulator.PlainToken)"
        $prefix = if ($Api -eq 'Business') { $Simulator.BusinessPrefix } else { $Simulator.PlatformPrefix }
        Invoke-RestMethod "$($Simulator.Url)$prefix$Path" -Headers $headers
    }
}

function Connect-TkeSimulator {
    <# Connects as the simulator's admin (or -Member: alice) the way that reaches every API of it: with
       the API key on the guide's console, with a console login behind the open-source gateway, whose
       business API takes no API key. Other Connect-Tke parameters pass through. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Simulator,
        [switch] $Member,
        [hashtable] $With = @{}
    )
    if ($Simulator.Gateway -eq 'open-source') {
        Connect-Tke -Uri $Simulator.Url -Credential $(if ($Member) { $Simulator.MemberCredential } else { $Simulator.AdminCredential }) @With
    }
    else {
        Connect-Tke -Uri $Simulator.Url -Token $(if ($Member) { $Simulator.MemberToken } else { $Simulator.AdminToken }) @With
    }
}

Export-ModuleMember -Function Invoke-SimApi, Connect-TkeSimulator, Start-TkeSimulator, Stop-TkeSimulator, Get-SimRequest, Clear-SimRequest, Reset-Simulator, New-SimKey, Set-SimFault, Get-SimFault, Clear-SimFault, Get-SimStat, Set-SimLogin
