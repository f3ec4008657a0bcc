# Reliability and security: retries, timeouts, TLS, redirects, proxies, bad answers, bad
# input, secrets, thread safety. Faults are injected through the simulator's /_sim/faults.
BeforeDiscovery {
    # Bad input: each refused before any request, with the right category. Scripts are strings so
    # they bind to the test's scope ($sim, $session) when they run.
    $script:badInput = @(
        # Connect-Tke
        @{ Name = 'Connect-Tke: an ftp URI'; Script = 'Connect-Tke -Uri ftp://example.test -Token $sim.AdminToken'; Id = 'TkeInvalidUri,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Connect-Tke: a relative URI'; Script = 'Connect-Tke -Uri console.tke.com -Token $sim.AdminToken'; Id = 'TkeInvalidUri,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Connect-Tke: a file URI'; Script = 'Connect-Tke -Uri file:///etc/passwd -Token $sim.AdminToken'; Id = 'TkeInvalidUri,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Connect-Tke: a URI with a password in it'; Script = 'Connect-Tke -Uri "http://bob:hunter2@127.0.0.1:1" -Token $sim.AdminToken'; Id = 'TkeInvalidUri,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument'; NotInError = 'hunter2' }
        @{ Name = 'Connect-Tke: a URI with a query'; Script = 'Connect-Tke -Uri "$($sim.Url)/?x=1" -Token $sim.AdminToken'; Id = 'TkeInvalidUri,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Connect-Tke: TKE_URI that is not a URI'; Script = '$env:TKE_URI = "not a uri"; try { Connect-Tke -Token $sim.AdminToken } finally { Remove-Item env:TKE_URI }'; Id = 'TkeInvalidUri,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Connect-Tke: no URI at all (and no session to reconnect)'; Script = 'Disconnect-Tke; Remove-Item env:TKE_URI -ErrorAction Ignore; Connect-Tke -Token $sim.AdminToken'; Id = 'TkeNoUri,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Connect-Tke: an empty key'; Script = 'Connect-Tke -Uri $sim.Url -Token ([securestring]::new())'; Id = 'TkeEmptyToken,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Connect-Tke: no key at all'; Script = 'Remove-Item env:TKE_TOKEN -ErrorAction Ignore; Connect-Tke -Uri $sim.Url'; Id = 'TkeNoToken,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Connect-Tke: a key with a line break'; Script = 'Connect-Tke -Uri $sim.Url -Token (ConvertTo-SecureString "abc`r`nX-Evil: 1" -AsPlainText -Force)'; Id = 'TkeInvalidToken,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument'; NotInError = 'X-Evil' }
        @{ Name = 'Connect-Tke: a key holding a NUL (once cut short at it and sent)'; Script = 'Connect-Tke -Uri $sim.Url -Token (ConvertTo-SecureString "eyJhbGciOi`0tail" -AsPlainText -Force)'; Id = 'TkeInvalidToken,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument'; NotInError = 'eyJhbGciOi' }
        @{ Name = 'Connect-Tke: a key with a character that is not ASCII (once tried five times as a network failure)'; Script = 'Connect-Tke -Uri $sim.Url -Token (ConvertTo-SecureString "eyJhbGciOiJSUzI1NiJ9.ey`u{2013}x" -AsPlainText -Force)'; Id = 'TkeInvalidToken,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument'; NotInError = 'eyJhbGciOiJSUzI1NiJ9' }
        @{ Name = 'Connect-Tke: -TimeoutSec 0'; Script = 'Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -TimeoutSec 0'; Id = 'ParameterArgumentValidationError,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidData' }
        @{ Name = 'Connect-Tke: -TimeoutSec -5'; Script = 'Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -TimeoutSec -5'; Id = 'ParameterArgumentValidationError,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidData' }
        @{ Name = 'Connect-Tke: -TimeoutSec of more than a day'; Script = 'Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -TimeoutSec 86401'; Id = 'ParameterArgumentValidationError,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidData' }
        @{ Name = 'Connect-Tke: -TimeoutSec that is not a number'; Script = 'Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -TimeoutSec soon'; Id = 'CannotConvertArgumentNoMessage,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Connect-Tke: -MaximumRetryCount -1'; Script = 'Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -MaximumRetryCount -1'; Id = 'ParameterArgumentValidationError,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidData' }
        @{ Name = 'Connect-Tke: -RetryIntervalSec -1'; Script = 'Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -RetryIntervalSec -1'; Id = 'ParameterArgumentValidationError,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidData' }
        @{ Name = 'Connect-Tke: -PageSize -1'; Script = 'Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -PageSize -1'; Id = 'ParameterArgumentValidationError,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidData' }
        @{ Name = 'Connect-Tke: a prefix with a space'; Script = 'Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -PlatformPrefix "/plat form"'; Id = 'TkeInvalidPrefix,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument'; Target = '/plat form' }
        @{ Name = 'Connect-Tke: a prefix that climbs with ..'; Script = 'Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -PlatformPrefix "/platform/../_sim"'; Id = 'TkeInvalidPrefix,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Connect-Tke: a prefix that is a URL'; Script = 'Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -BusinessPrefix "http://other.test/business"'; Id = 'TkeInvalidPrefix,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Connect-Tke: a prefix with a query'; Script = 'Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -BusinessPrefix "/business?x=1"'; Id = 'TkeInvalidPrefix,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Connect-Tke: a $null prefix'; Script = 'Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -PlatformPrefix $null'; Id = 'ParameterArgumentValidationError,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidData' }
        @{ Name = 'Connect-Tke: -Proxy with -NoProxy'; Script = 'Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -Proxy http://proxy.test:3128 -NoProxy'; Id = 'TkeInvalidProxy,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Connect-Tke: a relative -Proxy'; Script = 'Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -Proxy proxy.test'; Id = 'TkeInvalidProxy,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Connect-Tke: -MaximumResponseSizeMB 0'; Script = 'Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -MaximumResponseSizeMB 0'; Id = 'ParameterArgumentValidationError,TkeStack.Commands.ConnectTkeCommand'; Category = 'InvalidData' }
        # Get-TkeCluster
        @{ Name = 'Get-TkeCluster: an empty name'; Script = 'Get-TkeCluster ""'; Id = 'ParameterArgumentValidationError,TkeStack.Commands.GetTkeClusterCommand'; Category = 'InvalidData' }
        @{ Name = 'Get-TkeCluster: an upper-case id'; Script = 'Get-TkeCluster CLS-A1B2C3D4'; Id = 'TkeInvalidName,TkeStack.Commands.GetTkeClusterCommand'; Category = 'InvalidArgument'; Target = 'CLS-A1B2C3D4' }
        @{ Name = 'Get-TkeCluster: an id with an underscore'; Script = 'Get-TkeCluster cls_a1b2'; Id = 'TkeInvalidName,TkeStack.Commands.GetTkeClusterCommand'; Category = 'InvalidArgument'; Target = 'cls_a1b2' }
        @{ Name = 'Get-TkeCluster: an id with a space'; Script = 'Get-TkeCluster "cls a1b2"'; Id = 'TkeInvalidName,TkeStack.Commands.GetTkeClusterCommand'; Category = 'InvalidArgument'; Target = 'cls a1b2' }
        @{ Name = 'Get-TkeCluster: an id starting with a dash'; Script = 'Get-TkeCluster -- -cls1'; Id = 'TkeInvalidName,TkeStack.Commands.GetTkeClusterCommand'; Category = 'InvalidArgument'; Target = '-cls1' }
        @{ Name = 'Get-TkeCluster: an id too long'; Script = 'Get-TkeCluster ("c" * 254)'; Id = 'TkeInvalidName,TkeStack.Commands.GetTkeClusterCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Get-TkeCluster: a display name instead of the id'; Script = 'Get-TkeCluster 生产集群'; Id = 'TkeInvalidName,TkeStack.Commands.GetTkeClusterCommand'; Category = 'InvalidArgument'; Target = '生产集群'; Message = 'display name' }
        @{ Name = 'Get-TkeCluster: a path that climbs'; Script = 'Get-TkeCluster ../../namespaces'; Id = 'TkeInvalidName,TkeStack.Commands.GetTkeClusterCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Get-TkeCluster: a blank name'; Script = 'Get-TkeCluster "   "'; Id = 'TkeInvalidName,TkeStack.Commands.GetTkeClusterCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Get-TkeCluster: $null from the pipeline'; Script = '$null | Get-TkeCluster'; Id = 'ParameterArgumentValidationError,TkeStack.Commands.GetTkeClusterCommand'; Category = 'InvalidData' }
        @{ Name = 'Get-TkeCluster: an empty string from the pipeline'; Script = '"" | Get-TkeCluster'; Id = 'ParameterArgumentValidationError,TkeStack.Commands.GetTkeClusterCommand'; Category = 'InvalidData' }
        @{ Name = 'Get-TkeCluster: no session'; Script = 'Disconnect-Tke; Get-TkeCluster'; Id = 'TkeNotConnected,TkeStack.Commands.GetTkeClusterCommand'; Category = 'InvalidOperation' }
        @{ Name = 'Get-TkeCluster: -Session that is a string'; Script = 'Get-TkeCluster -Session "http://127.0.0.1:1"'; Id = 'CannotConvertArgumentNoMessage,TkeStack.Commands.GetTkeClusterCommand'; Category = 'InvalidArgument' }
        # Get-TkeNamespace
        @{ Name = 'Get-TkeNamespace: an empty cluster id'; Script = 'Get-TkeNamespace -ClusterName ""'; Id = 'ParameterArgumentValidationError,TkeStack.Commands.GetTkeNamespaceCommand'; Category = 'InvalidData' }
        @{ Name = 'Get-TkeNamespace: an upper-case cluster id'; Script = 'Get-TkeNamespace -ClusterName CLS-A1B2C3D4'; Id = 'TkeInvalidName,TkeStack.Commands.GetTkeNamespaceCommand'; Category = 'InvalidArgument'; Target = 'CLS-A1B2C3D4' }
        @{ Name = 'Get-TkeNamespace: a cluster id with a slash'; Script = 'Get-TkeNamespace -ClusterName cls-a1b2c3d4/x'; Id = 'TkeInvalidName,TkeStack.Commands.GetTkeNamespaceCommand'; Category = 'InvalidArgument'; Target = 'cls-a1b2c3d4/x' }
        @{ Name = 'Get-TkeNamespace: a namespace with a dot'; Script = 'Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Name kube.system'; Id = 'TkeInvalidName,TkeStack.Commands.GetTkeNamespaceCommand'; Category = 'InvalidArgument'; Target = 'kube.system' }
        @{ Name = 'Get-TkeNamespace: a namespace of 64 characters'; Script = 'Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Name ("n" * 64)'; Id = 'TkeInvalidName,TkeStack.Commands.GetTkeNamespaceCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Get-TkeNamespace: an empty namespace'; Script = 'Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Name ""'; Id = 'ParameterArgumentValidationError,TkeStack.Commands.GetTkeNamespaceCommand'; Category = 'InvalidData' }
        @{ Name = 'Get-TkeNamespace: $null from the pipeline'; Script = '$null | Get-TkeNamespace'; Id = 'InputObjectNotBound,TkeStack.Commands.GetTkeNamespaceCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Get-TkeNamespace: an object without ClusterName from the pipeline'; Script = '[pscustomobject]@{ Foo = 1 } | Get-TkeNamespace'; Id = 'InputObjectNotBound,TkeStack.Commands.GetTkeNamespaceCommand'; Category = 'InvalidArgument' }
        @{ Name = 'Get-TkeNamespace: a bad ClusterName from the pipeline'; Script = '[pscustomobject]@{ ClusterName = "bad name" } | Get-TkeNamespace'; Id = 'TkeInvalidName,TkeStack.Commands.GetTkeNamespaceCommand'; Category = 'InvalidArgument'; Target = 'bad name' }
        @{ Name = 'Get-TkeNamespace: no session'; Script = 'Disconnect-Tke; Get-TkeNamespace -ClusterName cls-a1b2c3d4'; Id = 'TkeNotConnected,TkeStack.Commands.GetTkeNamespaceCommand'; Category = 'InvalidOperation' }
        # Disconnect-Tke
        @{ Name = 'Disconnect-Tke: -Session that is a string'; Script = 'Disconnect-Tke -Session nope'; Id = 'CannotConvertArgumentNoMessage,TkeStack.Commands.DisconnectTkeCommand'; Category = 'InvalidArgument' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:sim = Start-TkeSimulator -Https
    $script:port = ([uri]$sim.Url).Port
    $script:one = '/platform/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4'

    # Connect-Quick (quick retries) and Invoke-Captured (output, errors and verbose of a command).
    . (Join-Path $PSScriptRoot 'Captured.ps1')
}
AfterAll {
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
}

Describe 'Retries of calls that are safe to repeat' {
    BeforeEach { $script:session = Connect-Quick; Clear-SimFault $sim; Clear-SimRequest $sim }
    AfterAll { Clear-SimFault $sim }

    It 'retries a GET on 503 with backoff and says each retry and why in -Verbose' {
        Set-SimFault $sim status -Path $one -Status 503 -Times 2
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Verbose }
        $r.Error | Should -BeNullOrEmpty
        $r.Output.Name | Should -Be 'cls-a1b2c3d4'
        @(Get-SimRequest $sim -PathLike $one).Count | Should -Be 3
        $r.Verbose | Should -Match 'Retry 1 of 4 of GET .*cls-a1b2c3d4 in [\d.]+ s: the server answered 503 ServiceUnavailable'
        $r.Verbose | Should -Match 'Retry 2 of 4'
    }

    It 'honours Retry-After in seconds on 429' {
        Set-SimFault $sim status -Path $one -Status 429 -RetryAfter 1 -Times 1
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Verbose }
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.9
        $r.Output.Name | Should -Be 'cls-a1b2c3d4'
        $r.Verbose | Should -Match '429 TooManyRequests with Retry-After 1 s'
    }

    It 'honours Retry-After as an HTTP date' {
        $date = [DateTimeOffset]::UtcNow.AddSeconds(2).ToString('r')
        Set-SimFault $sim status -Path $one -Status 503 -RetryAfter $date -Times 1
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Verbose }
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.5
        $r.Output.Name | Should -Be 'cls-a1b2c3d4'
        $r.Verbose | Should -Match 'Retry-After'
    }

    It 'gives up after -MaximumRetryCount retries of a 502 with one clear error' {
        $s = Connect-Quick @{ MaximumRetryCount = 2 }
        Clear-SimRequest $sim
        Set-SimFault $sim status -Path $one -Status 502
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Session $s }
        @(Get-SimRequest $sim -PathLike $one).Count | Should -Be 3
        $r.Errors.Count | Should -Be 1
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeApiHttp502,TkeStack.Commands.GetTkeClusterCommand'
        $r.Error.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $r.Error.Exception.StatusCode | Should -Be 502
        $r.Error.TargetObject | Should -Be 'cls-a1b2c3d4'
    }

    It 'maps a 504 that persists to OperationTimeout with the Status reason in the id' {
        $s = Connect-Quick @{ MaximumRetryCount = 1 }
        Set-SimFault $sim status -Path $one -Status 504
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Session $s }
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeApiTimeout,TkeStack.Commands.GetTkeClusterCommand'
        $r.Error.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $r.Error.Exception.Status.Reason | Should -Be 'Timeout'
        $r.Error.Exception.Status.Code | Should -Be 504
    }

    It 'does not retry a 500' {
        Set-SimFault $sim status -Path $one -Status 500
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 }
        @(Get-SimRequest $sim -PathLike $one).Count | Should -Be 1
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeApiInternalError,TkeStack.Commands.GetTkeClusterCommand'
    }

    It 'retries a connection dropped before any answer' {
        Set-SimFault $sim drop -Path $one -Times 1
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Verbose }
        $r.Output.Name | Should -Be 'cls-a1b2c3d4'
        @(Get-SimRequest $sim -PathLike $one).Count | Should -Be 2
        $r.Verbose | Should -Match 'Retry 1 of 4 .*failed before an answer'
    }

    It 'ends a connection that always drops in ConnectionError' {
        $s = Connect-Quick @{ MaximumRetryCount = 0 }
        Set-SimFault $sim drop -Path $one
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Session $s }
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeConnectionFailed,TkeStack.Commands.GetTkeClusterCommand'
        $r.Error.CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'retries a body that broke off, and says so when it always does' {
        Set-SimFault $sim truncated -Path $one -Times 1
        (Get-TkeCluster cls-a1b2c3d4).Name | Should -Be 'cls-a1b2c3d4'
        Clear-SimFault $sim
        $s = Connect-Quick @{ MaximumRetryCount = 0 }
        Set-SimFault $sim truncated -Path $one
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Session $s }
        $r.Output | Should -BeNullOrEmpty
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeResponseTruncated,TkeStack.Commands.GetTkeClusterCommand'
        $r.Error.CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'reads a body that pauses in the middle' {
        Set-SimFault $sim slowbody -Path $one -DelayMs 300
        (Get-TkeCluster cls-a1b2c3d4).Name | Should -Be 'cls-a1b2c3d4'
        (Get-SimRequest $sim -PathLike $one).fault | Should -Be 'slowbody'
    }
}

Describe 'Timeouts and Ctrl+C' {
    BeforeEach { Clear-SimFault $sim; Clear-SimRequest $sim }
    AfterAll { Clear-SimFault $sim }

    It 'says "timed out after N s" when the headers are late' {
        $s = Connect-Quick @{ TimeoutSec = 1; MaximumRetryCount = 0 }
        Set-SimFault $sim delay -Path $one -DelayMs 4000
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Session $s }
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeTimeout,TkeStack.Commands.GetTkeClusterCommand'
        $r.Error.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $r.Error.Exception.Message | Should -Match 'timed out after 1(\.\d)? s, 1 attempt'
    }

    It 'times out a body that stalls in the middle' {
        $s = Connect-Quick @{ TimeoutSec = 1; MaximumRetryCount = 0 }
        Set-SimFault $sim slowbody -Path $one -DelayMs 4000
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Session $s }
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeTimeout,TkeStack.Commands.GetTkeClusterCommand'
        $r.Output | Should -BeNullOrEmpty
    }

    It 'stops a request in flight within a second on Ctrl+C, which is not a timeout' {
        $s = Connect-Quick
        Set-SimFault $sim delay -Path $one -DelayMs 20000
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($m, $s) Import-Module $m; Get-TkeCluster cls-a1b2c3d4 -Session $s').AddArgument($env:TKESTACK_MODULE).AddArgument($s)
            $handle = $ps.BeginInvoke()
            $deadline = (Get-Date).AddSeconds(15)
            while (-not @(Get-SimRequest $sim -PathLike $one) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
            @(Get-SimRequest $sim -PathLike $one).Count | Should -Be 1
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 1
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $ps.Streams.Error | Where-Object FullyQualifiedErrorId -like 'TkeTimeout*' | Should -BeNullOrEmpty
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Bad answers end in one clear error, never a half-built object' {
    BeforeEach { $script:session = Connect-Quick @{ MaximumRetryCount = 0 }; Clear-SimFault $sim; Clear-SimRequest $sim }
    AfterAll { Clear-SimFault $sim }

    It '<Name>' -ForEach @(
        @{ Name = 'an HTML error page from a proxy in front'; Kind = 'html'; Fault = @{}; Id = 'TkeNotApi'; Category = 'ResourceUnavailable'; Message = '502 Bad Gateway' }
        @{ Name = 'an HTML page with 200'; Kind = 'html'; Fault = @{ Status = 200; Body = '<html><body>Welcome</body></html>' }; Id = 'TkeNotApi'; Category = 'InvalidResult'; Message = 'Welcome' }
        @{ Name = 'an empty body'; Kind = 'empty'; Fault = @{}; Id = 'TkeNotApi'; Category = 'InvalidResult'; Message = 'empty body' }
        @{ Name = 'malformed JSON'; Kind = 'malformed'; Fault = @{}; Id = 'TkeApiMalformed'; Category = 'InvalidResult'; Message = 'well-formed' }
        @{ Name = 'JSON cut off halfway'; Kind = 'partial'; Fault = @{}; Id = 'TkeApiMalformed'; Category = 'InvalidResult'; Message = 'well-formed' }
        @{ Name = 'a JSON array'; Kind = 'body'; Fault = @{ Body = '[1,2,3]' }; Id = 'TkeApiMalformed'; Category = 'InvalidResult'; Message = 'json array' }
        @{ Name = 'a JSON string'; Kind = 'body'; Fault = @{ Body = '"cls-a1b2c3d4"' }; Id = 'TkeApiMalformed'; Category = 'InvalidResult'; Message = 'json string' }
        @{ Name = 'an object of another kind'; Kind = 'body'; Fault = @{ Body = '{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"default"}}' }; Id = 'TkeApiMalformed'; Category = 'InvalidResult'; Message = 'expected a Cluster, got a Namespace' }
        @{ Name = 'an object with no name'; Kind = 'body'; Fault = @{ Body = '{}' }; Id = 'TkeApiMalformed'; Category = 'InvalidResult'; Message = 'without metadata.name' }
        @{ Name = 'a field of the wrong type'; Kind = 'body'; Fault = @{ Body = '{"kind":"Cluster","metadata":{"name":"cls-a1b2c3d4"},"spec":{"displayName":42}}' }; Id = 'TkeApiMalformed'; Category = 'InvalidResult'; Message = 'wrong shape' }
        @{ Name = 'a gigantic body that declares its length'; Kind = 'huge'; Fault = @{ Size = 1TB; DeclareLength = $true }; Id = 'TkeResponseTooLarge'; Category = 'LimitsExceeded'; Message = 'larger than' }
    ) {
        Set-SimFault $sim $Kind -Path $one @Fault
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Error.FullyQualifiedErrorId | Should -Be "$Id,TkeStack.Commands.GetTkeClusterCommand"
        $r.Error.CategoryInfo.Category | Should -Be $Category
        $r.Error.Exception.Message | Should -Match ([regex]::Escape($Message))
        $r.Error.Exception | Should -BeOfType TkeStack.Api.TkeApiException
        $r.Error.TargetObject | Should -Be 'cls-a1b2c3d4'
    }

    It 'refuses a gigantic chunked list past -MaximumResponseSizeMB' {
        $s = Connect-Quick @{ MaximumResponseSizeMB = 1; MaximumRetryCount = 0 }
        Set-SimFault $sim huge -Path '*/clusters' -Size 4MB
        $r = Invoke-Captured { Get-TkeCluster -Session $s }
        $r.Output | Should -BeNullOrEmpty
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeResponseTooLarge,TkeStack.Commands.GetTkeClusterCommand'
        $r.Error.Exception.Message | Should -Match 'larger than 1 MiB'
    }

    It 'refuses a list whose items are not objects' {
        Set-SimFault $sim body -Path '*/clusters' -Body '{"kind":"ClusterList","metadata":{},"items":[5]}'
        $r = Invoke-Captured { Get-TkeCluster }
        $r.Output | Should -BeNullOrEmpty
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeApiMalformed,TkeStack.Commands.GetTkeClusterCommand'
    }

    It 'refuses a list whose items field is not a list' {
        Set-SimFault $sim body -Path '*/api/v1/namespaces' -Body '{"kind":"NamespaceList","items":"none"}'
        $r = Invoke-Captured { Get-TkeNamespace -ClusterName cls-a1b2c3d4 }
        $r.Output | Should -BeNullOrEmpty
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeApiMalformed,TkeStack.Commands.GetTkeNamespaceCommand'
        $r.Error.TargetObject | Should -Be 'cls-a1b2c3d4'
    }
}

Describe 'TLS, redirects and proxies' {
    BeforeEach { Clear-SimFault $sim; Clear-SimRequest $sim }
    AfterAll { Clear-SimFault $sim; $script:session = Connect-Quick }

    It 'checks the certificate by default and refuses a self-signed one with SecurityError' {
        $sim.HttpsUrl | Should -Match '^https://127\.0\.0\.1:\d+'
        $r = Invoke-Captured { Connect-Tke -Uri $sim.HttpsUrl -Token $sim.AdminToken }
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeCertificateInvalid,TkeStack.Commands.ConnectTkeCommand'
        $r.Error.CategoryInfo.Category | Should -Be 'SecurityError'
        $r.Error.ErrorDetails.RecommendedAction | Should -Match 'SkipCertificateCheck'
        @(Get-SimRequest $sim).Count | Should -Be 0
    }

    It 'connects with -SkipCertificateCheck, warning once' {
        $s = Connect-Tke -Uri $sim.HttpsUrl -Token $sim.AdminToken -SkipCertificateCheck -WarningVariable w -WarningAction SilentlyContinue
        $s.SkipCertificateCheck | Should -BeTrue
        @($w).Count | Should -Be 1
        "$w" | Should -Match 'certificate is not checked'
        (Get-TkeCluster cls-a1b2c3d4 -Session $s).Name | Should -Be 'cls-a1b2c3d4'
        @(Get-SimRequest $sim -PathLike $one).Count | Should -Be 1
    }

    It 'never sends the key to another host a redirect points to' {
        $s = Connect-Quick
        Set-SimFault $sim redirect -Path $one -Status 307 -Location "http://localhost:$port/stolen/key"
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Session $s }
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeNotApi,TkeStack.Commands.GetTkeClusterCommand'
        $r.Error.Exception.Message | Should -Match 'localhost'
        $r.Error.Exception.Message | Should -Match 'not followed'
        @(Get-SimRequest $sim -PathLike '/stolen/*').Count | Should -Be 0
    }

    It 'does not follow a redirect to HTTPS on the same host, and says to connect with https' {
        $s = Connect-Quick
        Set-SimFault $sim redirect -Path $one -Status 301 -Location "https://127.0.0.1:$port/elsewhere"
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Session $s }
        $r.Error.ErrorDetails.RecommendedAction | Should -Match 'Connect-Tke -Uri https://127\.0\.0\.1'
        @(Get-SimRequest $sim -PathLike '/elsewhere*').Count | Should -Be 0
    }

    It 'goes through an explicit -Proxy' {
        $s = Connect-Tke -Uri 'http://tke.proxied.test:8080' -Token $sim.AdminToken -Proxy $sim.Url
        (Get-TkeCluster cls-a1b2c3d4 -Session $s).Name | Should -Be 'cls-a1b2c3d4'
        $r = Get-SimRequest $sim -PathLike $one
        $r.target | Should -Be "http://tke.proxied.test:8080$one"
        $r.headers.Host | Should -Be 'tke.proxied.test:8080'
    }

    It 'uses the system proxy by default, and none with -NoProxy' {
        # The system proxy is read once per process (HTTP_PROXY here), so this runs in a child pwsh.
        $script = Join-Path ([IO.Path]::GetTempPath()) "tke-proxy-$([guid]::NewGuid()).ps1"
        @'
param($Module, $Token)
Import-Module $Module
$t = ConvertTo-SecureString $Token -AsPlainText -Force
$s = Connect-Tke -Uri http://tke.system-proxy.test:8080 -Token $t -MaximumRetryCount 0
"system:$($s.User)"
try { Connect-Tke -Uri http://tke.system-proxy.test:8080 -Token $t -NoProxy -MaximumRetryCount 0 -ErrorAction Stop | Out-Null; 'noproxy:connected' }
catch { "noproxy:$($_.FullyQualifiedErrorId)" }
'@ | Set-Content $script
        $env:HTTP_PROXY = $sim.Url
        try {
            $out = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $script $env:TKESTACK_MODULE $sim.AdminTokenText 2>&1 | Out-String
        }
        finally { Remove-Item env:HTTP_PROXY, $script }
        $out | Should -Match 'system:admin'
        $out | Should -Match 'noproxy:TkeConnectionFailed'
        (Get-SimRequest $sim).target | Should -Contain 'http://tke.system-proxy.test:8080/platform/apis/platform.tkestack.io/v1/clusters?limit=1'
    }

    It 'answers a proxy''s 407 with -ProxyCredential, which is never recorded or shown' {
        Set-SimFault $sim proxyauth -Path '*'
        $cred = [pscredential]::new('proxyuser', (ConvertTo-SecureString 'proxy-secret-1' -AsPlainText -Force))
        $out = Connect-Tke -Uri 'http://tke.proxied.test:8080' -Token $sim.AdminToken -Proxy $sim.Url -ProxyCredential $cred -Verbose -Debug *>&1 | Out-String
        $out | Should -Not -Match 'proxy-secret-1'
        $authorized = @(Get-SimRequest $sim | Where-Object { $_.headers.PSObject.Properties['Proxy-Authorization'] })
        $authorized.Count | Should -BeGreaterThan 0
        $authorized[0].headers.'Proxy-Authorization' | Should -Be 'Basic (redacted)'
    }
}

Describe 'An expired or revoked key in the middle of a script' {
    It 'says so, names the 访问凭证 page, and Connect-Tke again fixes the session held' {
        $key = New-SimKey $sim -User frank -Administrator -ExpiresInSeconds (86400 * 30)
        $s = Connect-Tke -Uri $sim.Url -Token (ConvertTo-SecureString $key.token -AsPlainText -Force)
        (Get-TkeCluster cls-a1b2c3d4 -Session $s).Name | Should -Be 'cls-a1b2c3d4'
        $null = Invoke-RestMethod -Method Post "$($sim.Url)/_sim/keys/$($key.id)/disable"
        $r = Invoke-Captured { Get-TkeCluster cls-a1b2c3d4 -Session $s }
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeApiUnauthorized,TkeStack.Commands.GetTkeClusterCommand'
        $r.Error.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $r.Error.Exception.Message | Should -Match 'expired, been disabled or been deleted'
        $r.Error.ErrorDetails.RecommendedAction | Should -Match '访问凭证'
        $fresh = New-SimKey $sim -User frank -Administrator -ExpiresInSeconds (86400 * 30)
        $again = Connect-Tke -Uri $sim.Url -Token (ConvertTo-SecureString $fresh.token -AsPlainText -Force)
        [object]::ReferenceEquals($again, $s) | Should -BeTrue
        (Get-TkeCluster cls-a1b2c3d4 -Session $s).Name | Should -Be 'cls-a1b2c3d4'
    }
}

Describe 'One session from many threads' {
    It 'serves 8 runspaces x 50 calls of clusters, workloads and machines with no error, reusing connections' {
        $s = Connect-Quick
        $cred = [pscredential]::new('root', (ConvertTo-SecureString 'parallel-pw' -AsPlainText -Force))
        $mc = (New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.77 -Credential $cred -Session $s -ErrorAction Stop).Name
        Clear-SimRequest $sim
        $module = $env:TKESTACK_MODULE
        $results = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:module
            $s = $using:s
            $names = foreach ($i in 1..50) {
                switch ($i % 3) {
                    1 { (Get-TkeCluster cls-a1b2c3d4 -Session $s -ErrorAction Stop).Name }
                    2 { (Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web -Session $s -ErrorAction Stop).Name }
                    0 { (Get-TkeMachine $using:mc -Session $s -ErrorAction Stop).Name }
                }
            }
            [pscustomobject]@{ Count = @($names | Where-Object { $_ -in 'cls-a1b2c3d4', 'web', $using:mc }).Count }
        }
        ($results | Measure-Object Count -Sum).Sum | Should -Be 400
        $stats = Get-SimStat $sim
        $stats.requests | Should -Be 400
        $stats.routes."GET $one" | Should -Be (8 * 17)
        $stats.routes.'GET /platform/apis/apps/v1/namespaces/shop/deployments/web' | Should -Be (8 * 17)
        $stats.routes."GET /platform/apis/platform.tkestack.io/v1/machines/$mc" | Should -Be (8 * 16)
        # One pooled HttpClient: at most one connection per concurrent caller, not one per call.
        $stats.connections | Should -BeLessOrEqual 8
    }

    It 'serves thread jobs too' {
        $s = Connect-Quick
        $module = $env:TKESTACK_MODULE
        $jobs = 1..3 | ForEach-Object { Start-ThreadJob { Import-Module $using:module; (Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Session $using:s -ErrorAction Stop).Name } }
        $out = $jobs | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        @($out | Where-Object { $_ -eq 'default' }).Count | Should -Be 3
    }
}

Describe 'Bad input is refused before any request' {
    BeforeEach {
        $script:session = Connect-Quick
        Clear-SimRequest $sim
    }
    AfterAll { $script:session = Connect-Quick }

    It '<Name>' -ForEach $badInput {
        $case = $_
        $command = [scriptblock]::Create($Script)
        $e = $null
        try {
            $ErrorActionPreference = 'Stop'
            $null = & $command
        }
        catch { $e = $_ }
        finally { $ErrorActionPreference = 'Continue' }
        $e | Should -Not -BeNullOrEmpty -Because 'bad input must fail'
        $e.FullyQualifiedErrorId | Should -Be $Id
        $e.CategoryInfo.Category | Should -Be $Category
        if ($case['Target']) { $e.TargetObject | Should -Be $case['Target'] }
        if ($case['Message']) { $e.Exception.Message | Should -Match $case['Message'] }
        if ($case['NotInError']) { ($e | Out-String) + $e.TargetObject + $e.Exception.Message | Should -Not -Match $case['NotInError'] }
        @(Get-SimRequest $sim).Count | Should -Be 0 -Because 'nothing may reach the server'
    }

    It 'checks each name of a list on its own and goes on with the good ones' {
        $c = Get-TkeCluster 'Bad_Name', 'cls-a1b2c3d4' -ErrorAction SilentlyContinue -ErrorVariable e
        $c.Name | Should -Be 'cls-a1b2c3d4'
        $e.Count | Should -Be 1
        $e[0].TargetObject | Should -Be 'Bad_Name'
        @(Get-SimRequest $sim).path | Should -Be @($one)
    }

    It 'sends nothing for an empty pipeline' {
        @() | Get-TkeCluster | Should -BeNullOrEmpty
        @(Get-SimRequest $sim).Count | Should -Be 0
    }
}

Describe 'Secrets never appear' {
    It 'are in no stream, record or export of any cmdlet of the module, each run with -Verbose -Debug against the server' {
        $sweep = Start-TkeSimulator -Gateway console
        # An open-source gateway too: its console login and the key made from a password carry secrets of their own.
        $sweepGw = Start-TkeSimulator -Gateway open-source
        $consolePassword = $sweepGw.AdminCredential.GetNetworkCredential().Password
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "tke-sweep-$([guid]::NewGuid()).txt"
        $key = $sweep.AdminTokenText
        $password = 'Machine-Pa55-' + [guid]::NewGuid().ToString('N')
        $securePassword = ConvertTo-SecureString $password -AsPlainText -Force
        $machineCred = [pscredential]::new('root', $securePassword)
        $wrongConsole = [pscredential]::new('admin', (ConvertTo-SecureString "Wrong-$password" -AsPlainText -Force))
        $secrets = @(
            $key, $key.Split('.')[2], [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($key)),
            $password, [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($password)),
            $consolePassword, [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($consolePassword)),
            "Wrong-$password", [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("Wrong-$password"))
        )
        # Values for mandatory parameters of cmdlets this file does not know by name (added later).
        function Get-SweepArgument([System.Management.Automation.ParameterMetadata] $p) {
            $t = $p.ParameterType
            if ($t -eq [securestring]) { return $securePassword }
            if ($t -eq [pscredential]) { return $machineCred }
            if ($t.IsEnum) { return [Enum]::GetValues($t)[0] }
            if ($t -eq [string] -or $t -eq [string[]]) {
                switch -Wildcard ($p.Name) {
                    '*Cluster*' { return 'cls-a1b2c3d4' }
                    '*Namespace*' { return 'shop' }
                    '*Project*' { return 'prj-shop0001' }
                    '*Password*' { return $password }
                    '*Image*' { return 'nginx:1.25' }
                    '*IP*' { return '10.0.0.99' }
                    default { return 'default' }
                }
            }
            if ($t -eq [int] -or $t -eq [long] -or $t -eq [double]) { return 1 }
            if ($t -eq [uri]) { return [uri]$sweep.Url }
            return $null
        }
        # Each cmdlet with arguments that reach the server: names found and not found, a bad one, a
        # change that is made, a machine added with its password.
        $shop = @{ ClusterName = 'cls-a1b2c3d4'; Namespace = 'shop' }
        $known = @{
            'Connect-Tke'             = @{ Uri = $sweep.Url; Token = $sweep.AdminToken }
            'Get-TkeCluster'          = @{ Name = 'cls-a1b2c3d4', 'cls-nothere1', 'BAD' }
            'Get-TkeNamespace'        = @{ ClusterName = 'cls-a1b2c3d4' }
            'Get-TkeWorkload'         = $shop + @{ Kind = 'Deployment'; Name = 'web', 'nothere', 'BAD' }
            'Set-TkeWorkloadImage'    = $shop + @{ Kind = 'Deployment'; Name = 'web'; Container = 'app'; Image = 'registry.example.com/shop/web:1.1'; PassThru = $true }
            'New-TkeMachine'          = @{ ClusterName = 'cls-a1b2c3d4'; IP = '10.0.0.99'; Credential = $machineCred }
            'Get-TkeMachine'          = @{ ClusterName = 'cls-a1b2c3d4' }
            'Remove-TkeMachine'       = @{ Name = 'mc-nothere1'; Force = $true }
            'Get-TkeProject'          = @{ Name = 'prj-shop0001', 'prj-nothere1' }
            'Get-TkeProjectNamespace' = @{ ProjectName = 'prj-shop0001' }
            'Get-TkePod'              = $shop + @{ Name = 'db-0', 'nothere-0' }
            'Get-TkePodLog'           = $shop + @{ Name = 'db-0'; Tail = 2 }
            'Get-TkeEvent'            = $shop
            'Set-TkeWorkloadReplica'  = $shop + @{ Kind = 'Deployment'; Name = 'api'; Replicas = 1; PassThru = $true }
            'Restart-TkeWorkload'     = $shop + @{ Kind = 'Deployment'; Name = 'api'; PassThru = $true }
            'Wait-TkeWorkload'        = $shop + @{ Kind = 'Deployment'; Name = 'api'; TimeoutSec = 30 }
            'Complete-TkeWorkloadRollout' = $shop + @{ Kind = 'StatefulSet'; Name = 'cache'; Force = $true; PassThru = $true; TimeoutSec = 30 }
            'Invoke-TkeRequest'       = @{ Path = '/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4' }
            'New-TkeApiKey'           = @{ Uri = $sweepGw.Url; Credential = $sweepGw.AdminCredential; Expire = (New-TimeSpan -Days 2) }
            'Test-TkeConnection'      = @{ Uri = $sweepGw.Url; Credential = $sweepGw.AdminCredential }
        }
        # Only these may run without a request: they work on the sessions held.
        $local = 'Get-TkeSession', 'Set-TkeSession', 'Disconnect-Tke'
        $swept = [System.Collections.Generic.List[string]]::new()
        $reached = [System.Collections.Generic.List[string]]::new()
        $errors = [System.Collections.Generic.List[object]]::new()
        function Get-Served { (Invoke-RestMethod "$($sweep.Url)/_sim/stats").requests + (Invoke-RestMethod "$($sweepGw.Url)/_sim/stats").requests }
        # Runs one command with -Verbose -Debug, every record of every stream into the transcript:
        # objects as Format-List * and as JSON, errors with all their parts.
        function Invoke-Swept([string] $Name, [hashtable] $Splat) {
            $before = Get-Served
            try {
                & $Name @Splat -Verbose -Debug -ErrorAction Continue -ErrorVariable +errors *>&1 | ForEach-Object {
                    $_ | Format-List * -Force | Out-String | Write-Host
                    if ($_ -is [System.Management.Automation.ErrorRecord]) {
                        $errors.Add($_)
                    }
                    elseif ($_ -isnot [System.Management.Automation.InformationalRecord]) {
                        $_ | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue | Write-Host
                    }
                }
            }
            catch { $errors.Add($_); $_ | Format-List * -Force | Out-String | Write-Host }
            if ((Get-Served) -gt $before) { $reached.Add($Name) }
        }
        Start-Transcript -Path $transcript -Force | Out-Null
        try {
            # Wrong keys too: their errors must not echo them.
            try { Connect-Tke -Uri $sweep.Url -Token (ConvertTo-SecureString "$key-x" -AsPlainText -Force) -Verbose -Debug *>&1 | Out-String | Write-Host } catch { $errors.Add($_); $_ | Out-String | Write-Host }
            $s = Connect-Tke -Uri $sweep.Url -Token $sweep.AdminToken -Verbose -Debug
            $known['Set-TkeSession'] = @{ Session = $s; PassThru = $true }
            foreach ($command in Get-Command -Module TkeStack -CommandType Cmdlet | Sort-Object { $_.Name -eq 'Disconnect-Tke' }, Name) {
                $splat = $known[$command.Name]
                if (-not $splat) {
                    $splat = @{}
                    $set = $command.ParameterSets | Where-Object IsDefault | Select-Object -First 1
                    if (-not $set) { $set = $command.ParameterSets[0] }
                    $missing = $false
                    foreach ($p in $set.Parameters | Where-Object IsMandatory) {
                        $value = Get-SweepArgument $command.Parameters[$p.Name]
                        if ($null -eq $value) { $missing = $true; break }
                        $splat[$p.Name] = $value
                    }
                    if ($missing) { Write-Warning "Secret sweep: no values for $($command.Name)"; continue }
                    foreach ($name in 'Password', 'Token', 'Credential') {
                        $p = $command.Parameters[$name]
                        if ($p -and -not $splat.ContainsKey($name)) { $splat[$name] = Get-SweepArgument $p }
                    }
                    if ($command.Parameters.ContainsKey('Confirm')) { $splat.Confirm = $false }
                    # No ShouldContinue prompt may hang the sweep.
                    if ($command.Parameters.ContainsKey('Force')) { $splat.Force = $true }
                }
                $swept.Add($command.Name)
                if ($command.Parameters.ContainsKey('WhatIf')) { Invoke-Swept $command.Name ($splat + @{ WhatIf = $true }) }
                Invoke-Swept $command.Name $splat
            }
            $s = Connect-Tke -Uri $sweep.Url -Token $sweep.AdminToken
            # The paths where a machine password goes further: an install that fails, a POST whose
            # outcome is unknown, a machine read back and removed; a rollout that fails with events.
            Invoke-Swept 'New-TkeMachine' @{ ClusterName = 'cls-a1b2c3d4'; IP = '10.0.0.251'; Credential = $machineCred; Wait = $true; TimeoutSec = 30 }
            $null = Set-SimFault $sweep status -Method POST -Path '*/machines' -Status 503
            Invoke-Swept 'New-TkeMachine' @{ ClusterName = 'cls-a1b2c3d4'; IP = '10.0.0.98'; Credential = $machineCred }
            Clear-SimFault $sweep
            $added = @(Get-TkeMachine -ClusterName cls-a1b2c3d4 -Session $s)
            $added | ConvertTo-Json -Depth 10 -WarningAction SilentlyContinue | Write-Host
            $added | Format-List * -Force | Out-String | Write-Host
            "$($added)" | Write-Host
            Invoke-Swept 'Remove-TkeMachine' @{ Name = [string[]]$added.Name; Force = $true; Wait = $true; TimeoutSec = 30 }
            Invoke-Swept 'Set-TkeWorkloadImage' ($shop + @{ Kind = 'TApp'; Name = 'cart'; Container = 'app'; Image = 'nginx:does-not-exist'; Wait = $true; TimeoutSec = 30 })
            # The console login and a wrong password, which tke-auth echoes back in its error.
            Invoke-Swept 'New-TkeApiKey' @{ Uri = $sweepGw.Url; Credential = $wrongConsole }
            Invoke-Swept 'Connect-Tke' @{ Uri = $sweepGw.Url; Credential = $wrongConsole }
            Invoke-Swept 'Connect-Tke' @{ Uri = $sweepGw.Url; Credential = $sweepGw.AdminCredential }
            Invoke-Swept 'Get-TkeProject' @{}
            $s = Connect-Tke -Uri $sweep.Url -Token $sweep.AdminToken
            $s | Format-List * | Out-String | Write-Host
            $s | ConvertTo-Json -Depth 10 -WarningAction SilentlyContinue | Write-Host
        }
        finally {
            Stop-Transcript | Out-Null
            # Outside the transcript: the password did go to the server, so its absence above means something.
            $posted = @(Get-SimRequest $sweep -Method POST -PathLike '*/machines')
            Stop-TkeSimulator $sweep
            Stop-TkeSimulator $sweepGw
        }
        $posted.Count | Should -BeGreaterOrEqual 3
        # The simulator's log keeps "(redacted)" where the password's base64 went (Hostile.Tests.ps1).
        $posted[0].body | Should -BeLike '*"password":"(redacted)"*'
        $posted[0].body | Should -Not -BeLike "*$($secrets[4])*"
        $xml = Join-Path ([IO.Path]::GetTempPath()) "tke-sweep-$([guid]::NewGuid()).xml"
        @($s) + $added | Export-Clixml $xml
        $text = (Get-Content $transcript -Raw) + (Get-Content $xml -Raw)
        foreach ($e in $errors) {
            # -ErrorVariable holds the exception itself for a terminating error, the record otherwise.
            $x = if ($e -is [Exception]) { $e } else { $e.Exception }
            $record = if ($e -is [System.Management.Automation.ErrorRecord]) { $e } elseif ($e.PSObject.Properties['ErrorRecord']) { $e.ErrorRecord }
            $text += "`n" + $x.Message + $(if ($record) { "$($record.ErrorDetails) $(if ($record.ErrorDetails) { $record.ErrorDetails.RecommendedAction }) $($record.TargetObject)" }) + ($x.Data.Values -join ' ') + ($x.InnerException | Out-String)
            if ($x.PSObject.Properties['RecommendedAction']) { $text += $x.RecommendedAction }
        }
        Remove-Item $transcript, $xml
        $all = (Get-Command -Module TkeStack -CommandType Cmdlet).Name
        foreach ($name in $all) {
            $swept | Should -Contain $name
            if ($name -notin $local) { $reached | Should -Contain $name -Because "$name must be swept with arguments that reach the server" }
        }
        $added.Count | Should -BeGreaterOrEqual 2 -Because 'machines were added with the password'
        $text | Should -Match 'POST .*/machines'
        $text | Should -Match 'PATCH .*/deployments/web'
        $text | Should -Match 'may or may not have happened'
        $text | Should -Match 'EnsureKubelet'
        $errors.Count | Should -BeGreaterThan 5
        foreach ($secret in $secrets) { $text.Contains($secret) | Should -BeFalse -Because 'no secret may be shown' }
    }
}

Describe 'A CI script' {
    It 'exits non-zero under pwsh -File with $ErrorActionPreference = Stop when a call fails' {
        $script = Join-Path ([IO.Path]::GetTempPath()) "tke-ci-$([guid]::NewGuid()).ps1"
        @'
$ErrorActionPreference = 'Stop'
Import-Module $env:TKESTACK_MODULE
Connect-Tke | Out-Null
Get-TkeCluster cls-nothere1
'ran on'
'@ | Set-Content $script
        $env:TKE_URI = $sim.Url
        $env:TKE_TOKEN = $sim.AdminTokenText
        try {
            $out = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $script 2>&1 | Out-String
            $LASTEXITCODE | Should -Not -Be 0
            $out | Should -Match 'cls-nothere1'
            $out | Should -Not -Match 'ran on'
            $out.Contains($sim.AdminTokenText) | Should -BeFalse
        }
        finally { Remove-Item env:TKE_URI, env:TKE_TOKEN, $script }
    }
}
