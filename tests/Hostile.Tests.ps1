# A hostile server and secrets: what the module does when the server answers to hurt (a gzip bomb, a
# body that never ends, a huge header, a server that never answers, control characters meant for the
# user's terminal) and that no password or query of a URI, and no proxy password, is shown or kept in
# plain text. The hostile answers are the simulator's fault kinds (/_sim/faults); each test bounds the
# time it took, and peak memory where memory is the point.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:sim = Start-TkeSimulator
    $script:clusters = '/platform/apis/platform.tkestack.io/v1/clusters'
    $script:one = "$clusters/cls-a1b2c3d4"

    # Connect-Quick (quick retries) and Invoke-Captured (output, errors and verbose of a command).
    . (Join-Path $PSScriptRoot 'Captured.ps1')

    # Runs a script in a fresh pwsh with the module loaded and connected to the simulator, and returns
    # the JSON object it prints last. A fresh process, so its peak working set is its own.
    function script:Invoke-Child([string] $Script, [int] $MaximumResponseSizeMB = 512) {
        $prelude = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($env:TKESTACK_MODULE)'
`$null = Connect-Tke -Uri '$($sim.Url)' -Token (ConvertTo-SecureString '$($sim.AdminTokenText)' -AsPlainText -Force) -MaximumResponseSizeMB $MaximumResponseSizeMB -MaximumRetryCount 0
"@
        $file = Join-Path ([IO.Path]::GetTempPath()) ("hostile-" + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content $file ($prelude + "`n" + $Script)
        try {
            $out = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $file 2>&1 | Out-String
            $json = ($out -split "`n" | Where-Object { $_ -match '^\{.*\}\s*$' } | Select-Object -Last 1)
            if (-not $json) { throw "The child printed no result: $out" }
            $json | ConvertFrom-Json
        }
        finally { Remove-Item $file -ErrorAction Ignore }
    }

    # What a child prints: the errors of three calls of Get-TkeCluster against a fault of the kind
    # given, set once connected, the seconds they took, and the growth of the peak working set over the
    # working set before them (after a first call and a full collection, so the module and its first
    # page are in the base).
    function script:Get-ThreeRefusals([string] $Kind) {
        $set = "`$null = Invoke-RestMethod -Method Post '$($sim.Url)/_sim/faults' -ContentType application/json -Body '{`"kind`":`"$Kind`",`"path`":`"$clusters`"}'"
        $threeRefusals.Replace('#SET-FAULT', $set)
    }
    $script:threeRefusals = @'
$null = Get-TkeCluster
#SET-FAULT
[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
$p = [Diagnostics.Process]::GetCurrentProcess(); $p.Refresh()
$base = $p.WorkingSet64
$watch = [Diagnostics.Stopwatch]::StartNew()
$ids = foreach ($i in 1..3) { try { $null = Get-TkeCluster; 'none' } catch { $_.FullyQualifiedErrorId } }
$p.Refresh()
[pscustomobject]@{ Ids = @($ids); Seconds = $watch.Elapsed.TotalSeconds; GrowthMB = ($p.PeakWorkingSet64 - $base) / 1MB } | ConvertTo-Json -Compress
'@
}
AfterAll {
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
}

Describe 'The response-size cap bounds memory' {
    BeforeEach { Clear-SimFault $sim; Clear-SimRequest $sim }
    AfterAll { Clear-SimFault $sim }

    It 'refuses three 1 GiB gzip bombs at the cap, counted after decompression, with the peak working set within the cap and a small constant' {
        $r = Invoke-Child (Get-ThreeRefusals gzipbomb) -MaximumResponseSizeMB 128
        $r.Ids | Should -Be (@('TkeResponseTooLarge,TkeStack.Commands.GetTkeClusterCommand') * 3)
        $r.Seconds | Should -BeLessThan 30
        # Before: a buffer doubling past the cap and kept by the pool, 400 to 800 MiB over the base.
        $r.GrowthMB | Should -BeLessThan (128 + 48)
        @(Get-SimRequest $sim -PathLike $clusters | Where-Object fault -eq 'gzipbomb').Count | Should -Be 3
    }

    It 'refuses a chunked body that never ends at the cap, with the same bound on memory' {
        $r = Invoke-Child (Get-ThreeRefusals endless) -MaximumResponseSizeMB 128
        $r.Ids | Should -Be (@('TkeResponseTooLarge,TkeStack.Commands.GetTkeClusterCommand') * 3)
        $r.Seconds | Should -BeLessThan 30
        $r.GrowthMB | Should -BeLessThan (128 + 48)
    }

    It 'reads a gzip answer under the cap in full' {
        Set-SimFault $sim gzipbomb -Path $clusters -Size 3MB
        $s = Connect-Quick @{ MaximumResponseSizeMB = 4; MaximumRetryCount = 0 }
        $r = Invoke-Captured { Get-TkeCluster -Session $s }
        $r.Error | Should -BeNullOrEmpty
        $r.Output | Should -BeNullOrEmpty -Because 'the list of the bomb is empty, padded with spaces'
    }

    It 'takes any -MaximumResponseSizeMB it accepts (2047 at most), and refuses more at binding' {
        $s = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -MaximumResponseSizeMB 2047
        (Get-TkeCluster cls-a1b2c3d4 -Session $s).Name | Should -Be 'cls-a1b2c3d4'
        $r = Invoke-Captured { Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -MaximumResponseSizeMB 4096 }
        $r.Error.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,TkeStack.Commands.ConnectTkeCommand'
    }
}

Describe '-TimeoutSec bounds a call as a whole, retries included' {
    BeforeEach { Clear-SimFault $sim; Clear-SimRequest $sim }
    AfterAll { Clear-SimFault $sim }

    It 'fails a server that never answers after -TimeoutSec, not once per retry, saying the real time and the attempts' {
        $s = Connect-Quick @{ TimeoutSec = 2 }
        Set-SimFault $sim delay -Path $one -DelayMs 60000
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Session $s }
        # Before: five attempts of 2 s each and the waits between them.
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeTimeout,TkeStack.Commands.GetTkeClusterCommand'
        $r.Error.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $r.Error.Exception.Message | Should -Match 'timed out after 2(\.\d)? s, 1 attempt \(-TimeoutSec 2 bounds the whole call, retries included\)'
        @(Get-SimRequest $sim -PathLike $one).Count | Should -Be 1
    }

    It 'gives the retries only what is left of -TimeoutSec, and counts every attempt' {
        $s = Connect-Quick @{ TimeoutSec = 2 }
        Set-SimFault $sim drop -Path $one -Times 2
        Set-SimFault $sim delay -Path $one -DelayMs 60000
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Session $s -Verbose }
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeTimeout,TkeStack.Commands.GetTkeClusterCommand'
        $r.Error.Exception.Message | Should -Match 'timed out after 2(\.\d)? s, 3 attempts'
        @(Get-SimRequest $sim -PathLike $one).Count | Should -Be 3
    }
}

Describe 'Secrets in URIs, the proxy credential and the request log' {
    BeforeEach { Clear-SimFault $sim; Clear-SimRequest $sim }
    AfterAll { Clear-SimFault $sim; Remove-Item env:TKE_URI -ErrorAction Ignore }

    # Every place an error record can show: message, target, details, the exception's text and data.
    BeforeAll {
        function script:Get-ErrorText($record) {
            @($record.Exception.Message, "$($record.TargetObject)", "$($record.ErrorDetails)", $record.Exception.ToString(),
                ($record.Exception.Data | Out-String), ($record | Out-String)) -join "`n"
        }
    }

    It 'shows no password or query of <Name> in the message or the target' -ForEach @(
        @{ Name = 'an ftp URI with a password'; Uri = 'ftp://bob:S3cret-ftp@files.test/'; Env = $false; Secret = 'S3cret-ftp' }
        @{ Name = 'an http URI with a password'; Uri = 'http://bob:S3cret-http@console.test:8080'; Env = $false; Secret = 'S3cret-http' }
        @{ Name = 'a URI with an access token in its query'; Uri = 'http://console.test:8080/?access_token=S3cret-query'; Env = $false; Secret = 'S3cret-query' }
        @{ Name = 'a file URI with a query'; Uri = 'file:///etc/passwd?token=S3cret-file'; Env = $false; Secret = 'S3cret-file' }
        @{ Name = '$env:TKE_URI with a password'; Uri = 'ftp://bob:S3cret-env@files.test/'; Env = $true; Secret = 'S3cret-env' }
        @{ Name = '$env:TKE_URI with a query'; Uri = 'https://console.test/?access_token=S3cret-envq'; Env = $true; Secret = 'S3cret-envq' }
        @{ Name = '$env:TKE_URI that does not parse'; Uri = 'http://bob:S3cret-bad@ console test'; Env = $true; Secret = 'S3cret-bad' }
    ) {
        $r = if ($Env) {
            $env:TKE_URI = $Uri
            try { Invoke-Captured { Connect-Tke -Token $sim.AdminToken } } finally { Remove-Item env:TKE_URI }
        }
        else { Invoke-Captured { Connect-Tke -Uri $Uri -Token $sim.AdminToken } }
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeInvalidUri,TkeStack.Commands.ConnectTkeCommand'
        $r.Error.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-ErrorText $r.Error | Should -Not -Match $Secret
        $r.Error.Exception.Message | Should -Match '\*\*\*' -Because 'the message shows where something was left out'
        @(Get-SimRequest $sim).Count | Should -Be 0
    }

    It 'refuses a -Proxy that carries a password, without showing it' {
        $r = Invoke-Captured { Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -Proxy 'http://pat:S3cret-proxy@proxy.test:3128' }
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeInvalidProxy,TkeStack.Commands.ConnectTkeCommand'
        Get-ErrorText $r.Error | Should -Not -Match 'S3cret-proxy'
        $r.Error.Exception.Message | Should -Match '-ProxyCredential'
    }

    It 'keeps the proxy password out of the session: no plain-text property, nothing in JSON or CliXml' {
        $password = 'Pr0xy-' + [guid]::NewGuid().ToString('N')
        $cred = [pscredential]::new('proxyuser', (ConvertTo-SecureString $password -AsPlainText -Force))
        Set-SimFault $sim proxyauth -Path '*'
        $s = Connect-Tke -Uri 'http://tke.proxied.test:8080' -Token $sim.AdminToken -Proxy $sim.Url -ProxyCredential $cred
        (Get-TkeCluster cls-a1b2c3d4 -Session $s).Name | Should -Be 'cls-a1b2c3d4' -Because 'the proxy got the credential'
        $s | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue | Should -Not -Match $password
        $file = Join-Path ([IO.Path]::GetTempPath()) "hostile-$([guid]::NewGuid().ToString('N')).xml"
        try {
            $s | Export-Clixml $file -Depth 5
            Get-Content $file -Raw | Should -Not -Match $password
        }
        finally { Remove-Item $file -ErrorAction Ignore }
        # Before: a NetworkCredential, whose public Password property gives the password to anyone.
        $options = $s.GetType().GetProperty('Options', [Reflection.BindingFlags]'NonPublic,Instance').GetValue($s)
        $options.ProxyCredential | Should -Not -BeOfType ([System.Net.NetworkCredential])
        foreach ($o in $options, $options.ProxyCredential) {
            foreach ($p in $o.GetType().GetProperties()) { "$($p.GetValue($o))" | Should -Not -Match $password -Because "$($o.GetType().Name).$($p.Name)" }
            $o | Format-List * | Out-String | Should -Not -Match $password
        }
    }

    It 'keeps no machine password in the simulator''s request log' {
        $password = 'Machine-' + [guid]::NewGuid().ToString('N')
        $base64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($password))
        $null = Connect-Quick
        $m = New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.77 -Credential ([pscredential]::new('root', (ConvertTo-SecureString $password -AsPlainText -Force)))
        $m.Name | Should -Match '^mc-'
        $post = @(Get-SimRequest $sim -Method POST)
        $post.Count | Should -Be 1
        $post[0].body | Should -BeLike '*"username":"root","password":"(redacted)"*'
        Invoke-RestMethod "$($sim.Url)/_sim/requests" | ConvertTo-Json -Depth 5 | Should -Not -Match ([regex]::Escape($base64))
    }
}

Describe 'Control characters from the server never reach the console' {
    BeforeAll {
        # What the simulator's control text would do on a terminal: retitle (OSC ... BEL), clear the
        # screen (CSI 2J), home the cursor (CSI H), the one-byte C1 CSI, a bell.
        function script:Assert-Harmless([string] $Text) {
            $Text | Should -Not -Match "`a"
            $Text | Should -Not -Match ([char]0x9B)
            $Text | Should -Not -Match ([regex]::Escape("`e]"))
            $Text | Should -Not -Match ([regex]::Escape("`e[2J"))
            $Text | Should -Not -Match ([regex]::Escape("`e[H"))
        }
    }
    BeforeEach {
        Clear-SimFault $sim; Clear-SimRequest $sim
        $script:rendering = $PSStyle.OutputRendering
        # As on a terminal: the views' own colours stay, the server's sequences must not come through.
        $PSStyle.OutputRendering = 'Ansi'
    }
    AfterEach { $PSStyle.OutputRendering = $script:rendering }
    AfterAll { Clear-SimFault $sim }

    It 'shows a Status message''s ESC, BEL and CSI escaped, in the message and the error view' {
        $s = Connect-Quick @{ MaximumRetryCount = 0 }
        Set-SimFault $sim controlstatus -Path $one
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Session $s }
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeApiInternalError,TkeStack.Commands.GetTkeClusterCommand'
        $r.Error.Exception.Message | Should -Match ([regex]::Escape('\e]0;pwned\a\e[2J\e[H\e[31mroot@console:~# \e[0m\x9B1mC1\b\a'))
        $r.Error.Exception.Message | Should -Not -Match "[\x00-\x08\x0B-\x1F\x7F-\x9F]"
        Assert-Harmless ($r.Error | Out-String)
        $r.Error.Exception.Status.Message | Should -Match "`e" -Because 'the Status object keeps what the server said'
    }

    It 'keeps a displayName''s control characters in the object, and shows them escaped in the table and list views' {
        $s = Connect-Quick
        Set-SimFault $sim controlchars -Path $clusters
        $all = @(Get-TkeCluster -Session $s)
        $all.Count | Should -BeGreaterThan 0
        $all[0].DisplayName | Should -Match "`e\]0;pwned`a" -Because 'objects keep the data as it came'
        $table = $all | Format-Table | Out-String
        $list = $all | Format-List | Out-String
        foreach ($view in $table, $list) {
            Assert-Harmless $view
            $view | Should -Match ([regex]::Escape('\e]0;pwned\a'))
        }
    }

    It 'shows control characters of one object''s fields escaped: <Field>' -ForEach @(
        @{ Field = 'spec.displayName' }
        @{ Field = 'status.version' }
        @{ Field = 'status.phase' }
        @{ Field = 'spec.tenantID' }
    ) {
        $s = Connect-Quick
        Set-SimFault $sim controlchars -Path $one -Field $Field
        $c = Get-TkeCluster cls-a1b2c3d4 -Session $s
        Assert-Harmless ($c | Format-Table | Out-String)
        $list = $c | Format-List | Out-String
        Assert-Harmless $list
        $list | Should -Match ([regex]::Escape('\e]0;pwned')) -Because 'the list view shows the whole value'
    }
}

Describe 'The simulator''s hostile fault kinds (the yardstick for paging, names and headers)' {
    BeforeEach { Clear-SimFault $sim; Clear-SimRequest $sim }
    AfterAll { Clear-SimFault $sim }
    BeforeAll {
        $script:headers = @{ Authorization = "Bearer $($sim.AdminTokenText)" }
        function script:Read-Raw([string] $Path) {
            Invoke-WebRequest "$($sim.Url)$Path" -Headers $headers -SkipHttpErrorCheck
        }
    }

    It 'pageloop answers the real first page with the same continue token, whatever token comes' {
        Set-SimFault $sim pageloop -Path $clusters
        $first = (Read-Raw "$($clusters)?limit=2").Content | ConvertFrom-Json
        $second = (Read-Raw "$($clusters)?limit=2&continue=$([uri]::EscapeDataString($first.metadata.continue))").Content | ConvertFrom-Json
        $first.metadata.continue | Should -Not -BeNullOrEmpty
        @($first.items).Count | Should -BeGreaterThan 0
        $second.metadata.continue | Should -Be $first.metadata.continue
        @($second.items | ForEach-Object { $_.metadata.name }) | Should -Be @($first.items | ForEach-Object { $_.metadata.name })
    }

    It 'emptypages answers no items and a new continue token each time' {
        Set-SimFault $sim emptypages -Path $clusters
        $tokens = foreach ($i in 1..3) {
            $page = (Read-Raw "$($clusters)?limit=1&continue=x").Content | ConvertFrom-Json
            @($page.items).Count | Should -Be 0
            $page.kind | Should -Be 'ClusterList'
            $page.metadata.continue
        }
        @($tokens | Select-Object -Unique).Count | Should -Be 3
    }

    It 'dotname answers a create with the name ".." (the object is made under its real name)' {
        $null = Connect-Quick
        Set-SimFault $sim dotname -Method POST -Path '*/machines' -Times 1
        $body = '{"kind":"Machine","apiVersion":"platform.tkestack.io/v1","metadata":{"generateName":"mc-"},"spec":{"tenantID":"default","clusterName":"cls-a1b2c3d4","type":"Baremetal","ip":"10.0.0.78","port":22,"username":"root","password":"eA=="}}'
        $r = Invoke-WebRequest -Method Post "$($sim.Url)/platform/apis/platform.tkestack.io/v1/machines" -Headers $headers -Body $body -ContentType application/json -SkipHttpErrorCheck
        $r.StatusCode | Should -Be 201
        ($r.Content | ConvertFrom-Json).metadata.name | Should -Be '..'
        (Get-TkeMachine -ClusterName cls-a1b2c3d4 | Where-Object IP -eq '10.0.0.78').Name | Should -Match '^mc-[a-z0-9]+$'
    }

    It 'hugeheader sends a header far past what clients take; the module ends in one clear error, in bounded time' {
        $s = Connect-Quick
        Set-SimFault $sim hugeheader -Path $one -Size 1MB
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Session $s }
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
        $r.Output | Should -BeNullOrEmpty
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeConnectionFailed,TkeStack.Commands.GetTkeClusterCommand'
        $r.Error.Exception.Message | Should -Match 'header'
    }

    It 'lists every hostile kind among the fault kinds it accepts' {
        foreach ($kind in 'pageloop', 'emptypages', 'gzipbomb', 'endless', 'controlstatus', 'controlchars', 'dotname', 'hugeheader') {
            (Set-SimFault $sim $kind -Path '/nowhere').kind | Should -Be $kind
        }
        { Invoke-RestMethod -Method Post "$($sim.Url)/_sim/faults" -Body '{"kind":"nonsense"}' -ContentType application/json } | Should -Throw
    }
}

Describe 'Lists end, and names from answers are checked like input' {
    BeforeEach {
        Clear-SimFault $sim
        Clear-SimRequest $sim
    }
    AfterAll { Clear-SimFault $sim }

    It 'a repeated continue token ends the list with TkePagingStalled, the pages read so far written' {
        $s = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -PageSize 1 -MaximumRetryCount 0
        Set-SimFault $sim pageloop -Path $clusters
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-Captured { Get-TkeCluster -Session $s }
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
        @($r.Output).Count | Should -Be 2
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkePagingStalled,TkeStack.Commands.GetTkeClusterCommand'
        $r.Error.Exception.Message | Should -Match 'a continue token it had given before'
        # Connect-Tke's check (a page of one), then the two pages of the loop.
        @(Get-SimRequest $sim -Method GET -PathLike $clusters).Count | Should -Be 3
    }

    It 'pages that stay empty, with a new token each time, end the list after a bounded number of requests' {
        $s = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -PageSize 1 -MaximumRetryCount 0
        Set-SimFault $sim emptypages -Path $clusters
        $r = Invoke-Captured { Get-TkeCluster -Session $s }
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkePagingStalled,TkeStack.Commands.GetTkeClusterCommand'
        $r.Error.Exception.Message | Should -Match '100 pages in a row with no items'
        @(Get-SimRequest $sim -Method GET -PathLike $clusters).Count | Should -BeLessOrEqual 101
    }

    It 'the duplicate-IP check of New-TkeMachine ends on a looping list too, and sends no POST' {
        $s = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -PageSize 1 -MaximumRetryCount 0
        Set-SimFault $sim pageloop -Path '*/machines'
        $cred = [pscredential]::new('root', (ConvertTo-SecureString 'pw' -AsPlainText -Force))
        $r = Invoke-Captured { New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.66 -Credential $cred -Session $s }
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkePagingStalled,TkeStack.Commands.NewTkeMachineCommand'
        @(Get-SimRequest $sim -Method POST).Count | Should -Be 0
    }

    It 'a create answering the name ".." is reported, and no request goes to a climbing path' {
        $s = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -MaximumRetryCount 0
        Set-SimFault $sim dotname -Method POST -Path '*/machines' -Times 1
        $cred = [pscredential]::new('root', (ConvertTo-SecureString 'pw' -AsPlainText -Force))
        $r = Invoke-Captured { New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.67 -Credential $cred -Wait -TimeoutSec 30 -Session $s }
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeApiMalformed,TkeStack.Commands.NewTkeMachineCommand'
        $r.Error.Exception.Message | Should -Match "named an object '\.\.'"
        # '/machines/..' would reach the server as the group's root, '/platform/apis/platform.tkestack.io/v1/'.
        @(Get-SimRequest $sim -Method GET | Where-Object { $_.path -match '/v1/?$' -or $_.path -match '/\.\.?(/|$)' }).Count | Should -Be 0
    }
}
