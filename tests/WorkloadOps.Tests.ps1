# The next minute after an image change: Get-TkeWorkload across kinds, namespaces and clusters;
# Set-TkeWorkloadReplica, Restart-TkeWorkload, Wait-TkeWorkload and Complete-TkeWorkloadRollout;
# Invoke-TkeRequest for any call.
# Each asserts what reached the simulator and what a user sees; bad input is refused before any request.
BeforeAll {
    # The API prefixes of this run's simulators: none behind an open-source gateway (build.ps1 runs this family in both dialects).
    $script:P = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/platform' }
    $script:B = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/business' }
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:sim = Start-TkeSimulator
    $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
    $script:shop = @{ ClusterName = 'cls-a1b2c3d4'; Namespace = 'shop' }
    function Get-Change { @(Get-SimRequest $sim | Where-Object method -ne 'GET') }
}
AfterAll {
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
}

Describe 'Get-TkeWorkload reads more at once' {
    BeforeEach { Reset-Simulator $sim; Clear-SimRequest $sim }

    It 'reads every kind when -Kind is left out' {
        $w = @(Get-TkeWorkload @shop)
        ($w.Kind | Sort-Object -Unique) | Should -Be @('Deployment', 'StatefulSet', 'DaemonSet', 'TApp')
        $w.Name | Should -Contain 'cart'
    }

    It 'takes several kinds, in kubectl''s names too' {
        $w = @(Get-TkeWorkload @shop -Kind deploy, sts)
        ($w.Kind | Sort-Object -Unique) | Should -Be @('Deployment', 'StatefulSet')
    }

    It 'reads every namespace of a cluster when -Namespace is left out, and several clusters' {
        $w = @(Get-TkeWorkload -ClusterName cls-a1b2c3d4, cls-e5f6g7h8 -Kind Deployment -Name web)
        @($w | ForEach-Object { "$($_.ClusterName)/$($_.Namespace)/$($_.Name)" }) | Should -Be @('cls-a1b2c3d4/shop/web', 'cls-e5f6g7h8/shop/web')
    }

    It 'passes over a cluster without the TApp kind, saying so with -Verbose' {
        $w = @(Get-TkeWorkload -ClusterName cls-imp0rt01 -Namespace default -Verbose 4>&1)
        ($w | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain 'Cluster cls-imp0rt01 does not serve the TApp kind; its TApps are not listed.'
        ($w | Where-Object { $_ -is [TkeStack.Workload] }).Name | Should -Be 'web'
    }

    It 'finds a literal name in whichever kind has it, and says when none has' {
        (Get-TkeWorkload @shop -Name db).Kind | Should -Be 'StatefulSet'
        Get-TkeWorkload @shop -Name nothere -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeWorkloadNotFound,TkeStack.Commands.GetTkeWorkloadCommand'
        $e[0].TargetObject | Should -Be 'nothere'
    }

    It 'says a namespace that does not exist is not found, instead of answering nothing' {
        Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shpo -Kind Deployment -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].TargetObject | Should -Be 'shpo'
    }
}

Describe 'Set-TkeWorkloadReplica' {
    BeforeEach { Reset-Simulator $sim; Clear-SimRequest $sim }

    It 'scales a Deployment through the scale subresource and writes the previous count' {
        $c = Set-TkeWorkloadReplica @shop -Kind Deployment -Name web -Replicas 1 -PassThru
        $c | Should -BeOfType TkeStack.ReplicaChange
        $c.PreviousReplicas | Should -Be 3
        $c.Replicas | Should -Be 1
        $patch = Get-Change
        $patch.Count | Should -Be 1
        $patch[0].method | Should -Be 'PATCH'
        $patch[0].path | Should -Be "$P/apis/apps/v1/namespaces/shop/deployments/web/scale"
        $patch[0].body | Should -Be '{"spec":{"replicas":1}}'
        (Get-TkeWorkload @shop -Kind Deployment -Name web).Replicas | Should -Be 1
        @(Get-TkeWorkload @shop -Kind Deployment -Name web | Get-TkePod).Count | Should -Be 1
    }

    It 'scales a TApp with a merge patch of spec.replicas, and undoes a change piped back' {
        $c = Set-TkeWorkloadReplica @shop -Kind TApp -Name cart -Replicas 3 -PassThru
        (Get-Change)[0].query | Should -Match 'namespace=shop&name=cart'
        $c | Set-TkeWorkloadReplica -Replicas $c.PreviousReplicas
        (Get-TkeWorkload @shop -Kind TApp -Name cart).Replicas | Should -Be 2
    }

    It '-Wait waits until the workload runs that many ready pods' {
        Set-TkeWorkloadReplica @shop -Kind StatefulSet -Name db -Replicas 3 -Wait -TimeoutSec 60
        $w = Get-TkeWorkload @shop -Kind StatefulSet -Name db
        $w.ReadyReplicas | Should -Be 3
    }

    It 'sends nothing when the count is already that, nor with -WhatIf' {
        Set-TkeWorkloadReplica @shop -Kind Deployment -Name web -Replicas 3 -WarningVariable w 3>$null
        $w | Should -BeLike '*already asks for 3 replicas; nothing was sent.'
        Set-TkeWorkloadReplica @shop -Kind Deployment -Name web -Replicas 5 -WhatIf
        Get-Change | Should -BeNullOrEmpty
    }

    It 'refuses a DaemonSet, which has no count, and a negative count' {
        Set-TkeWorkloadReplica @shop -Kind DaemonSet -Name log-agent -Replicas 2 -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeCannotScale,TkeStack.Commands.SetTkeWorkloadReplicaCommand'
        { Set-TkeWorkloadReplica @shop -Kind Deployment -Name web -Replicas -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TkeStack.Commands.SetTkeWorkloadReplicaCommand'
        Get-Change | Should -BeNullOrEmpty
    }
}

Describe 'Restart-TkeWorkload' {
    BeforeEach { Reset-Simulator $sim; Clear-SimRequest $sim }

    It 'sets the restartedAt annotation as kubectl rollout restart does, and -Wait follows the rollout' {
        $before = Get-Date
        $w = Restart-TkeWorkload @shop -Kind Deployment -Name web -Wait -PassThru -Confirm:$false
        $patch = Get-Change
        $patch.Count | Should -Be 1
        $patch[0].path | Should -Be "$P/apis/apps/v1/namespaces/shop/deployments/web"
        $patch[0].contentType | Should -Be 'application/strategic-merge-patch+json'
        $at = ($patch[0].body | ConvertFrom-Json).spec.template.metadata.annotations.'kubectl.kubernetes.io/restartedAt'
        [datetime]::Parse($at).ToUniversalTime() | Should -BeGreaterOrEqual $before.ToUniversalTime().AddSeconds(-1)
        $w.Generation | Should -Be 2
        $w.Status | Should -Be 'Complete'
    }

    It 'restarts a TApp through its route with a merge patch' {
        Restart-TkeWorkload @shop -Kind TApp -Name cart -Confirm:$false
        $patch = Get-Change
        $patch[0].query | Should -Match 'namespace=shop&name=cart'
        $patch[0].contentType | Should -Be 'application/merge-patch+json'
    }

    It '-WhatIf sends nothing' {
        Restart-TkeWorkload @shop -Kind Deployment -Name web -WhatIf
        Get-Change | Should -BeNullOrEmpty
    }
}

Describe 'Wait-TkeWorkload' {
    BeforeEach { Reset-Simulator $sim; Clear-SimRequest $sim }

    It 'waits on the ImageChange of an earlier run' {
        $c = Set-TkeWorkloadImage @shop -Kind Deployment -Name web -Container app -Image registry.example.com/shop/web:1.1 -PassThru
        $w = $c | Wait-TkeWorkload -TimeoutSec 60
        $w.Status | Should -Be 'Complete'
        ($w.Containers | Where-Object Name -eq 'app').Image | Should -Be 'registry.example.com/shop/web:1.1'
    }

    It 'fails fast on a new pod that cannot start, naming it and the rollback command' {
        $c = Set-TkeWorkloadImage @shop -Kind Deployment -Name web -Container app -Image registry.example.com/shop/web:missing -PassThru
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $c | Wait-TkeWorkload -TimeoutSec 120 -ErrorAction SilentlyContinue -ErrorVariable e
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 60
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeRolloutFailed,TkeStack.Commands.WaitTkeWorkloadCommand'
        $e[0].Exception.Message | Should -Match 'cannot start: container ''app'' is in ImagePullBackOff'
        $e[0].ErrorDetails.RecommendedAction | Should -Be "Fix the image, or roll back with: Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web -Container app -Image 'registry.example.com/shop/web:1.0'"
    }

    It 'refuses -Container without -Image before any request' {
        Wait-TkeWorkload @shop -Kind Deployment -Name web -Container app -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeInvalidWait,TkeStack.Commands.WaitTkeWorkloadCommand'
        @(Get-SimRequest $sim).Count | Should -Be 0
    }
}

Describe 'Invoke-TkeRequest' {
    BeforeEach { Reset-Simulator $sim; Clear-SimRequest $sim }

    It 'sends a platform path with the session''s prefix and key, and writes objects' {
        $c = Invoke-TkeRequest /apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4
        $c.spec.displayName | Should -Be 'prod-beijing'
        (Get-SimRequest $sim -Method GET)[0].path | Should -Be "$P/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4"
    }

    It 'follows a list''s pages with -All, through the proxy with -ClusterName' {
        $s = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -PageSize 2
        $pods = @(Invoke-TkeRequest /api/v1/namespaces/shop/pods -ClusterName cls-a1b2c3d4 -All -Session $s)
        $pods.Count | Should -Be @(Get-TkePod @shop).Count
        @(Get-SimRequest $sim -Method GET | Where-Object path -eq "$P/api/v1/namespaces/shop/pods").Count | Should -BeGreaterThan 2
    }

    It 'sends a hashtable body as JSON, a PATCH as a merge patch by default, and asks first' {
        $d = Invoke-TkeRequest /apis/apps/v1/namespaces/shop/deployments/web -ClusterName cls-a1b2c3d4 -Method PATCH -Body @{ metadata = @{ labels = @{ team = 'shop' } } } -Confirm:$false
        $d.metadata.labels.team | Should -Be 'shop'
        $patch = Get-Change
        $patch[0].contentType | Should -Be 'application/merge-patch+json'
        $patch[0].body | Should -Be '{"metadata":{"labels":{"team":"shop"}}}'
    }

    It 'reads the business API with -Api Business, and writes text with -Raw' {
        # Behind an open-source gateway the business API takes a console login, not the key.
        $login = Connect-TkeSimulator $sim
        Clear-SimRequest $sim
        $text = Invoke-TkeRequest /apis/business.tkestack.io/v1/portal -Api Business -Raw -Session $login
        $text | Should -BeOfType string
        $text | Should -Match '"administrator"'
        (Get-SimRequest $sim -Method GET)[0].path | Should -Be "$B/apis/business.tkestack.io/v1/portal"
        $null = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
    }

    It 'maps errors as every cmdlet does' {
        Invoke-TkeRequest /apis/platform.tkestack.io/v1/clusters/cls-nothere1 -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeApiNotFound,TkeStack.Commands.InvokeTkeRequestCommand'
    }

    It 'refuses <Name> before any request' -ForEach @(
        @{ Name = 'a whole URL'; Splat = @{ Path = 'http://evil.example.com/apis' }; Id = 'TkeInvalidPath' }
        @{ Name = 'a path that climbs'; Splat = @{ Path = '/apis/../x' }; Id = 'TkeInvalidPath' }
        @{ Name = 'a query in the path'; Splat = @{ Path = '/apis/x?a=b' }; Id = 'TkeInvalidPath' }
        @{ Name = 'a path without a leading slash'; Splat = @{ Path = 'apis/x' }; Id = 'TkeInvalidPath' }
        @{ Name = 'a body that is not JSON'; Splat = @{ Path = '/apis/x'; Method = 'POST'; Body = 'not json' }; Id = 'TkeInvalidBody' }
        @{ Name = 'a body with GET'; Splat = @{ Path = '/apis/x'; Body = @{ a = 1 } }; Id = 'TkeInvalidRequest' }
        @{ Name = '-All with POST'; Splat = @{ Path = '/apis/x'; Method = 'POST'; All = $true }; Id = 'TkeInvalidRequest' }
    ) {
        $a = $Splat
        Invoke-TkeRequest @a -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].FullyQualifiedErrorId | Should -Be "$Id,TkeStack.Commands.InvokeTkeRequestCommand"
        @(Get-SimRequest $sim).Count | Should -Be 0
    }
}

Describe 'examples/Find-StuckRollout.ps1' {
    BeforeEach { Reset-Simulator $sim }

    It 'names the pod that cannot pull its image, with the warnings and no log' {
        Set-TkeWorkloadImage @shop -Kind Deployment -Name web -Container app -Image registry.example.com/shop/web:missing
        $stuck = @(& (Join-Path $PSScriptRoot '../examples/Find-StuckRollout.ps1') @shop -Kind Deployment -Name web)
        $stuck.Count | Should -Be 1
        $stuck[0].Status | Should -Be 'ImagePullBackOff'
        $stuck[0].Container | Should -Be 'app'
        $stuck[0].Warnings -join "`n" | Should -Match 'Failed to pull image "registry.example.com/shop/web:missing"'
        $stuck[0].Log | Should -BeNullOrEmpty
    }

    It 'shows the last lines of a crashing container''s previous run' {
        Set-TkeWorkloadImage @shop -Kind StatefulSet -Name db -Container mysql -Image busybox:crash
        $stuck = @(& (Join-Path $PSScriptRoot '../examples/Find-StuckRollout.ps1') @shop -Kind StatefulSet -Name db -Tail 3)
        $stuck[0].Reason | Should -Be 'CrashLoopBackOff'
        $stuck[0].Log.Count | Should -Be 3
        $stuck[0].Log[-1] | Should -BeLike 'panic: *'
    }

    It 'writes nothing when every pod runs' {
        & (Join-Path $PSScriptRoot '../examples/Find-StuckRollout.ps1') @shop -Kind Deployment -Name api | Should -BeNullOrEmpty
    }
}

Describe 'Complete-TkeWorkloadRollout' {
    BeforeEach { Reset-Simulator $sim; Clear-SimRequest $sim }

    It 'is named by the -Wait warning of an OnDelete StatefulSet, and as pasted deletes the old pods one at a time, highest ordinal first' {
        $null = Set-TkeWorkloadImage @shop -Kind StatefulSet -Name cache -Container redis -Image redis:7.4 -Wait -TimeoutSec 30 -WarningVariable w -WarningAction SilentlyContinue
        $command = 'Complete-TkeWorkloadRollout -ClusterName cls-a1b2c3d4 -Namespace shop -Kind StatefulSet -Name cache'
        $w[0].Message | Should -BeLike "*run: $command"
        Clear-SimRequest $sim
        $ended = & ([scriptblock]::Create("$command -Force -PassThru -TimeoutSec 60"))
        $log = @(Get-SimRequest $sim)
        $deletes = @($log | Where-Object method -eq 'DELETE')
        $deletes.path | Should -Be @("$P/api/v1/namespaces/shop/pods/cache-2", "$P/api/v1/namespaces/shop/pods/cache-1", "$P/api/v1/namespaces/shop/pods/cache-0")
        $deletes.headers.'X-TKE-ClusterName' | Should -Be @('cls-a1b2c3d4', 'cls-a1b2c3d4', 'cls-a1b2c3d4')
        # One at a time: the pods were read (the replacement seen Ready) between two deletions.
        $at = @(for ($i = 0; $i -lt $log.Count; $i++) { if ($log[$i].method -eq 'DELETE') { $i } })
        for ($k = 1; $k -lt $at.Count; $k++) {
            @($log[($at[$k - 1] + 1)..($at[$k] - 1)] | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/statefulsets/cache/pods' }).Count | Should -BeGreaterThan 0
        }
        @($log | Where-Object method -notin 'GET', 'DELETE').Count | Should -Be 0
        $ended.Status | Should -Be 'Complete'
        $ended.UpdatedReplicas | Should -Be 3
        (Get-TkeWorkload @shop -Kind StatefulSet -Name cache | Get-TkePod).Images | Should -Be @('redis:7.4', 'redis:7.4', 'redis:7.4')
    }

    It 'lowers the partition of a partitioned StatefulSet to 0 and waits for the rest, as the warning says' {
        Set-TkeWorkloadImage @shop -Kind StatefulSet -Name queue -Container rabbit -Image rabbitmq:3.13 -Wait -TimeoutSec 30 -WarningVariable w -WarningAction SilentlyContinue
        $w[0].Message | Should -BeLike '*run: Complete-TkeWorkloadRollout -ClusterName cls-a1b2c3d4 -Namespace shop -Kind StatefulSet -Name queue'
        Clear-SimRequest $sim
        $ended = Get-TkeWorkload @shop -Kind StatefulSet -Name queue | Complete-TkeWorkloadRollout -Confirm:$false -PassThru
        $patch = @(Get-Change)
        $patch.Count | Should -Be 1
        $patch[0].path | Should -Be "$P/apis/apps/v1/namespaces/shop/statefulsets/queue"
        $patch[0].contentType | Should -Be 'application/strategic-merge-patch+json'
        ($patch[0].body | ConvertFrom-Json).spec.updateStrategy.rollingUpdate.partition | Should -Be 0
        $ended.Status | Should -Be 'Complete'
        (Get-TkeWorkload @shop -Kind StatefulSet -Name queue | Get-TkePod).Images | Should -Be @('rabbitmq:3.13', 'rabbitmq:3.13', 'rabbitmq:3.13')
    }

    It 'lowers the partition to -Partition, and the warning then names the command for the rest' {
        $null = Set-TkeWorkloadImage @shop -Kind StatefulSet -Name queue -Container rabbit -Image rabbitmq:3.13 -Wait -TimeoutSec 30 -WarningAction SilentlyContinue
        Clear-SimRequest $sim
        $ended = Complete-TkeWorkloadRollout @shop -Kind StatefulSet -Name queue -Partition 1 -Force -PassThru -WarningVariable w -WarningAction SilentlyContinue
        ((Get-Change)[0].body | ConvertFrom-Json).spec.updateStrategy.rollingUpdate.partition | Should -Be 1
        $ended.UpdatedReplicas | Should -Be 2
        $w[0].Message | Should -BeLike '*partitioned at 1*run: Complete-TkeWorkloadRollout -ClusterName cls-a1b2c3d4 -Namespace shop -Kind StatefulSet -Name queue'
    }

    It '-WhatIf sends nothing, with or without -Force' {
        $null = Set-TkeWorkloadImage @shop -Kind StatefulSet -Name cache -Container redis -Image redis:7.4
        $null = Set-TkeWorkloadImage @shop -Kind StatefulSet -Name queue -Container rabbit -Image rabbitmq:3.13
        Clear-SimRequest $sim
        Complete-TkeWorkloadRollout @shop -Kind StatefulSet -Name cache -WhatIf
        Complete-TkeWorkloadRollout @shop -Kind StatefulSet -Name cache -Force -WhatIf
        Complete-TkeWorkloadRollout @shop -Kind StatefulSet -Name queue -Force -WhatIf
        Get-Change | Should -BeNullOrEmpty
    }

    It 'asks for confirmation (ConfirmImpact High) unless -Force' {
        (Get-Command Complete-TkeWorkloadRollout).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        $null = Set-TkeWorkloadImage @shop -Kind StatefulSet -Name cache -Container redis -Image redis:7.4
        # In a host that cannot prompt, the question shows as the error that it could not be asked.
        $ps = [powershell]::Create()
        $null = $ps.AddScript("param(`$uri, `$token) Import-Module '$env:TKESTACK_MODULE'; `$null = Connect-Tke -Uri `$uri -Token `$token; Complete-TkeWorkloadRollout -ClusterName cls-a1b2c3d4 -Namespace shop -Kind StatefulSet -Name cache").AddArgument($sim.Url).AddArgument($sim.AdminToken)
        $null = $ps.Invoke()
        $ps.Streams.Error[0].FullyQualifiedErrorId | Should -BeLike 'HostFunctionNotImplemented,*'
        $ps.Streams.Error[0].Exception.Message | Should -Match 'Delete its 3 pods on the old template one at a time \(cache-2, cache-1, cache-0\)'
        $ps.Dispose()
        @(Get-SimRequest $sim -Method DELETE).Count | Should -Be 0
        Complete-TkeWorkloadRollout @shop -Kind StatefulSet -Name cache -Force -TimeoutSec 60
        @(Get-SimRequest $sim -Method DELETE).Count | Should -Be 3
    }

    It 'stops at the first replacement that cannot start, naming it, with one pod deleted' {
        $null = Set-TkeWorkloadImage @shop -Kind StatefulSet -Name cache -Container redis -Image nginx:does-not-exist
        Clear-SimRequest $sim
        Complete-TkeWorkloadRollout @shop -Kind StatefulSet -Name cache -Force -TimeoutSec 60 -ErrorVariable e -ErrorAction SilentlyContinue
        @(Get-SimRequest $sim -Method DELETE).path | Should -Be "$P/api/v1/namespaces/shop/pods/cache-2"
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'TkeRolloutFailed,*'
        $e[0].Exception.Message | Should -Match 'Pod cache-2 .* ImagePullBackOff'
    }

    It 'deletes an OnDelete DaemonSet''s old pods one at a time, by name, until every node runs the new image' {
        $null = Invoke-TkeRequest /apis/apps/v1/namespaces/shop/daemonsets/log-agent -ClusterName cls-a1b2c3d4 -Method PATCH -ContentType application/strategic-merge-patch+json -Body '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}' -Confirm:$false
        $null = Set-TkeWorkloadImage @shop -Kind DaemonSet -Name log-agent -Container fluentd -Image fluent/fluentd:v1.17 -Wait -TimeoutSec 30 -WarningVariable w -WarningAction SilentlyContinue
        $w[0].Message | Should -BeLike '*run: Complete-TkeWorkloadRollout -ClusterName cls-a1b2c3d4 -Namespace shop -Kind DaemonSet -Name log-agent'
        $old = @(Get-TkeWorkload @shop -Kind DaemonSet -Name log-agent | Get-TkePod).Name | Sort-Object
        Clear-SimRequest $sim
        $ended = Complete-TkeWorkloadRollout @shop -Kind DaemonSet -Name log-agent -Force -PassThru -TimeoutSec 60
        @(Get-SimRequest $sim -Method DELETE).path | Should -Be @($old | ForEach-Object { "$P/api/v1/namespaces/shop/pods/$_" })
        $ended.Status | Should -Be 'Complete'
        (Get-TkeWorkload @shop -Kind DaemonSet -Name log-agent | Get-TkePod).Images | Should -Be @('fluent/fluentd:v1.17', 'fluent/fluentd:v1.17', 'fluent/fluentd:v1.17')
    }

    It 'sends nothing for a kind its controller rolls out, and says how to wait instead' {
        Complete-TkeWorkloadRollout @shop -Kind Deployment -Name web -Force -WarningVariable w -WarningAction SilentlyContinue
        Get-Change | Should -BeNullOrEmpty
        $w[0].Message | Should -BeLike '*run: Wait-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web'
    }
}
