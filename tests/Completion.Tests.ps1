# Tab completion: cluster ids, namespaces of the cluster typed, names of each cmdlet's objects;
# cached per session, quiet when not connected, and never holding the prompt past its deadline.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:sim = Start-TkeSimulator
    $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken

    function script:Complete([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
}
AfterAll {
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
}

Describe 'Completing -ClusterName and Get-TkeCluster -Name' {
    BeforeEach { Clear-SimRequest $sim }

    It 'offers the cluster ids of the session, as the guide''s call 1.2 lists them' {
        $m = Complete 'Get-TkeNamespace -ClusterName '
        $m.CompletionText | Should -Be @('cls-a1b2c3d4', 'cls-e5f6g7h8', 'cls-imp0rt01', 'cls-l0cked01', 'global')
        $m[0].ToolTip | Should -Match 'prod-beijing'
        $m[0].ResultType | Should -Be 'ParameterValue'
    }

    It 'narrows to the word typed' {
        (Complete 'Get-TkeNamespace -ClusterName cls-e').CompletionText | Should -Be 'cls-e5f6g7h8'
        (Complete 'Get-TkeCluster -Name CLS-I').CompletionText | Should -Be 'cls-imp0rt01'
    }

    It 'completes the positional -Name of Get-TkeCluster' {
        (Complete 'Get-TkeCluster cls-l').CompletionText | Should -Be 'cls-l0cked01'
    }

    It 'reads the list once and answers from its cache for a while' {
        Clear-SimRequest $sim
        $null = Complete 'Get-TkeCluster -Name '
        $null = Complete 'Get-TkeCluster -Name g'
        $null = Complete 'Get-TkeNamespace -ClusterName c'
        # The cache may have been filled by the tests above; either way, at most one read.
        @(Get-SimRequest $sim -PathLike '*/clusters').Count | Should -BeLessOrEqual 1
    }

    It 'uses the -Session already typed' {
        $other = Start-TkeSimulator
        try {
            $s2 = Connect-Tke -Uri $other.Url -Token $other.AdminToken
            $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
            Clear-SimRequest $other
            $line = 'Get-TkeCluster -Session $s2 -Name '
            $m = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $m.CompletionMatches.CompletionText | Should -Contain 'cls-a1b2c3d4'
            @(Get-SimRequest $other -PathLike '*/clusters').Count | Should -Be 1
        }
        finally { Stop-TkeSimulator $other }
    }
}

Describe 'Completing namespaces from the cluster typed' {
    BeforeEach { Clear-SimRequest $sim }

    It 'offers the namespaces of the -ClusterName already on the line (guide 1.3)' {
        $m = Complete 'Get-TkeNamespace -ClusterName cls-e5f6g7h8 -Name '
        $m.CompletionText | Should -Be @('default', 'kube-system', 'shop')
        $r = @(Get-SimRequest $sim -PathLike '*/api/v1/namespaces')
        $r.Count | Should -Be 1
        $r[0].headers.'X-TKE-ClusterName' | Should -Be 'cls-e5f6g7h8'
    }

    It 'follows the cluster: another cluster, other namespaces' {
        (Complete 'Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Name p').CompletionText | Should -Be 'payments'
        Complete 'Get-TkeNamespace -ClusterName cls-imp0rt01 -Name p' | Should -BeNullOrEmpty
    }

    It 'offers nothing, and asks nothing, before a cluster is typed' {
        Complete 'Get-TkeNamespace -Name ' | Should -BeNullOrEmpty
        Get-SimRequest $sim | Should -BeNullOrEmpty
    }

    It 'offers nothing, without an error, for a cluster that cannot be reached' {
        $before = $Error.Count
        Complete 'Get-TkeNamespace -ClusterName cls-l0cked01 -Name ' | Should -BeNullOrEmpty
        Complete 'Get-TkeNamespace -ClusterName cls-nothere1 -Name ' | Should -BeNullOrEmpty
        $Error.Count | Should -Be $before
    }
}

Describe 'Completing when not connected' {
    It 'offers nothing and writes no error' {
        Disconnect-Tke
        try {
            Clear-SimRequest $sim
            $before = $Error.Count
            Complete 'Get-TkeCluster -Name ' | Should -BeNullOrEmpty
            Complete 'Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Name ' | Should -BeNullOrEmpty
            $Error.Count | Should -Be $before
            Get-SimRequest $sim | Should -BeNullOrEmpty
        }
        finally { $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken }
    }
}

Describe 'Completing against a slow console' {
    BeforeAll { $script:slow = Start-TkeSimulator -ExtraArgs '--latency-ms', '4000' }
    AfterAll { Stop-TkeSimulator $script:slow }

    It 'gives the prompt back within its deadline, then answers from what it read meanwhile' {
        $s = Connect-Tke -Uri $slow.Url -Token $slow.AdminToken
        try {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            Complete 'Get-TkeCluster -Name ' | Should -BeNullOrEmpty
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
            $deadline = (Get-Date).AddSeconds(20)
            do { $m = Complete 'Get-TkeCluster -Name ' } until ($m -or (Get-Date) -gt $deadline)
            $m.CompletionText | Should -Contain 'cls-a1b2c3d4'
        }
        finally { $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken }
    }
}

Describe 'Completers ready for the workload, machine and project cmdlets' {
    # Attached to their parameters with one [ArgumentCompleter(typeof(...))] each; driven directly
    # here, as a parameter would be: the request each sends, and an answer without an error whether
    # or not the simulator holds such objects.
    BeforeEach { Clear-SimRequest $sim }

    It 'reads workloads of the kind, cluster and namespace typed, through the cluster proxy' {
        $c = [TkeStack.Completion.WorkloadNameCompleter]::new()
        $r = @($c.CompleteArgument('Get-TkeWorkload', 'Name', '', $null, @{ ClusterName = 'cls-a1b2c3d4'; Namespace = 'shop'; Kind = 'StatefulSet' }))
        $r | Where-Object ResultType -ne 'ParameterValue' | Should -BeNullOrEmpty
        $req = @(Get-SimRequest $sim)
        $req.Count | Should -Be 1
        $req[0].path | Should -Be '/platform/apis/apps/v1/namespaces/shop/statefulsets'
        $req[0].headers.'X-TKE-ClusterName' | Should -Be 'cls-a1b2c3d4'
    }

    It 'reads every kind when no kind is typed, TApps through the guide''s TApp route' {
        $c = [TkeStack.Completion.WorkloadNameCompleter]::new()
        $null = $c.CompleteArgument('Get-TkeWorkload', 'Name', '', $null, @{ ClusterName = 'cls-e5f6g7h8'; Namespace = 'shop' })
        $req = @(Get-SimRequest $sim | Sort-Object path)
        $req.path | Should -Be @(
            '/platform/apis/apps/v1/namespaces/shop/daemonsets'
            '/platform/apis/apps/v1/namespaces/shop/deployments'
            '/platform/apis/apps/v1/namespaces/shop/statefulsets'
            '/platform/apis/platform.tkestack.io/v1/clusters/cls-e5f6g7h8/tapps')
        $req[3].query | Should -Match 'namespace=shop'
    }

    It 'asks nothing for workloads before cluster and namespace are typed' {
        $c = [TkeStack.Completion.WorkloadNameCompleter]::new()
        @($c.CompleteArgument('Get-TkeWorkload', 'Name', '', $null, @{ ClusterName = 'cls-a1b2c3d4' })).Count | Should -Be 0
        Get-SimRequest $sim | Should -BeNullOrEmpty
    }

    It 'reads machines from the guide''s machine list' {
        $c = [TkeStack.Completion.MachineNameCompleter]::new()
        $r = @($c.CompleteArgument('Get-TkeMachine', 'Name', 'mc-', $null, @{}))
        $r | Where-Object CompletionText -notlike 'mc-*' | Should -BeNullOrEmpty
        (Get-SimRequest $sim).path | Should -Be '/platform/apis/platform.tkestack.io/v1/machines'
    }

    It 'reads projects from the portal (guide 4.1)' {
        $c = [TkeStack.Completion.ProjectNameCompleter]::new()
        $r = @($c.CompleteArgument('Get-TkeProject', 'Name', 'prj-', $null, @{}))
        $r | Where-Object CompletionText -notlike 'prj-*' | Should -BeNullOrEmpty
        @(Get-SimRequest $sim)[0].path | Should -Be '/business/apis/business.tkestack.io/v1/portal'
    }
}
