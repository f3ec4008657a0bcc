# Tab completion: cluster ids, namespaces of the cluster typed, names of each cmdlet's objects;
# cached per session, quiet when not connected, and never holding the prompt past its deadline.
BeforeAll {
    # The API prefixes of this run's simulators: none behind an open-source gateway (build.ps1 runs this family in both dialects).
    $script:P = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/platform' }
    $script:B = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/business' }
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:sim = Start-TkeSimulator
    $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken

    function script:Complete([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
    # The texts offered, an empty array when nothing is (strict mode has no .CompletionText of nothing).
    function script:Texts([string] $Line) { @(Complete $Line | ForEach-Object CompletionText) }
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

Describe 'The workload, machine and project completers, driven directly' {
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
        $req[0].path | Should -Be "$P/apis/apps/v1/namespaces/shop/statefulsets"
        $req[0].headers.'X-TKE-ClusterName' | Should -Be 'cls-a1b2c3d4'
    }

    It 'reads every kind when no kind is typed, TApps through the guide''s TApp route' {
        $c = [TkeStack.Completion.WorkloadNameCompleter]::new()
        $null = $c.CompleteArgument('Get-TkeWorkload', 'Name', '', $null, @{ ClusterName = 'cls-e5f6g7h8'; Namespace = 'shop' })
        $req = @(Get-SimRequest $sim | Sort-Object path)
        $req.path | Should -Be @(
            "$P/apis/apps/v1/namespaces/shop/daemonsets"
            "$P/apis/apps/v1/namespaces/shop/deployments"
            "$P/apis/apps/v1/namespaces/shop/statefulsets"
            "$P/apis/platform.tkestack.io/v1/clusters/cls-e5f6g7h8/tapps")
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
        (Get-SimRequest $sim).path | Should -Be "$P/apis/platform.tkestack.io/v1/machines"
    }

    It 'reads projects from the portal (guide 4.1)' {
        $c = [TkeStack.Completion.ProjectNameCompleter]::new()
        $r = @($c.CompleteArgument('Get-TkeProject', 'Name', 'prj-', $null, @{}))
        $r | Where-Object CompletionText -notlike 'prj-*' | Should -BeNullOrEmpty
        @(Get-SimRequest $sim)[0].path | Should -Be "$B/apis/business.tkestack.io/v1/portal"
    }
}

Describe 'Completing every parameter that names a thing, through TabExpansion2' {
    BeforeAll {
        # A machine to complete: the simulator takes any root password for a new node.
        $cred = [pscredential]::new('root', (ConvertTo-SecureString 'any-password' -AsPlainText -Force))
        $script:machine = New-TkeMachine -ClusterName cls-e5f6g7h8 -IP 10.0.0.77 -Credential $cred
    }
    BeforeEach { Clear-SimRequest $sim }

    It '-ClusterName of <Command> offers the cluster ids' -ForEach @(
        @{ Command = 'Get-TkeWorkload' }, @{ Command = 'Set-TkeWorkloadImage' }, @{ Command = 'New-TkeMachine' }, @{ Command = 'Get-TkeMachine' }
    ) {
        (Texts "$Command -ClusterName cls-e") | Should -Be 'cls-e5f6g7h8'
    }

    It '-Namespace of <Command> offers the namespaces of the cluster typed' -ForEach @(
        @{ Command = 'Get-TkeWorkload' }, @{ Command = 'Set-TkeWorkloadImage' }
    ) {
        (Texts "$Command -ClusterName cls-a1b2c3d4 -Namespace ") | Should -Be @('default', 'kube-system', 'payments', 'shop')
        (Texts "$Command -ClusterName cls-imp0rt01 -Namespace s") | Should -BeNullOrEmpty
    }

    It '-Name of Get-TkeWorkload offers the workloads of the kind, cluster and namespace typed' {
        (Texts 'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name ') | Should -Be @('api', 'web')
        (Texts 'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind StatefulSet ') | Should -Be @('cache', 'db', 'queue')
        (Texts 'Get-TkeWorkload -ClusterName cls-e5f6g7h8 -Namespace shop -Kind Deployment -Name ') | Should -Be 'web'
        (Texts 'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace payments -Kind Deployment -Name ') | Should -BeNullOrEmpty
        $r = @(Get-SimRequest $sim -PathLike '*/namespaces/payments/deployments')
        $r.Count | Should -Be 1
        $r[0].headers.'X-TKE-ClusterName' | Should -Be 'cls-a1b2c3d4'
    }

    It '-Name of Set-TkeWorkloadImage offers TApps through the guide''s TApp route' {
        (Texts 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp -Name ') | Should -Be 'cart'
        (Get-SimRequest $sim).path | Should -Be "$P/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4/tapps"
    }

    It '-Container of Set-TkeWorkloadImage offers the containers of the workload typed, with their images' {
        $m = @(Complete 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web -Container ')
        $m.CompletionText | Should -Be @('app', 'sidecar')
        $m[0].ToolTip | Should -Match ([regex]::Escape('registry.example.com/shop/web:1.0'))
        $r = @(Get-SimRequest $sim)
        $r.path | Should -Be "$P/apis/apps/v1/namespaces/shop/deployments/web"
        $r.headers.'X-TKE-ClusterName' | Should -Be 'cls-a1b2c3d4'
    }

    It '-Container of a TApp is read as guide 2.2.1 reads the TApp' {
        (Texts 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp -Name cart -Container s') | Should -Be 'sidecar'
        $r = @(Get-SimRequest $sim)
        $r.path | Should -Be "$P/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4/tapps"
        $r.query | Should -Match 'name=cart'
    }

    It '-Container without -Kind finds the workload among every kind' {
        (Texts 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Name db -Container ') | Should -Be 'mysql'
    }

    It '-Container offers nothing, and asks nothing, before the workload is typed' {
        Complete 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Container ' | Should -BeNullOrEmpty
        Get-SimRequest $sim | Should -BeNullOrEmpty
    }

    It '-Container offers nothing, without an error, for a workload that is not there' {
        $before = $Error.Count
        Complete 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name nothere -Container ' | Should -BeNullOrEmpty
        $Error.Count | Should -Be $before
    }

    It '-Name of <Command> offers the machines, narrowed to the -ClusterName typed' -ForEach @(
        @{ Command = 'Get-TkeMachine' }, @{ Command = 'Remove-TkeMachine' }
    ) {
        # A list read before the machine was added may answer from the cache for a few seconds.
        $deadline = (Get-Date).AddSeconds(40)
        do { $m = Texts "$Command -Name " } until ($m -contains $machine.Name -or (Get-Date) -gt $deadline)
        $m | Should -Contain $machine.Name
        (Texts "$Command $($machine.Name.Substring(0, 5))") | Should -Contain $machine.Name
        if ($Command -eq 'Get-TkeMachine') {
            (Texts "Get-TkeMachine -ClusterName cls-a1b2c3d4 -Name ") | Should -Not -Contain $machine.Name
        }
    }

    It '-Name of Get-TkeProject and -ProjectName of Get-TkeProjectNamespace offer the projects' {
        # Projects (业务) take a console login behind an open-source gateway; the guide's console, the key.
        $null = Connect-TkeSimulator $sim
        (Texts 'Get-TkeProject -Name ') | Should -Be @('prj-ops00001', 'prj-pay00001', 'prj-shop0001')
        (Texts 'Get-TkeProjectNamespace -ProjectName prj-s') | Should -Be 'prj-shop0001'
    }

    It '-Name of Get-TkeProjectNamespace offers the namespaces of the project typed (guide 4.2)' {
        $null = Connect-TkeSimulator $sim
        Clear-SimRequest $sim
        (Texts 'Get-TkeProjectNamespace -ProjectName prj-shop0001 -Name ') | Should -Be @('cls-a1b2c3d4-shop', 'cls-e5f6g7h8-shop')
        (Get-SimRequest $sim).path | Should -Be "$B/apis/business.tkestack.io/v1/namespaces/prj-shop0001/namespaces"
        Clear-SimRequest $sim
        Complete 'Get-TkeProjectNamespace -Name ' | Should -BeNullOrEmpty
        Get-SimRequest $sim | Should -BeNullOrEmpty
    }

    It 'every completed line is quiet when not connected: <_>' -ForEach @(
        'Get-TkeWorkload -ClusterName '
        'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace '
        'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name '
        'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web -Container '
        'New-TkeMachine -ClusterName '
        'Get-TkeMachine -Name '
        'Remove-TkeMachine -Name '
        'Get-TkeProject -Name '
        'Get-TkeProjectNamespace -ProjectName '
        'Get-TkeProjectNamespace -ProjectName prj-shop0001 -Name '
    ) {
        Disconnect-Tke
        try {
            $before = $Error.Count
            Complete $_ | Should -BeNullOrEmpty
            $Error.Count | Should -Be $before
            Get-SimRequest $sim | Should -BeNullOrEmpty
        }
        finally { $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken }
    }
}
