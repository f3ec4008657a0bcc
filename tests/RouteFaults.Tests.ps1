# Issue 6's faults on the routes of the cmdlets that came after it: workloads (guide 2), machines
# (guide 3) and projects (guide 4). What is retried (GET, the idempotent image PATCHes), what never is
# (POST, DELETE), and bad answers on each route ending in one clear error and no half-built object.
BeforeDiscovery {
    # Each read route: the call, and the path the fault is set on.
    $script:reads = @(
        @{ Name = 'Get-TkeWorkload by name'; Script = 'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web'; Path = '*/namespaces/shop/deployments/web'; Status = 503 }
        @{ Name = 'Get-TkeWorkload, a list'; Script = 'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment'; Path = '*/namespaces/shop/deployments'; Status = 429 }
        @{ Name = 'Get-TkeWorkload of a TApp'; Script = 'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp cart'; Path = '*/clusters/cls-a1b2c3d4/tapps'; Status = 503 }
        @{ Name = 'Get-TkeMachine by name'; Script = 'Get-TkeMachine $mc'; Path = '*/machines/mc-*'; Status = 503 }
        @{ Name = 'Get-TkeMachine, a list'; Script = 'Get-TkeMachine -ClusterName cls-a1b2c3d4'; Path = '*/machines'; Status = 429 }
        @{ Name = 'Get-TkeProject by id'; Script = 'Get-TkeProject prj-shop0001'; Path = '*/projects/prj-shop0001'; Status = 503 }
        @{ Name = 'Get-TkeProject, a list'; Script = 'Get-TkeProject'; Path = '*/projects'; Status = 503 }
        @{ Name = 'Get-TkeProject -Portal'; Script = 'Get-TkeProject -Portal'; Path = '*/portal'; Status = 429 }
        @{ Name = 'Get-TkeProjectNamespace'; Script = 'Get-TkeProjectNamespace -ProjectName prj-shop0001'; Path = '*/namespaces/prj-shop0001/namespaces'; Status = 503 }
    )
    # Every route of the new cmdlets, reads and changes, with the method the fault is set on.
    $routes = $reads | ForEach-Object { @{ Name = $_.Name; Script = $_.Script; Path = $_.Path; Method = 'GET' } }
    $routes += @(
        @{ Name = 'Set-TkeWorkloadImage''s PATCH'; Script = 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web -Container app -Image "registry.example.com/shop/web:$([guid]::NewGuid().ToString("N"))" -PassThru'; Path = '*/namespaces/shop/deployments/web'; Method = 'PATCH' }
        @{ Name = 'Set-TkeWorkloadImage''s TApp PATCH'; Script = 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp cart -Container app -Image "registry.example.com/shop/cart:$([guid]::NewGuid().ToString("N"))" -PassThru'; Path = '*/clusters/cls-a1b2c3d4/tapps'; Method = 'PATCH' }
        @{ Name = 'New-TkeMachine''s POST'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP (Get-NextIP) -Credential $cred'; Path = '*/machines'; Method = 'POST' }
        @{ Name = 'Remove-TkeMachine''s DELETE'; Script = 'Remove-TkeMachine (New-TkeMachine -ClusterName cls-a1b2c3d4 -IP (Get-NextIP) -Credential $cred -ErrorAction Stop).Name -Force'; Path = '*/machines/mc-*'; Method = 'DELETE' }
    )
    $script:badAnswers = foreach ($route in $routes) {
        foreach ($kind in @(
                @{ Kind = 'html'; What = 'an nginx HTML page'; Id = 'TkeNotApi' }
                @{ Kind = 'malformed'; What = 'malformed JSON'; Id = 'TkeApiMalformed' }
                @{ Kind = 'partial'; What = 'JSON cut off halfway'; Id = 'TkeApiMalformed' }
                @{ Kind = 'truncated'; What = 'a body that broke off'; Id = 'TkeResponseTruncated' }
            )) {
            $route + $kind
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:sim = Start-TkeSimulator
    $script:cred = [pscredential]::new('root', (ConvertTo-SecureString 'route-faults-pw' -AsPlainText -Force))
    $script:machines = '/platform/apis/platform.tkestack.io/v1/machines'
    $script:tapps = '/platform/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4/tapps'
    $script:nextIP = 10
    function script:Get-NextIP { $script:nextIP++; "10.0.3.$script:nextIP" }
    # Quick retries, so faults play out in well under a second.
    # Connect-Quick (quick retries) and Invoke-Captured (output, errors and verbose of a command).
    . (Join-Path $PSScriptRoot 'Captured.ps1')
    $null = Connect-Quick
    $script:mc = (New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.3.1 -Credential $cred -ErrorAction Stop).Name
}
AfterAll {
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
}

Describe 'Reads of workloads, machines and projects are retried' {
    BeforeEach { $null = Connect-Quick; Clear-SimFault $sim; Clear-SimRequest $sim }
    AfterAll { Clear-SimFault $sim }

    It '<Name>: a <Status> with Retry-After is retried, and -Verbose says so' -ForEach $reads {
        Set-SimFault $sim status -Method GET -Path $Path -Status $Status -RetryAfter 1 -Times 1
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-Captured ([scriptblock]::Create("$Script -Verbose"))
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.9 -Because 'Retry-After 1 is honoured'
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -Not -BeNullOrEmpty
        $hit = @(Get-SimRequest $sim -Method GET -PathLike $Path)
        $hit.Count | Should -Be 2
        $hit[0].fault | Should -Be 'status'
        $hit[1].status | Should -Be 200
        $r.Verbose | Should -Match "Retry 1 of \d+ of GET \S+ in [\d.]+ s: the server answered $Status \w+ with Retry-After 1 s"
    }
}

Describe 'Changes: PATCH is retried when repeatable, POST and DELETE never' {
    BeforeEach { $null = Connect-Quick; Clear-SimFault $sim; Clear-SimRequest $sim }
    AfterAll { Clear-SimFault $sim }

    It 'retries the strategic merge PATCH of an image on 503 (sending it twice changes nothing more)' {
        Set-SimFault $sim status -Method PATCH -Path '*/deployments/web' -Status 503 -Times 1
        $r = Invoke-Captured { Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web -Container app -Image registry.example.com/shop/web:1.1 -PassThru -Verbose }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.Image | Should -Be 'registry.example.com/shop/web:1.1'
        $patches = @(Get-SimRequest $sim -Method PATCH)
        $patches.Count | Should -Be 2
        $patches[0].status | Should -Be 503
        $patches[1].status | Should -Be 200
        $patches[1].body | Should -Be $patches[0].body
        $patches[0].contentType | Should -Be 'application/strategic-merge-patch+json'
        $r.Verbose | Should -Match 'Retry 1 of \d+ of PATCH \S+/deployments/web in [\d.]+ s: the server answered 503'
        (Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web).Containers[0].Image | Should -Be 'registry.example.com/shop/web:1.1'
    }

    It 'retries the TApp merge PATCH on 503 only because it carries the resourceVersion read' {
        $before = Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp cart
        $version = $before.ApiObject.metadata.resourceVersion
        $version | Should -Not -BeNullOrEmpty
        Clear-SimRequest $sim
        Set-SimFault $sim status -Method PATCH -Path $tapps -Status 503 -Times 1
        $r = Invoke-Captured { Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp cart -Container app -Image registry.example.com/shop/cart:63 -PassThru -Verbose }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.Image | Should -Be 'registry.example.com/shop/cart:63'
        $patches = @(Get-SimRequest $sim -Method PATCH)
        $patches.Count | Should -Be 2
        $patches[0].contentType | Should -Be 'application/merge-patch+json'
        foreach ($p in $patches) { ($p.body | ConvertFrom-Json).metadata.resourceVersion | Should -Be $version }
        $patches[1].body | Should -Be $patches[0].body
        $r.Verbose | Should -Match 'Retry 1 of \d+ of PATCH \S+/tapps in [\d.]+ s: the server answered 503'
    }

    It 'a repeated TApp PATCH whose first went through gets 409, not a second write, and ends well' {
        Set-SimFault $sim truncated -Method PATCH -Path $tapps -Times 1
        $r = Invoke-Captured { Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp cart -Container app -Image registry.example.com/shop/cart:64 -PassThru -Verbose }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.Image | Should -Be 'registry.example.com/shop/cart:64'
        $patches = @(Get-SimRequest $sim -Method PATCH)
        $patches.Count | Should -Be 2
        $patches[0].fault | Should -Be 'truncated'
        $patches[1].status | Should -Be 409 -Because 'the resourceVersion it carries is no longer current'
        (Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp cart).Containers[0].Image | Should -Be 'registry.example.com/shop/cart:64'
    }

    It 'never sends New-TkeMachine''s POST twice on <Fault>, and says how to check' -ForEach @(
        @{ Fault = '503 with Retry-After'; Kind = 'status'; Extra = @{ Status = 503; RetryAfter = '1' }; Id = 'TkeApiServiceUnavailable' }
        @{ Fault = 'a dropped connection'; Kind = 'drop'; Extra = @{}; Id = 'TkeConnectionFailed' }
        @{ Fault = 'a body that broke off'; Kind = 'truncated'; Extra = @{}; Id = 'TkeResponseTruncated' }
    ) {
        $ip = Get-NextIP
        Set-SimFault $sim $Kind -Method POST -Path $machines @Extra
        $r = Invoke-Captured { New-TkeMachine -ClusterName cls-a1b2c3d4 -IP $ip -Credential $cred -Verbose }
        @(Get-SimRequest $sim -Method POST).Count | Should -Be 1
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Error.FullyQualifiedErrorId | Should -Be "$Id,TkeStack.Commands.NewTkeMachineCommand"
        $r.Error.TargetObject | Should -Be $ip
        $r.Error.Exception.Message | Should -Match 'may or may not have happened'
        $r.Error.Exception.Message | Should -Match 'not sent again'
        $r.Error.Exception.Message | Should -Match ([regex]::Escape("Get-TkeMachine -ClusterName cls-a1b2c3d4 | Where-Object IP -eq '$ip'"))
        $r.Verbose | Should -Not -Match 'Retry \d+ of \d+ of POST'
    }

    It 'never sends New-TkeMachine''s POST twice on 429, an answer that it was not done' {
        $ip = Get-NextIP
        Set-SimFault $sim status -Method POST -Path $machines -Status 429 -RetryAfter 1
        $r = Invoke-Captured { New-TkeMachine -ClusterName cls-a1b2c3d4 -IP $ip -Credential $cred -Verbose }
        @(Get-SimRequest $sim -Method POST).Count | Should -Be 1
        $r.Errors.Count | Should -Be 1
        $r.Error.FullyQualifiedErrorId | Should -Be 'TkeApiTooManyRequests,TkeStack.Commands.NewTkeMachineCommand'
        $r.Error.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $r.Error.TargetObject | Should -Be $ip
        $r.Verbose | Should -Not -Match 'Retry \d+ of \d+ of POST'
    }

    It 'never sends Remove-TkeMachine''s DELETE twice on <Fault>' -ForEach @(
        @{ Fault = '503'; Kind = 'status'; Extra = @{ Status = 503 }; Id = 'TkeApiServiceUnavailable' }
        @{ Fault = 'a dropped connection'; Kind = 'drop'; Extra = @{}; Id = 'TkeConnectionFailed' }
    ) {
        $name = (New-TkeMachine -ClusterName cls-a1b2c3d4 -IP (Get-NextIP) -Credential $cred -ErrorAction Stop).Name
        Clear-SimRequest $sim
        Set-SimFault $sim $Kind -Method DELETE -Path "$machines/$name" @Extra
        $r = Invoke-Captured { Remove-TkeMachine $name -Force -Verbose }
        @(Get-SimRequest $sim -Method DELETE).Count | Should -Be 1
        $r.Errors.Count | Should -Be 1
        $r.Error.FullyQualifiedErrorId | Should -Be "$Id,TkeStack.Commands.RemoveTkeMachineCommand"
        $r.Error.TargetObject | Should -Be $name
        $r.Verbose | Should -Not -Match 'Retry \d+ of \d+ of DELETE'
    }
}

Describe 'Bad answers on the new routes end in one clear error, never a half-built object' {
    BeforeEach { $null = Connect-Quick @{ MaximumRetryCount = 0 }; Clear-SimFault $sim; Clear-SimRequest $sim }
    AfterAll { Clear-SimFault $sim }

    It '<Name>: <What>' -ForEach $badAnswers {
        # Remove-TkeMachine makes its machine first: the fault is set on the DELETE only.
        Set-SimFault $sim $Kind -Method $Method -Path $Path
        $r = Invoke-Captured ([scriptblock]::Create($Script))
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Error.FullyQualifiedErrorId | Should -BeLike "$Id,TkeStack.Commands.*"
        $r.Error.Exception | Should -BeOfType TkeStack.Api.TkeApiException
        $r.Error.Exception.Message | Should -Not -BeNullOrEmpty
        $r.Error.Exception.Message | Should -Not -Match 'Object reference|NullReference'
        @(Get-SimRequest $sim -Method $Method -PathLike $Path | Where-Object fault).Count | Should -Be 1
    }
}
