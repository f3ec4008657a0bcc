# Get-TkeWorkload and Set-TkeWorkloadImage (guide 2.1 to 2.3).
BeforeAll {
    # The API prefixes of this run's simulators: none behind an open-source gateway (build.ps1 runs this family in both dialects).
    $script:P = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/platform' }
    $script:B = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/business' }
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:sim = Start-TkeSimulator
    $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
    $script:shop = @{ ClusterName = 'cls-a1b2c3d4'; Namespace = 'shop' }

    function Get-SimWorkload([string] $Plural, [string] $Name, [string] $Cluster = 'cls-a1b2c3d4', [string] $Namespace = 'shop') {
        # Read straight from the simulator, as the cluster holds it.
        if ($Plural -eq 'tapps') {
            Invoke-SimApi $sim "/apis/platform.tkestack.io/v1/clusters/$Cluster/tapps?namespace=$Namespace&name=$Name" -ClusterName $Cluster
        }
        else {
            Invoke-SimApi $sim "/apis/apps/v1/namespaces/$Namespace/$Plural/$Name" -ClusterName $Cluster
        }
    }
}
AfterAll {
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
}

Describe 'Get-TkeWorkload' {
    BeforeEach { Reset-Simulator $sim }

    It 'lists a kind in a namespace through the cluster proxy' {
        $w = @(Get-TkeWorkload @shop -Kind Deployment)
        $w.Name | Should -Be @('api', 'web')
        $w[1] | Should -BeOfType TkeStack.Workload
        $w[1].ClusterName | Should -Be 'cls-a1b2c3d4'
        $w[1].Namespace | Should -Be 'shop'
        $w[1].Kind | Should -Be 'Deployment'
        $w[1].Replicas | Should -Be 3
        $w[1].ReadyReplicas | Should -Be 3
        $w[1].Containers.Name | Should -Be @('app', 'sidecar')
        $w[1].Containers[0].Image | Should -Be 'registry.example.com/shop/web:1.0'
        $w[1].Generation | Should -Be 1
        $w[1].ObservedGeneration | Should -Be 1
        $w[1].Status | Should -Be 'Complete'
        $w[1].ApiObject.spec.strategy.type | Should -Be 'RollingUpdate'
        $r = @(Get-SimRequest $sim -PathLike '*/deployments')
        $r[0].path | Should -Be "$P/apis/apps/v1/namespaces/shop/deployments"
        $r[0].headers.'X-TKE-ClusterName' | Should -Be 'cls-a1b2c3d4'
    }

    It 'reads one by name with one GET, and filters with wildcards' {
        (Get-TkeWorkload @shop -Kind StatefulSet db).Containers.Image | Should -Be 'mysql:8.0.35'
        (Get-SimRequest $sim -PathLike '*/statefulsets/db').Count | Should -Be 1
        (Get-TkeWorkload @shop -Kind StatefulSet -Name 'c*').Name | Should -Be 'cache'
        Get-TkeWorkload @shop -Kind StatefulSet -Name 'nothing*' -ErrorVariable e | Should -BeNullOrEmpty
        $e | Should -BeNullOrEmpty
    }

    It 'reads a DaemonSet: replicas are the nodes it should run on' {
        $d = Get-TkeWorkload @shop -Kind DaemonSet log-agent
        $d.Replicas | Should -Be 3
        $d.UpdatedReplicas | Should -Be 3
        $d.Status | Should -Be 'Complete'
    }

    It 'reads a TApp as guide 2.2.1 does, with its appStatus' {
        $t = Get-TkeWorkload @shop -Kind TApp cart
        $t.Status | Should -Be 'Running'
        $t.Containers.Name | Should -Be @('app', 'sidecar')
        $r = @(Get-SimRequest $sim -PathLike '*/tapps')
        $r[0].path | Should -Be "$P/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4/tapps"
        $r[0].query | Should -Be '?namespace=shop&name=cart'
        $r[0].method | Should -Be 'GET'
    }

    It 'lists the TApps of a namespace' {
        (Get-TkeWorkload @shop -Kind TApp).Name | Should -Be 'cart'
    }

    It 'binds ClusterName and Namespace from Get-TkeNamespace' {
        $w = Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Name shop | Get-TkeWorkload -Kind Deployment -Name web
        $w.Name | Should -Be 'web'
        $w.Namespace | Should -Be 'shop'
    }

    It 'writes ObjectNotFound for a missing workload and goes on' {
        $w = Get-TkeWorkload @shop -Kind Deployment nothere, web -ErrorAction SilentlyContinue -ErrorVariable e
        $w.Name | Should -Be 'web'
        $e.Count | Should -Be 1
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].TargetObject | Should -Be 'nothere'
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeApiNotFound,TkeStack.Commands.GetTkeWorkloadCommand'
        $e[0].Exception.Message | Should -Match '"nothere" not found'
    }

    It 'says so when the cluster does not serve the TApp kind' {
        Get-TkeWorkload -ClusterName cls-imp0rt01 -Namespace default -Kind TApp -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].FullyQualifiedErrorId | Should -BeLike 'TkeTAppNotInstalled,*'
        $e[0].Exception.Message | Should -Match 'does not serve the TApp kind'
        $e[0].Exception.Message | Should -Match 'the server could not find the requested resource'
    }

    It 'refuses a kind it does not know before any request, listing the kinds it knows' {
        Clear-SimRequest $sim
        Get-TkeWorkload @shop -Kind CronJob -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeInvalidKind,TkeStack.Commands.GetTkeWorkloadCommand'
        $e[0].Exception.Message | Should -BeLike "*'CronJob' is not a workload kind: give Deployment (deploy), StatefulSet (sts), DaemonSet (ds), TApp (tapp)*"
        Get-SimRequest $sim | Should -BeNullOrEmpty
    }
}

Describe 'Set-TkeWorkloadImage sends the guide''s requests' {
    BeforeEach { Reset-Simulator $sim }

    It 'patches a <Kind> as guide 2.1: strategic merge patch with X-TKE-ClusterName' -ForEach @(
        @{ Kind = 'Deployment'; Name = 'web'; Plural = 'deployments'; Container = 'app'; Image = 'registry.example.com/shop/web:1.1' }
        @{ Kind = 'StatefulSet'; Name = 'db'; Plural = 'statefulsets'; Container = 'mysql'; Image = 'mysql:8.0.36' }
        @{ Kind = 'DaemonSet'; Name = 'log-agent'; Plural = 'daemonsets'; Container = 'fluentd'; Image = 'fluent/fluentd:v1.17' }
    ) {
        Set-TkeWorkloadImage @shop -Kind $Kind -Name $Name -Container $Container -Image $Image
        $patch = @(Get-SimRequest $sim -Method PATCH)
        $patch.Count | Should -Be 1
        $patch[0].path | Should -Be "$P/apis/apps/v1/namespaces/shop/$Plural/$Name"
        $patch[0].contentType | Should -Be 'application/strategic-merge-patch+json'
        $patch[0].headers.'X-TKE-ClusterName' | Should -Be 'cls-a1b2c3d4'
        # The key as the dialect carries it: a Bearer header, or the open-source gateway's cookie.
        if ($P) { $patch[0].headers.Authorization | Should -Be 'Bearer (redacted)' } else { $patch[0].headers.Cookie | Should -Not -BeNullOrEmpty }
        $patch[0].body | Should -BeExactly ('{"spec":{"template":{"spec":{"containers":[{"name":"' + $Container + '","image":"' + $Image + '"}]}}}}')
        $patch[0].status | Should -Be 200
        $after = Get-SimWorkload $Plural $Name
        ($after.spec.template.spec.containers | Where-Object name -eq $Container).image | Should -Be $Image
        $after.metadata.generation | Should -Be 2
    }

    It 'patches a TApp as guide 2.3: every container whole, templates null, merge patch, resourceVersion carried' {
        $before = Get-SimWorkload tapps cart
        $before.spec.templates.'1' | Should -Be 'canary'
        Clear-SimRequest $sim
        Set-TkeWorkloadImage @shop -Kind TApp -Name cart -Container app -Image registry.example.com/shop/cart:63
        $get = @(Get-SimRequest $sim -Method GET -PathLike '*/tapps')
        $get[0].query | Should -Be '?namespace=shop&name=cart'
        # Guide 2.2.1 reads the TApp without X-TKE-ClusterName: the cluster is in the path.
        $get[0].headers.PSObject.Properties.Name | Should -Not -Contain 'X-TKE-ClusterName'
        $patch = @(Get-SimRequest $sim -Method PATCH)
        $patch.Count | Should -Be 1
        $patch[0].path | Should -Be "$P/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4/tapps"
        $patch[0].query | Should -Be '?namespace=shop&name=cart'
        $patch[0].contentType | Should -Be 'application/merge-patch+json'
        $patch[0].headers.'X-TKE-ClusterName' | Should -Be 'cls-a1b2c3d4'
        $body = $patch[0].body | ConvertFrom-Json -AsHashtable
        $body.spec.Keys | Sort-Object | Should -Be @('template', 'templates')
        $body.spec.ContainsKey('templates') | Should -BeTrue
        $body.spec.templates | Should -BeNullOrEmpty
        $body.metadata.resourceVersion | Should -Be $before.metadata.resourceVersion
        # Both containers go back whole: only the app's image differs from what was read.
        $sent = $body.spec.template.spec.containers
        $sent.Count | Should -Be 2
        $expected = $before.spec.template.spec.containers | ConvertTo-Json -Depth 20 | ConvertFrom-Json -AsHashtable
        $expected[0].image = 'registry.example.com/shop/cart:63'
        ($sent | ConvertTo-Json -Depth 20 -Compress) | Should -BeExactly ($expected | ConvertTo-Json -Depth 20 -Compress)
        $after = Get-SimWorkload tapps cart
        $after.spec.template.spec.containers[0].image | Should -Be 'registry.example.com/shop/cart:63'
        $after.spec.template.spec.containers[0].livenessProbe.tcpSocket.port | Should -Be 8080
        $after.spec.template.spec.containers[0].resources.limits.memory | Should -Be '256Mi'
        $after.spec.template.spec.containers[1].image | Should -Be 'envoyproxy/envoy:v1.28.0'
        $after.spec.template.spec.containers[1].resources.limits.memory | Should -Be '48Mi'
        $after.spec.PSObject.Properties.Name | Should -Not -Contain 'templates'
    }

    It 'changes the second container of a TApp and keeps the first whole' {
        Set-TkeWorkloadImage @shop -Kind TApp -Name cart -Container sidecar -Image envoyproxy/envoy:v1.29.0
        $after = Get-SimWorkload tapps cart
        $after.spec.template.spec.containers.image | Should -Be @('registry.example.com/shop/cart:62', 'envoyproxy/envoy:v1.29.0')
        $after.spec.template.spec.containers[0].readinessProbe.periodSeconds | Should -Be 30
    }
}

Describe 'Set-TkeWorkloadImage output and pipeline' {
    BeforeEach { Reset-Simulator $sim }

    It 'writes nothing without -PassThru' {
        Set-TkeWorkloadImage @shop -Kind Deployment -Name web -Container app -Image registry.example.com/shop/web:1.1 | Should -BeNullOrEmpty
    }

    It 'writes a TkeStack.ImageChange with the right PreviousImage with -PassThru' {
        $c = Set-TkeWorkloadImage @shop -Kind Deployment -Name web -Container app -Image registry.example.com/shop/web:1.1 -PassThru
        $c | Should -BeOfType TkeStack.ImageChange
        $c.ClusterName | Should -Be 'cls-a1b2c3d4'
        $c.Namespace | Should -Be 'shop'
        $c.Kind | Should -Be 'Deployment'
        $c.Name | Should -Be 'web'
        $c.Container | Should -Be 'app'
        $c.PreviousImage | Should -Be 'registry.example.com/shop/web:1.0'
        $c.Image | Should -Be 'registry.example.com/shop/web:1.1'
    }

    It 'rolls back in one line from the ImageChange' {
        $c = Set-TkeWorkloadImage @shop -Kind TApp -Name cart -Container app -Image registry.example.com/shop/cart:63 -PassThru
        $back = $c | Set-TkeWorkloadImage -Image $c.PreviousImage -PassThru
        $back.PreviousImage | Should -Be 'registry.example.com/shop/cart:63'
        (Get-SimWorkload tapps cart).spec.template.spec.containers[0].image | Should -Be 'registry.example.com/shop/cart:62'
    }

    It 'takes workloads from Get-TkeWorkload' {
        $c = Get-TkeWorkload @shop -Kind Deployment | Set-TkeWorkloadImage -Container sidecar -Image envoyproxy/envoy:v1.29.0 -PassThru -ErrorAction SilentlyContinue -ErrorVariable e
        # api has no sidecar: an error for it, the change for web.
        $c.Name | Should -Be 'web'
        $e.Count | Should -Be 1
        $e[0].Exception.Message | Should -Match "Deployment shop/api in cls-a1b2c3d4 has no container 'sidecar'; its containers are: api\."
        @(Get-SimRequest $sim -Method PATCH).path | Should -Be "$P/apis/apps/v1/namespaces/shop/deployments/web"
    }

    It 'stays on the session the piped workload was read with, whatever the default' {
        $alice = Connect-Tke -Uri $sim.Url -Token $sim.MemberToken
        try {
            $c = Get-TkeWorkload @shop -Kind Deployment web -Session $session | Set-TkeWorkloadImage -Container app -Image registry.example.com/shop/web:1.2 -PassThru
            $c.Image | Should -Be 'registry.example.com/shop/web:1.2'
            (Get-SimRequest $sim -Method PATCH).user | Should -Be 'admin'
        }
        finally { Disconnect-Tke -Session $alice; Set-TkeSession $session }
    }
}

Describe 'Set-TkeWorkloadImage refuses bad input before any PATCH' {
    BeforeEach { Reset-Simulator $sim }

    It 'names the containers the <Kind> has when the container is unknown' -ForEach @(
        @{ Kind = 'Deployment'; Name = 'web'; Has = 'app, sidecar' }
        @{ Kind = 'StatefulSet'; Name = 'db'; Has = 'mysql' }
        @{ Kind = 'DaemonSet'; Name = 'log-agent'; Has = 'fluentd' }
        @{ Kind = 'TApp'; Name = 'cart'; Has = 'app, sidecar' }
    ) {
        Set-TkeWorkloadImage @shop -Kind $Kind -Name $Name -Container nope -Image nginx:1.25 -ErrorAction SilentlyContinue -ErrorVariable e
        $e.Count | Should -Be 1
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeContainerNotFound,TkeStack.Commands.SetTkeWorkloadImageCommand'
        $e[0].TargetObject | Should -Be 'nope'
        $e[0].Exception.Message | Should -Match "has no container 'nope'; its containers are: $Has\."
        Get-SimRequest $sim -Method PATCH | Should -BeNullOrEmpty
    }

    It 'refuses <Image> before sending anything' -ForEach @(
        @{ Image = 'Registry.example.com/Shop/Web:1'; Why = 'lower-case' }
        @{ Image = 'nginx:1.25 '; Why = 'not a Docker image reference' }
        @{ Image = 'nginx::1'; Why = 'not a Docker image reference' }
        @{ Image = 'nginx@sha256:abc'; Why = 'not a Docker image reference' }
        @{ Image = 'Nginx'; Why = 'lower-case' }
    ) {
        Clear-SimRequest $sim
        { Set-TkeWorkloadImage @shop -Kind Deployment -Name web -Container app -Image $Image } |
            Should -Throw -ErrorId 'TkeInvalidImage,TkeStack.Commands.SetTkeWorkloadImageCommand'
        try { Set-TkeWorkloadImage @shop -Kind Deployment -Name web -Container app -Image $Image } catch { $err = $_ }
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be $Image
        $err.Exception.Message | Should -Match $Why
        Get-SimRequest $sim | Should -BeNullOrEmpty
    }

    It 'accepts references with a registry port, a digest, or both tag and digest' {
        foreach ($i in 'localhost:5000/shop/web:1.1', 'registry.example.com/shop/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'web:1.1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef') {
            Set-TkeWorkloadImage @shop -Kind Deployment -Name web -Container app -Image $i -PassThru | Select-Object -ExpandProperty Image | Should -Be $i
        }
    }

    It 'writes ObjectNotFound for a missing workload and sends no PATCH' {
        Set-TkeWorkloadImage @shop -Kind Deployment -Name nothere -Container app -Image nginx:1.25 -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].TargetObject | Should -Be 'nothere'
        Set-TkeWorkloadImage @shop -Kind TApp -Name nothere -Container app -Image nginx:1.25 -ErrorAction SilentlyContinue -ErrorVariable e2
        $e2[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-SimRequest $sim -Method PATCH | Should -BeNullOrEmpty
    }

    It 'reports an image already set and sends nothing' {
        $out = Set-TkeWorkloadImage @shop -Kind Deployment -Name web -Container app -Image registry.example.com/shop/web:1.0 -PassThru -WarningVariable w -WarningAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $w[0].Message | Should -Match "already runs registry.example.com/shop/web:1.0; nothing was sent"
        Get-SimRequest $sim -Method PATCH | Should -BeNullOrEmpty
    }

    It '-WhatIf says the old and the new image and sends nothing' {
        $before = Get-SimWorkload tapps cart
        # "What if:" goes to the host, not to a stream: a transcript catches it.
        $log = Join-Path ([IO.Path]::GetTempPath()) "whatif-$([guid]::NewGuid()).txt"
        Start-Transcript -Path $log | Out-Null
        try { $objects = Set-TkeWorkloadImage @shop -Kind TApp -Name cart -Container app -Image registry.example.com/shop/cart:63 -WhatIf -PassThru }
        finally { Stop-Transcript | Out-Null }
        $out = Get-Content $log -Raw
        Remove-Item $log
        $objects | Should -BeNullOrEmpty
        "$out" | Should -Match "from 'registry.example.com/shop/cart:62' to 'registry.example.com/shop/cart:63'"
        "$out" | Should -Match 'TApp shop/cart in cls-a1b2c3d4'
        Get-SimRequest $sim -Method PATCH | Should -BeNullOrEmpty
        (Get-SimWorkload tapps cart).metadata.resourceVersion | Should -Be $before.metadata.resourceVersion
    }
}

Describe 'Set-TkeWorkloadImage on a TApp that changes meanwhile' {
    BeforeEach { Reset-Simulator $sim }

    It 'reads again and retries after a 409 conflict' {
        $body = @{ cluster = 'cls-a1b2c3d4'; namespace = 'shop'; kind = 'TApp'; name = 'cart'; count = 1 } | ConvertTo-Json
        Invoke-RestMethod -Method Post "$($sim.Url)/_sim/workloads/concurrent-writes" -Body $body -ContentType 'application/json'
        $c = Set-TkeWorkloadImage @shop -Kind TApp -Name cart -Container app -Image registry.example.com/shop/cart:63 -PassThru
        $c.PreviousImage | Should -Be 'registry.example.com/shop/cart:62'
        $patches = @(Get-SimRequest $sim -Method PATCH)
        $patches.status | Should -Be @(409, 200)
        $v1 = ($patches[0].body | ConvertFrom-Json).metadata.resourceVersion
        $v2 = ($patches[1].body | ConvertFrom-Json).metadata.resourceVersion
        $v2 | Should -Not -Be $v1
        @(Get-SimRequest $sim -Method GET -PathLike '*/tapps').Count | Should -Be 2
        (Get-SimWorkload tapps cart).metadata.annotations.'tkesim/concurrent-write' | Should -Not -BeNullOrEmpty
    }

    It 'gives up after a bounded number of conflicts with ResourceBusy' {
        $body = @{ cluster = 'cls-a1b2c3d4'; namespace = 'shop'; kind = 'TApp'; name = 'cart'; count = 100 } | ConvertTo-Json
        Invoke-RestMethod -Method Post "$($sim.Url)/_sim/workloads/concurrent-writes" -Body $body -ContentType 'application/json'
        Set-TkeWorkloadImage @shop -Kind TApp -Name cart -Container app -Image registry.example.com/shop/cart:63 -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $e[0].Exception.StatusCode | Should -Be 409
        @(Get-SimRequest $sim -Method PATCH).Count | Should -Be 6
    }
}

Describe 'Set-TkeWorkloadImage -Wait' {
    BeforeEach { Reset-Simulator $sim }

    It 'waits until a <Kind> rollout is done' -ForEach @(
        @{ Kind = 'Deployment'; Name = 'web'; Container = 'app'; Image = 'registry.example.com/shop/web:1.1' }
        @{ Kind = 'StatefulSet'; Name = 'db'; Container = 'mysql'; Image = 'mysql:8.0.36' }
        @{ Kind = 'DaemonSet'; Name = 'log-agent'; Container = 'fluentd'; Image = 'fluent/fluentd:v1.17' }
        @{ Kind = 'TApp'; Name = 'cart'; Container = 'app'; Image = 'registry.example.com/shop/cart:63' }
    ) {
        $c = Set-TkeWorkloadImage @shop -Kind $Kind -Name $Name -Container $Container -Image $Image -Wait -PassThru -ErrorVariable e
        $e | Should -BeNullOrEmpty
        $c.Image | Should -Be $Image
        $w = Get-TkeWorkload @shop -Kind $Kind $Name
        $w.ObservedGeneration | Should -Be $w.Generation
        $w.ReadyReplicas | Should -Be $w.Replicas
        if ($Kind -ne 'TApp') { $w.UpdatedReplicas | Should -Be $w.Replicas; $w.Status | Should -Be 'Complete' }
        else { $w.ApiObject.status.statuses.PSObject.Properties.Value | Should -Be @('Running', 'Running') }
        # It read the pods subresource while waiting.
        $pods = if ($Kind -eq 'TApp') { @(Get-SimRequest $sim -PathLike '*/tapps' | Where-Object query -like '*action=pods*') } else { @(Get-SimRequest $sim -PathLike '*/pods') }
        $pods.Count | Should -BeGreaterThan 0
    }

    It 'fails fast on ImagePullBackOff, naming the pod, the reason and the latest events' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $c = Set-TkeWorkloadImage @shop -Kind Deployment -Name web -Container app -Image nginx:does-not-exist -Wait -PassThru -ErrorAction SilentlyContinue -ErrorVariable e
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
        $c.PreviousImage | Should -Be 'registry.example.com/shop/web:1.0'
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeRolloutFailed,TkeStack.Commands.SetTkeWorkloadImageCommand'
        $e[0].Exception.Message | Should -Match 'Pod web-[a-z0-9]+-[a-z0-9]{5} of Deployment shop/web in cls-a1b2c3d4 cannot start'
        $e[0].Exception.Message | Should -Match "container 'app' is in ImagePullBackOff"
        $e[0].Exception.Message | Should -Match 'Latest events: .*Back-off pulling image "nginx:does-not-exist"'
        $e[0].TargetObject | Should -BeOfType TkeStack.ImageChange
        $e[0].TargetObject.PreviousImage | Should -Be 'registry.example.com/shop/web:1.0'
        @(Get-SimRequest $sim -PathLike '*/deployments/web/events').Count | Should -BeGreaterThan 0
    }

    It 'fails fast on CrashLoopBackOff for a TApp, through action=pods and action=events' {
        Set-TkeWorkloadImage @shop -Kind TApp -Name cart -Container app -Image registry.example.com/shop/web:crash -Wait -ErrorAction SilentlyContinue -ErrorVariable e
        $e.Count | Should -Be 1
        $e[0].Exception.Message | Should -Match 'Pod cart-0 of TApp shop/cart in cls-a1b2c3d4 cannot start'
        $e[0].Exception.Message | Should -Match "container 'app' is in CrashLoopBackOff"
        $e[0].Exception.Message | Should -Match 'Back-off restarting failed container app in pod cart-0'
        @(Get-SimRequest $sim -PathLike '*/tapps' | Where-Object query -like '*action=events*').Count | Should -BeGreaterThan 0
    }

    It 'fails fast on CrashLoopBackOff for a StatefulSet' {
        Set-TkeWorkloadImage @shop -Kind StatefulSet -Name db -Container mysql -Image busybox:crash -Wait -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].Exception.Message | Should -Match "Pod db-1 of StatefulSet shop/db in cls-a1b2c3d4 cannot start: container 'mysql' is in CrashLoopBackOff"
    }

    It 'says what is left to do for an OnDelete StatefulSet instead of hanging' {
        $c = Set-TkeWorkloadImage @shop -Kind StatefulSet -Name cache -Container redis -Image redis:7.4 -Wait -PassThru -TimeoutSec 30 -WarningVariable w -WarningAction SilentlyContinue -ErrorVariable e
        $e | Should -BeNullOrEmpty
        $c.Image | Should -Be 'redis:7.4'
        $w[0].Message | Should -Match 'OnDelete'
        $w[0].Message | Should -Match '3 of 3 pods still run the old template'
    }

    It 'says what is left to do for a partitioned StatefulSet once the pods above the partition are updated' {
        Set-TkeWorkloadImage @shop -Kind StatefulSet -Name queue -Container rabbit -Image rabbitmq:3.13 -Wait -TimeoutSec 30 -WarningVariable w -WarningAction SilentlyContinue -ErrorVariable e
        $e | Should -BeNullOrEmpty
        $w[0].Message | Should -Match 'partitioned at 2'
        $w[0].Message | Should -Match 'keep the old template'
        (Get-TkeWorkload @shop -Kind StatefulSet queue).UpdatedReplicas | Should -Be 1
    }
}

Describe 'Set-TkeWorkloadImage -Wait with a slow rollout' {
    BeforeAll {
        $seed = Join-Path ([IO.Path]::GetTempPath()) "tke-seed-$([guid]::NewGuid()).json"
        @{
            clusters       = @(@{ name = 'cls-a1b2c3d4'; namespaces = @('shop') })
            keys           = @(@{ user = 'admin'; administrator = $true })
            rolloutSeconds = 3600
        } | ConvertTo-Json -Depth 5 | Set-Content $seed
        $script:slow = Start-TkeSimulator -Seed $seed
        $script:slowSession = Connect-Tke -Uri $slow.Url -Token $slow.AdminToken
    }
    AfterAll {
        Stop-TkeSimulator $script:slow
        Remove-Item $seed
        $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
    }

    It 'times out at -TimeoutSec with the state reached, and the change in the error' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        Set-TkeWorkloadImage @shop -Kind Deployment -Name web -Container app -Image registry.example.com/shop/web:1.1 -Wait -TimeoutSec 2 -Session $slowSession -ErrorAction SilentlyContinue -ErrorVariable e
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 2
        $e.Count | Should -Be 1
        $e[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeWaitTimeout,TkeStack.Commands.SetTkeWorkloadImageCommand'
        $e[0].Exception.Message | Should -Match 'Timed out after 2 s waiting for Rollout of Deployment shop/web in cls-a1b2c3d4'
        $e[0].Exception.Message | Should -Match 'the state reached: 0 of 3 new pods created'
        $e[0].TargetObject.Image | Should -Be 'registry.example.com/shop/web:1.1'
    }
}

Describe 'A TApp whose instances follow a template pool entry (defaultTemplateName)' {
    BeforeAll {
        $seed = Join-Path ([IO.Path]::GetTempPath()) "tke-seed-$([guid]::NewGuid()).json"
        @{
            clusters     = @(@{ name = 'cls-a1b2c3d4'; namespaces = @('shop') })
            keys         = @(@{ user = 'admin'; administrator = $true })
            rolloutPolls = 1
            workloads    = @(@{ kind = 'TApp'; name = 'blue-cart'; replicas = 2; defaultTemplate = 'blue'; containers = @(@{ name = 'app'; image = 'registry.example.com/shop/cart:62' }, @{ name = 'sidecar'; image = 'envoyproxy/envoy:v1.28.0' }) })
        } | ConvertTo-Json -Depth 6 | Set-Content $seed
        $script:pool = Start-TkeSimulator -Seed $seed
        $script:poolSession = Connect-Tke -Uri $pool.Url -Token $pool.AdminToken
        $script:poolRead = {
            param([string] $Action)
            Invoke-SimApi $pool "/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4/tapps?namespace=shop&name=blue-cart$(if ($Action) { "&action=$Action" })"
        }
    }
    AfterAll {
        Stop-TkeSimulator $script:pool
        Remove-Item $seed
        $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
    }

    It 'Get-TkeWorkload shows the template the instances follow and its containers' {
        $t = Get-TkeWorkload @shop -Kind TApp blue-cart -Session $poolSession
        $t.TemplateName | Should -Be 'blue'
        ($t.Containers | Where-Object Name -eq 'app').Image | Should -Be 'registry.example.com/shop/cart:62'
    }

    It 'Set-TkeWorkloadImage changes that template, not spec.template, and the instances run the new image' {
        Clear-SimRequest $pool
        Set-TkeWorkloadImage @shop -Kind TApp -Name blue-cart -Container app -Image registry.example.com/shop/cart:63 -Wait -TimeoutSec 30 -Session $poolSession -ErrorVariable e
        $e | Should -BeNullOrEmpty
        $patch = @(Get-SimRequest $pool -Method PATCH)
        $patch.Count | Should -Be 1
        $patch[0].body | Should -Match ('^' + [regex]::Escape('{"spec":{"templatePool":{"blue":{"spec":{"containers":[{"name":"app","image":"registry.example.com/shop/cart:63"'))
        $patch[0].body | Should -Match ([regex]::Escape('}]}}},"templates":null},"metadata":{"resourceVersion":"') + '\d+"}}$')
        $after = & $poolRead
        ($after.spec.templatePool.blue.spec.containers | Where-Object name -eq 'app').image | Should -Be 'registry.example.com/shop/cart:63'
        ($after.spec.template.spec.containers | Where-Object name -eq 'app').image | Should -Be 'registry.example.com/shop/cart:62' -Because 'spec.template runs nowhere while defaultTemplateName is not "default"'
        $pods = (& $poolRead 'pods').items
        $pods.Count | Should -Be 2
        foreach ($p in $pods) { ($p.spec.containers | Where-Object name -eq 'app').image | Should -Be 'registry.example.com/shop/cart:63' }
        (Get-TkeWorkload @shop -Kind TApp blue-cart -Session $poolSession).Containers.Image | Should -Contain 'registry.example.com/shop/cart:63'
    }
}
