# Get-TkePod, Get-TkePodLog and Get-TkeEvent: a workload's pods and a namespace's, a container's log
# (tail, since, previous, follow, streamed), events of a workload, a pod and a namespace; their
# views at 80 and 120 columns; bad input refused before any request.
BeforeAll {
    # The API prefixes of this run's simulators: none behind an open-source gateway (build.ps1 runs this family in both dialects).
    $script:P = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/platform' }
    $script:B = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/business' }
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:sim = Start-TkeSimulator
    $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
    $script:shop = @{ ClusterName = 'cls-a1b2c3d4'; Namespace = 'shop' }
}
AfterAll {
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
}

Describe 'Get-TkePod' {
    BeforeEach { Reset-Simulator $sim; Clear-SimRequest $sim }

    It 'reads a Deployment''s pods with TKEStack''s pods subresource' {
        $pods = @(Get-TkeWorkload @shop -Kind Deployment -Name web | Get-TkePod)
        $pods.Count | Should -Be 3
        $pods[0] | Should -BeOfType TkeStack.Pod
        $pods.Status | Sort-Object -Unique | Should -Be 'Running'
        $pods.Ready | Sort-Object -Unique | Should -Be '2/2'
        $pods[0].Images | Should -Be @('registry.example.com/shop/web:1.0', 'envoyproxy/envoy:v1.28.0')
        $pods[0].Owner | Should -BeLike 'ReplicaSet/web-*'
        $pods[0].Revision | Should -Not -BeNullOrEmpty
        $pods[0].Node | Should -Not -BeNullOrEmpty
        (Get-SimRequest $sim -Method GET).path | Should -Contain "$P/apis/apps/v1/namespaces/shop/deployments/web/pods"
    }

    It 'reads a TApp''s pods with the TApp route''s action=pods, each with its instance' {
        $pods = @(Get-TkeWorkload @shop -Kind TApp -Name cart | Get-TkePod)
        $pods.Revision | Should -Be @('instance 0', 'instance 1')
        (Get-SimRequest $sim -Method GET | Where-Object query -like '*action=pods*') | Should -Not -BeNullOrEmpty
    }

    It 'lists a namespace''s pods, filters by wildcard and reads a literal name on its own' {
        $all = @(Get-TkePod @shop)
        $all.Count | Should -BeGreaterThan 10
        @(Get-TkePod @shop -Name 'db-*').Name | Should -Be @('db-0', 'db-1')
        (Get-TkePod @shop -Name db-1).Name | Should -Be 'db-1'
        (Get-SimRequest $sim -Method GET).path | Should -Contain "$P/api/v1/namespaces/shop/pods/db-1"
    }

    It 'says which pod cannot start, and why, in its Status' {
        Set-TkeWorkloadImage @shop -Kind Deployment -Name web -Container app -Image registry.example.com/shop/web:missing
        $stuck = @(Get-TkeWorkload @shop -Kind Deployment -Name web | Get-TkePod | Where-Object Status -eq 'ImagePullBackOff')
        $stuck.Count | Should -Be 1
        $stuck[0].Ready | Should -Be '1/2'
        ($stuck[0].Containers | Where-Object Name -eq 'app').Reason | Should -Be 'ImagePullBackOff'
    }

    It 'writes ObjectNotFound for a pod that is not there, with its name as target' {
        Get-TkePod @shop -Name nothere-0 -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].TargetObject | Should -Be 'nothere-0'
    }

    It 'shows a table readable at 80 columns and at 120' {
        $pods = Get-TkeWorkload @shop -Kind Deployment -Name web | Get-TkePod
        foreach ($width in 80, 120) {
            $text = $pods | Out-String -Width $width
            $lines = $text -split "`n" | Where-Object { $_.Trim() }
            ($lines | Where-Object { $_.TrimEnd().Length -gt $width }) | Should -BeNullOrEmpty
            $text | Should -Match 'Name\s+Ready\s+Status\s+Restarts\s+Node\s+Images'
            $text | Should -Match 'web-\S+\s+2/2\s+Running'
        }
        ($pods | Out-String -Width 120) | Should -Match 'registry.example.com/shop/web:1.0'
    }
}

Describe 'Get-TkePodLog' {
    BeforeEach { Reset-Simulator $sim; Clear-SimRequest $sim }

    It 'writes a container''s log, line by line, as strings' {
        $lines = @(Get-TkePodLog @shop -Name db-0)
        $lines.Count | Should -Be 20
        $lines[0] | Should -BeOfType string
        $lines[0] | Should -Be 'starting mysql from mysql:8.0.35'
        (Get-SimRequest $sim -Method GET | Select-Object -Last 1).path | Should -Be "$P/api/v1/namespaces/shop/pods/db-0/log"
    }

    It 'sends -Tail, -Since, -Timestamps and -Container as the API server''s options' {
        $pod = Get-TkeWorkload @shop -Kind Deployment -Name web | Get-TkePod | Select-Object -First 1
        $lines = @($pod | Get-TkePodLog -Container sidecar -Tail 3 -Since '00:10:00' -Timestamps)
        $lines.Count | Should -Be 3
        $lines[0] | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z '
        $q = (Get-SimRequest $sim -Method GET | Select-Object -Last 1).query
        $q | Should -Match 'container=sidecar'
        $q | Should -Match 'tailLines=3'
        $q | Should -Match 'sinceSeconds=600'
        $q | Should -Match 'timestamps=true'
    }

    It 'says which containers there are when the pod has several and none was given' {
        $pod = Get-TkeWorkload @shop -Kind Deployment -Name web | Get-TkePod | Select-Object -First 1
        $pod | Get-TkePodLog -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
        $e[0].Exception.Message | Should -Match 'a container name must be specified .* choose one of: \[app sidecar\]'
        $e[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'reads the previous run of a crashing container' {
        Set-TkeWorkloadImage @shop -Kind StatefulSet -Name db -Container mysql -Image busybox:crash
        $crashing = Get-TkeWorkload @shop -Kind StatefulSet -Name db | Get-TkePod | Where-Object Status -eq 'CrashLoopBackOff' | Select-Object -First 1
        $crashing | Should -Not -BeNullOrEmpty
        ($crashing | Get-TkePodLog -Previous -Tail 1) | Should -BeLike 'panic: *'
        (Get-SimRequest $sim -Method GET | Select-Object -Last 1).query | Should -Match 'previous=true'
    }

    It 'streams a large log instead of holding it whole' {
        $seed = Join-Path ([IO.Path]::GetTempPath()) "tke-logs-$([guid]::NewGuid()).json"
        @{ podLogLines = 300000; clusters = @(@{ name = 'cls-a1b2c3d4'; namespaces = @('shop') }); keys = @(@{ user = 'admin'; tenant = 'default'; administrator = $true }) } | ConvertTo-Json -Depth 4 | Set-Content $seed
        $big = Start-TkeSimulator -Seed $seed
        try {
            $s = Connect-Tke -Uri $big.Url -Token $big.AdminToken -MaximumResponseSizeMB 1
            # 300,000 lines are about 20 MB: far over the 1 MiB cap on whole answers, so they must stream.
            $first = Get-TkePodLog @shop -Name db-0 -Session $s | Select-Object -First 5
            $first.Count | Should -Be 5
            (Get-TkePodLog @shop -Name db-0 -Session $s | Measure-Object).Count | Should -Be 300000
        }
        finally {
            Stop-TkeSimulator $big
            Remove-Item $seed
            # Connect-Tke made the big simulator's session the default: go back to this file's.
            $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
        }
    }

    It '-Follow writes new lines as they come until it is stopped' {
        $lines = Get-TkePodLog @shop -Name db-0 -Tail 1 -Follow | Select-Object -First 3
        $lines.Count | Should -Be 3
        $lines[1] | Should -BeLike 'GET /healthz 200 1ms (followed line 1)'
    }

    It 'refuses bad options before any request' {
        Clear-SimRequest $sim
        Get-TkePodLog @shop -Name db-0 -Previous -Follow -ErrorAction SilentlyContinue -ErrorVariable e1
        $e1[0].FullyQualifiedErrorId | Should -Be 'TkeInvalidLogOptions,TkeStack.Commands.GetTkePodLogCommand'
        Get-TkePodLog @shop -Name db-0 -Since '-00:05:00' -ErrorAction SilentlyContinue -ErrorVariable e2
        $e2[0].FullyQualifiedErrorId | Should -Be 'TkeInvalidSince,TkeStack.Commands.GetTkePodLogCommand'
        Get-TkePodLog @shop -Name 'DB_0' -ErrorAction SilentlyContinue -ErrorVariable e3
        $e3[0].FullyQualifiedErrorId | Should -Be 'TkeInvalidName,TkeStack.Commands.GetTkePodLogCommand'
        @(Get-SimRequest $sim).Count | Should -Be 0
    }
}

Describe 'Get-TkeEvent' {
    BeforeEach { Reset-Simulator $sim; Clear-SimRequest $sim }

    It 'reads a workload''s events and its pods'', oldest first' {
        Set-TkeWorkloadImage @shop -Kind Deployment -Name web -Container app -Image registry.example.com/shop/web:missing
        $events = @(Get-TkeWorkload @shop -Kind Deployment -Name web | Get-TkeEvent)
        $events[0] | Should -BeOfType TkeStack.Event
        $events.ObjectKind | Should -Contain 'Deployment'
        $events.ObjectKind | Should -Contain 'Pod'
        $times = $events.LastTimestamp
        ($times | Sort-Object) | Should -Be $times
        ($events | Where-Object Reason -eq 'Failed' | Select-Object -First 1).Message | Should -Match 'Failed to pull image "registry.example.com/shop/web:missing"'
        (Get-SimRequest $sim -Method GET).path | Should -Contain "$P/apis/apps/v1/namespaces/shop/deployments/web/events"
    }

    It 'reads a pod''s events with pods/events, and -Type keeps the warnings' {
        Set-TkeWorkloadImage @shop -Kind Deployment -Name web -Container app -Image registry.example.com/shop/web:missing
        $pod = Get-TkeWorkload @shop -Kind Deployment -Name web | Get-TkePod | Where-Object Status -eq 'ImagePullBackOff'
        $warnings = @($pod | Get-TkeEvent -Type Warning)
        $warnings.Count | Should -BeGreaterThan 0
        $warnings.Type | Sort-Object -Unique | Should -Be 'Warning'
        $warnings.ObjectName | Sort-Object -Unique | Should -Be $pod.Name
        (Get-SimRequest $sim -Method GET).path | Should -Contain "$P/api/v1/namespaces/shop/pods/$($pod.Name)/events"
    }

    It 'reads a namespace''s events' {
        Set-TkeWorkloadImage @shop -Kind StatefulSet -Name db -Container mysql -Image busybox:crash
        $events = @(Get-TkeEvent @shop)
        $events.Reason | Should -Contain 'BackOff'
        (Get-SimRequest $sim -Method GET).path | Should -Contain "$P/api/v1/namespaces/shop/events"
    }

    It 'says a pod that is not there is not found' {
        Get-TkeEvent @shop -PodName nothere-0 -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].TargetObject | Should -Be 'nothere-0'
    }

    It 'shows a table readable at 80 columns and at 120' {
        Set-TkeWorkloadImage @shop -Kind Deployment -Name web -Container app -Image registry.example.com/shop/web:missing
        $events = Get-TkeWorkload @shop -Kind Deployment -Name web | Get-TkeEvent
        foreach ($width in 80, 120) {
            $text = $events | Out-String -Width $width
            ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt $width }) | Should -BeNullOrEmpty
            $text | Should -Match 'LastSeen\s+Type\s+Reason\s+Object\s+Message'
            $text | Should -Match 'Warning\s+Failed\s+Pod/web-'
        }
    }
}
