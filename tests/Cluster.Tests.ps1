# Get-TkeCluster and Get-TkeNamespace (guide 1.2 and 1.3).
BeforeAll {
    # The API prefixes of this run's simulators: none behind an open-source gateway (build.ps1 runs this family in both dialects).
    $script:P = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/platform' }
    $script:B = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/business' }
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:sim = Start-TkeSimulator
    $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
}
AfterAll {
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
}

Describe 'Get-TkeCluster' {
    BeforeEach { Clear-SimRequest $sim }

    It 'lists the clusters of the key''s tenant, as the guide''s call 1.2' {
        $clusters = @(Get-TkeCluster)
        $clusters.Name | Should -Be @('cls-a1b2c3d4', 'cls-e5f6g7h8', 'cls-imp0rt01', 'cls-l0cked01', 'global')
        $clusters[0] | Should -BeOfType TkeStack.Cluster
        $clusters[0].DisplayName | Should -Be 'prod-beijing'
        $clusters[0].Type | Should -Be 'Baremetal'
        $clusters[0].Phase | Should -Be 'Running'
        $clusters[0].TenantId | Should -Be 'default'
        $clusters[0].Addresses[0].Port | Should -Be 6443
        $clusters[0].CreationTimestamp | Should -BeOfType datetime
        $clusters[0].ApiObject.spec.clusterCIDR | Should -Be '10.244.0.0/16'
        $r = @(Get-SimRequest $sim)
        $r[0].method | Should -Be 'GET'
        $r[0].path | Should -Be "$P/apis/platform.tkestack.io/v1/clusters"
    }

    It 'sends the guide''s request with no query when -PageSize is 0' {
        Connect-Tke -Uri $sim.Url -Token $sim.AdminToken -PageSize 0 | Out-Null
        try {
            @(Get-TkeCluster).Count | Should -Be 5
            $r = @(Get-SimRequest $sim -PathLike '*/clusters')
            $r[-1].query | Should -Be ''
        }
        finally { $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken }
    }

    It 'filters with wildcards, silently when nothing matches' {
        (Get-TkeCluster -Name 'cls-e*').Name | Should -Be 'cls-e5f6g7h8'
        Get-TkeCluster -Name 'nothing*' -ErrorVariable e | Should -BeNullOrEmpty
        $e | Should -BeNullOrEmpty
    }

    It 'reads plain names with one GET each' {
        $c = Get-TkeCluster cls-a1b2c3d4, cls-e5f6g7h8
        $c.Name | Should -Be @('cls-a1b2c3d4', 'cls-e5f6g7h8')
        (Get-SimRequest $sim).path | Should -Be @("$P/apis/platform.tkestack.io/v1/clusters/cls-a1b2c3d4", "$P/apis/platform.tkestack.io/v1/clusters/cls-e5f6g7h8")
    }

    It 'writes ObjectNotFound for a missing name and goes on with the others' {
        $c = Get-TkeCluster cls-nothere1, cls-a1b2c3d4 -ErrorAction SilentlyContinue -ErrorVariable e
        $c.Name | Should -Be 'cls-a1b2c3d4'
        $e.Count | Should -Be 1
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeApiNotFound,TkeStack.Commands.GetTkeClusterCommand'
        $e[0].TargetObject | Should -Be 'cls-nothere1'
        $e[0].Exception.Status.Reason | Should -Be 'NotFound'
        $e[0].Exception.Message | Should -Match 'cls-nothere1'
    }

    It 'says a missing name looks like a display name and names the id that has it, reading the list once' {
        Get-TkeCluster prod-beijing, staging-shanghai -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
        $e.Count | Should -Be 2
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeApiNotFound,TkeStack.Commands.GetTkeClusterCommand'
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].TargetObject | Should -Be 'prod-beijing'
        $e[0].Exception.Message | Should -Match "'prod-beijing' looks like a display name.*cluster cls-a1b2c3d4"
        $e[0].ErrorDetails.RecommendedAction | Should -Be 'Get-TkeCluster cls-a1b2c3d4'
        $e[1].ErrorDetails.RecommendedAction | Should -Be 'Get-TkeCluster cls-e5f6g7h8'
        @(Get-SimRequest $sim -PathLike '*/v1/clusters').Count | Should -Be 1
    }

    It 'reads no list for a missing id that is no display name, nor when every id is found' {
        Get-TkeCluster cls-a1b2c3d4 | Should -Not -BeNullOrEmpty
        Get-TkeCluster cls-nothere1 -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].Exception.Message | Should -Not -Match 'display name'
        $e[0].ErrorDetails.RecommendedAction | Should -BeNullOrEmpty
        @(Get-SimRequest $sim -PathLike '*/v1/clusters').Count | Should -Be 1
    }

    It 'does not show another tenant''s cluster' {
        Get-TkeCluster cls-0ther001 -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'takes names from the pipeline' {
        ('cls-a1b2c3d4', 'global' | Get-TkeCluster).Name | Should -Be @('cls-a1b2c3d4', 'global')
    }
}

Describe 'Get-TkeCluster paging' {
    BeforeAll {
        $seed = Join-Path ([IO.Path]::GetTempPath()) "tke-seed-$([guid]::NewGuid()).json"
        # shortPages: the stress mode where the tenant filter leaves pages short (TKEStack fills them).
        @{ shortPages = $true; generateClusters = 250; clusters = @(@{ name = 'cls-zz0ther1'; tenantId = 'acme' }) ; keys = @(@{ user = 'admin'; administrator = $true }) } | ConvertTo-Json -Depth 5 | Set-Content $seed
        $script:big = Start-TkeSimulator -Seed $seed
    }
    AfterAll {
        Stop-TkeSimulator $script:big
        Remove-Item $seed
        $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
    }

    It 'follows continue over pages, including pages the tenant filter left short' {
        $s = Connect-Tke -Uri $big.Url -Token $big.AdminToken -PageSize 100
        Clear-SimRequest $big
        $all = @(Get-TkeCluster -Session $s)
        $all.Count | Should -Be 250
        ($all.Name | Select-Object -Unique).Count | Should -Be 250
        $pages = @(Get-SimRequest $big -PathLike '*/clusters')
        $pages.Count | Should -Be 3
        $pages[0].query | Should -Be '?limit=100'
        $pages[1].query | Should -Match 'continue='
    }
}

Describe 'Get-TkeNamespace' {
    BeforeEach { Clear-SimRequest $sim }

    It 'reads a cluster''s namespaces through the proxy with X-TKE-ClusterName, as the guide''s call 1.3' {
        $ns = @(Get-TkeNamespace -ClusterName cls-a1b2c3d4)
        $ns.Name | Should -Be @('default', 'kube-system', 'payments', 'shop')
        $ns[0] | Should -BeOfType TkeStack.Namespace
        $ns[0].ClusterName | Should -Be 'cls-a1b2c3d4'
        $ns[0].Phase | Should -Be 'Active'
        $ns[0].Labels['kubernetes.io/metadata.name'] | Should -Be 'default'
        $r = @(Get-SimRequest $sim)
        $r[0].path | Should -Be "$P/api/v1/namespaces"
        $r[0].headers.'X-TKE-ClusterName' | Should -Be 'cls-a1b2c3d4'
    }

    It 'binds -ClusterName from piped clusters' {
        $ns = Get-TkeCluster cls-a1b2c3d4, cls-e5f6g7h8 | Get-TkeNamespace -Name shop
        $ns.ClusterName | Should -Be @('cls-a1b2c3d4', 'cls-e5f6g7h8')
        (Get-SimRequest $sim -PathLike '*/namespaces/shop').headers.'X-TKE-ClusterName' | Should -Be @('cls-a1b2c3d4', 'cls-e5f6g7h8')
    }

    It 'stays on the session the piped objects were read with, whatever the default' {
        $alice = Connect-Tke -Uri $sim.Url -Token $sim.MemberToken
        try {
            Clear-SimRequest $sim
            $ns = Get-TkeCluster cls-a1b2c3d4 -Session $session | Get-TkeNamespace -Name default
            $ns.Name | Should -Be 'default'
            [object]::ReferenceEquals($ns.Session, $session) | Should -BeTrue
            (Get-SimRequest $sim).user | Should -Be @('admin', 'admin')
        }
        finally { Disconnect-Tke -Session $alice; Set-TkeSession $session }
    }

    It 'filters with wildcards' {
        (Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Name 'kube*').Name | Should -Be 'kube-system'
    }

    It 'says a locked cluster cannot be reached, and how to look at it' {
        Get-TkeNamespace -ClusterName cls-l0cked01 -ErrorAction SilentlyContinue -ErrorVariable e
        # Through X-TKE-ClusterName TKEStack answers a plain 500 "cluster X has been locked".
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeClusterLocked,TkeStack.Commands.GetTkeNamespaceCommand'
        $e[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $e[0].Exception.Message | Should -Match '^Cluster cls-l0cked01 is locked'
        $e[0].Exception.StatusCode | Should -Be 500
        $e[0].ErrorDetails.RecommendedAction | Should -Be 'Get-TkeCluster cls-l0cked01 | Format-List Name, Phase, Locked, Conditions'
        $e[0].TargetObject | Should -Be 'cls-l0cked01'
    }

    It 'writes ObjectNotFound for an unknown cluster' {
        Get-TkeNamespace -ClusterName cls-nothere1 -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'takes several -ClusterName values, an unknown one an error about it while the others go on' {
        $ns = Get-TkeNamespace -ClusterName cls-e5f6g7h8, prod-beijing, cls-a1b2c3d4 -Name shop -ErrorAction SilentlyContinue -ErrorVariable e
        $ns.ClusterName | Should -Be @('cls-e5f6g7h8', 'cls-a1b2c3d4')
        $e.Count | Should -Be 1
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].TargetObject | Should -Be 'prod-beijing'
        $e[0].ErrorDetails.RecommendedAction | Should -Be 'Get-TkeCluster cls-a1b2c3d4'
    }
}

Describe 'A locked or unhealthy cluster on the TApp route' {
    BeforeAll {
        $script:seed = Join-Path ([IO.Path]::GetTempPath()) "tke-clusters-$([guid]::NewGuid()).json"
        @{
            clusters = @(
                @{ name = 'cls-l0cked01'; locked = $true; namespaces = @('default') }
                @{ name = 'cls-s1ck0001'; phase = 'Failed'; namespaces = @('default') }
            )
            keys     = @(@{ user = 'admin'; administrator = $true })
        } | ConvertTo-Json -Depth 5 | Set-Content $seed
        $script:odd = Start-TkeSimulator -Seed $seed
        $script:oddSession = Connect-Tke -Uri $odd.Url -Token $odd.AdminToken -MaximumRetryCount 3 -RetryIntervalSec 0.1
    }
    AfterAll {
        Stop-TkeSimulator $script:odd
        Remove-Item $script:seed -ErrorAction SilentlyContinue
        $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
    }
    BeforeEach { Clear-SimRequest $odd }

    It 'a locked cluster''s 403 is not taken for a missing permission' {
        Get-TkeWorkload -ClusterName cls-l0cked01 -Namespace default -Kind TApp -Session $oddSession -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].FullyQualifiedErrorId | Should -BeLike 'TkeClusterLocked,*'
        $e[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $e[0].Exception.StatusCode | Should -Be 403
        $e[0].Exception.Message | Should -Match 'cluster is been locked'
        $e[0].ErrorDetails.RecommendedAction | Should -Be 'Get-TkeCluster cls-l0cked01 | Format-List Name, Phase, Locked, Conditions'
    }

    It 'a cluster that is not Running answers 503 "status is abnormal", given once and not retried' {
        Get-TkeWorkload -ClusterName cls-s1ck0001 -Namespace default -Kind TApp -Session $oddSession -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].FullyQualifiedErrorId | Should -BeLike 'TkeClusterUnhealthy,*'
        $e[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $e[0].Exception.Message | Should -Match 'cluster cls-s1ck0001 status is abnormal'
        $e[0].ErrorDetails.RecommendedAction | Should -Be 'Get-TkeCluster cls-s1ck0001 | Format-List Name, Phase, Locked, Conditions'
        @(Get-SimRequest $odd -PathLike '*/clusters/cls-s1ck0001/tapps').Count | Should -Be 1
        (Get-TkeCluster cls-s1ck0001 -Session $oddSession).Phase | Should -Be 'Failed'
    }
}
