# Get-TkeProject and Get-TkeProjectNamespace (guide section 4: the business API under /business).
# Most run against TKEStack 1.4, where a member of tenant default reads their projects from the portal;
# 'Get-TkeProject under each release's portal' runs against every modelled release, as the portal
# changed in v1.9.1 (pkg/business/registry/portal/storage/storage.go).
BeforeDiscovery {
    # MemberAdministrator: what the portal says of alice (tenant default, not an administrator).
    # MemberSees: what Get-TkeProject shows her: her projects from the portal, or from v1.9.1, when the
    # portal calls every caller of tenant default an administrator, the tenant's list.
    $script:portals = @(
        @{ Release = '1.4'; MemberAdministrator = $false; MemberSees = @('prj-pay00001', 'prj-shop0001'); MemberReads = 'portal, then each project' }
        @{ Release = '1.6'; MemberAdministrator = $false; MemberSees = @('prj-pay00001', 'prj-shop0001'); MemberReads = 'portal, then each project' }
        @{ Release = '1.8'; MemberAdministrator = $false; MemberSees = @('prj-pay00001', 'prj-shop0001'); MemberReads = 'portal, then each project' }
        @{ Release = '1.9'; MemberAdministrator = $true; MemberSees = @('prj-ops00001', 'prj-pay00001', 'prj-shop0001'); MemberReads = 'portal, then the list' }
    )
}
BeforeAll {
    # The API prefixes of this run's simulators: none behind an open-source gateway (build.ps1 runs this family in both dialects).
    $script:P = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/platform' }
    $script:B = if ($env:TKESIM_GATEWAY -eq 'open-source') { '' } else { '/business' }
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:sim = Start-TkeSimulator -TkeVersion 1.4
    # alice: a member of prj-shop0001 and prj-pay00001 in the default seed, not of prj-ops00001.
    $script:member = Connect-TkeSimulator $sim -Member
    # Another user's key makes another session, leaving alice's as it is; admin's is the default.
    $script:admin = Connect-TkeSimulator $sim
    $script:Business = "$B/apis/business.tkestack.io/v1"
}
AfterAll {
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
}

Describe 'Get-TkeProject' {
    BeforeEach { Clear-SimRequest $sim }

    It 'lists a member''s projects from the portal (guide 4.1), then reads each (guide 4.3)' {
        $projects = @(Get-TkeProject -Session $member)
        $projects.Name | Should -Be @('prj-pay00001', 'prj-shop0001')
        $projects[0] | Should -BeOfType TkeStack.Project
        $shop = $projects[1]
        $shop.DisplayName | Should -Be 'online-shop'
        $shop.TenantId | Should -Be 'default'
        $shop.Members | Should -Be @('alice', 'admin')
        $shop.Phase | Should -Be 'Active'
        $shop.CreationTimestamp | Should -BeOfType datetime
        $shop.ApiObject.spec.displayName | Should -Be 'online-shop'
        $shop.Session | Should -Be $member
        (Get-SimRequest $sim).path | Should -Be @("$Business/portal", "$Business/projects/prj-pay00001", "$Business/projects/prj-shop0001")
        (Get-SimRequest $sim).method | Select-Object -Unique | Should -Be 'GET'
    }

    It 'gives each cluster''s quota, hard and used, as a small typed object' {
        $shop = Get-TkeProject prj-shop0001 -Session $member
        $shop.Clusters.ClusterName | Should -Be @('cls-a1b2c3d4', 'cls-e5f6g7h8')
        $prod = $shop.Clusters[0]
        $prod | Should -BeOfType TkeStack.ProjectClusterQuota
        $prod.Hard['requests.cpu'] | Should -Be '8'
        $prod.Hard['requests.memory'] | Should -Be '16Gi'
        $prod.Used['requests.cpu'] | Should -Be '4'
        $prod.Quota | Should -Be 'requests.cpu 4/8, requests.memory 8Gi/16Gi'
    }

    It 'lists every project of the tenant for an administrator, whose portal lists none' {
        $projects = @(Get-TkeProject -Session $admin)
        $projects.Name | Should -Be @('prj-ops00001', 'prj-pay00001', 'prj-shop0001')
        $r = @(Get-SimRequest $sim)
        $r.path | Should -Be @("$Business/portal", "$Business/projects")
    }

    It 'follows continue when the administrator''s list comes in pages' {
        Disconnect-Tke
        try {
            $paged = Connect-TkeSimulator $sim -With @{ PageSize = 2 }
            Clear-SimRequest $sim
            (Get-TkeProject -Session $paged).Name | Should -Be @('prj-ops00001', 'prj-pay00001', 'prj-shop0001')
            $pages = @(Get-SimRequest $sim -PathLike '*/projects')
            $pages.Count | Should -Be 2
            $pages[0].query | Should -Be '?limit=2'
            $pages[1].query | Should -Match 'continue='
        }
        finally {
            Disconnect-Tke
            $script:admin = Connect-TkeSimulator $sim
        }
    }

    It 'says with -Portal whether I am an administrator, and which projects I am in' {
        $p = Get-TkeProject -Portal -Session $admin
        $p | Should -BeOfType TkeStack.Portal
        $p.Administrator | Should -BeTrue
        $p.User | Should -Be 'admin'
        # Before v1.9.1 an administrator of tenant default gets the projects they are a member of too.
        @($p.Projects.Keys) | Should -Be @('prj-shop0001')
        $m = Get-TkeProject -Portal -Session $member
        $m.Administrator | Should -BeFalse
        @($m.Projects.Keys) | Should -Be @('prj-pay00001', 'prj-shop0001')
        $m.Projects['prj-shop0001'] | Should -Be 'online-shop'
        (Get-SimRequest $sim).path | Should -Be @("$Business/portal", "$Business/portal")
    }

    It 'reads one project by id with one GET (guide 4.3), -Id being an alias' {
        $p = Get-TkeProject -Id prj-pay00001 -Session $member
        $p.Name | Should -Be 'prj-pay00001'
        $p.DisplayName | Should -Be 'payments'
        (Get-SimRequest $sim).path | Should -Be "$Business/projects/prj-pay00001"
    }

    It 'filters the portal''s list with wildcards, silently when nothing matches' {
        (Get-TkeProject 'prj-s*' -Session $member).Name | Should -Be 'prj-shop0001'
        (Get-SimRequest $sim).path | Should -Be @("$Business/portal", "$Business/projects/prj-shop0001")
        Get-TkeProject 'nothing*' -Session $member -ErrorVariable e | Should -BeNullOrEmpty
        $e | Should -BeNullOrEmpty
    }

    It 'filters the administrator''s list with wildcards' {
        (Get-TkeProject 'prj-o*' -Session $admin).Name | Should -Be 'prj-ops00001'
    }

    It 'writes ObjectNotFound for a missing project and goes on with the others' {
        $p = Get-TkeProject prj-nothere1, prj-shop0001 -Session $admin -ErrorAction SilentlyContinue -ErrorVariable e
        $p.Name | Should -Be 'prj-shop0001'
        $e.Count | Should -Be 1
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeApiNotFound,TkeStack.Commands.GetTkeProjectCommand'
        $e[0].TargetObject | Should -Be 'prj-nothere1'
        $e[0].Exception.Message | Should -Match 'prj-nothere1'
    }

    It 'does not show another tenant''s project' {
        Get-TkeProject prj-acme0001 -Session $admin -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'says a 403 means I am not a member of the project (业务)' {
        Get-TkeProject prj-ops00001 -Session $member -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
        $e.Count | Should -Be 1
        $e[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeApiForbidden,TkeStack.Commands.GetTkeProjectCommand'
        $e[0].TargetObject | Should -Be 'prj-ops00001'
        $e[0].Exception.Message | Should -Match "User 'alice' is not a member of the project \(业务\) 'prj-ops00001'"
        $e[0].Exception.Status.Reason | Should -Be 'Forbidden'
        $e[0].ErrorDetails.RecommendedAction | Should -Match '业务成员'
    }

    It 'takes ids from the pipeline' {
        ('prj-pay00001', 'prj-shop0001' | Get-TkeProject -Session $member).Name | Should -Be @('prj-pay00001', 'prj-shop0001')
    }

    It 'refuses an empty name before any request' {
        { Get-TkeProject -Name '' -Session $member } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TkeStack.Commands.GetTkeProjectCommand'
        Get-SimRequest $sim | Should -BeNullOrEmpty
    }
}

Describe 'Get-TkeProject under the portal of TKEStack <Release>' -ForEach $portals {
    BeforeAll {
        $script:rel = Start-TkeSimulator -TkeVersion $Release
        # Three users, three sessions (another user's key never goes into a session held); the
        # file's default session is put back after.
        $script:before = Get-TkeSession
        $script:relAdmin = Connect-TkeSimulator $rel
        $script:relMember = Connect-TkeSimulator $rel -Member
        $acmeKey = New-SimKey $rel -User alice -Tenant acme
        $script:relAcme = Connect-Tke -Uri $rel.Url -Token (ConvertTo-SecureString $acmeKey.token -AsPlainText -Force)
    }
    AfterAll {
        $relAdmin, $relMember, $relAcme | Disconnect-Tke
        if ($before) { Set-TkeSession $before }
        Stop-TkeSimulator $script:rel
    }
    BeforeEach { Clear-SimRequest $rel }

    It 'the portal says what the release says of a member of tenant default' {
        $p = Get-TkeProject -Portal -Session $relMember
        $p.User | Should -Be 'alice'
        $p.Administrator | Should -Be $MemberAdministrator
        if ($MemberAdministrator) { $p.Projects.Count | Should -Be 0 }
        else { @($p.Projects.Keys) | Should -Be @('prj-pay00001', 'prj-shop0001') }
    }

    It 'Get-TkeProject shows a member of tenant default what the console shows: <MemberReads>' {
        (Get-TkeProject -Session $relMember).Name | Should -Be $MemberSees
        $paths = @((Get-SimRequest $rel).path)
        $paths[0] | Should -Be "$Business/portal"
        if ($MemberAdministrator) { $paths[1..($paths.Count - 1)] | Should -Be @("$Business/projects") }
        else { $paths[1..($paths.Count - 1)] | Should -Be @("$Business/projects/prj-pay00001", "$Business/projects/prj-shop0001") }
    }

    It 'Get-TkeProject shows an administrator every project of the tenant and nothing of another' {
        (Get-TkeProject -Session $relAdmin).Name | Should -Be @('prj-ops00001', 'prj-pay00001', 'prj-shop0001')
    }

    # Behind the open-source gateway projects need a console login, and the gateway's password login is
    # the default tenant's (pkg/gateway/api/token.go): another tenant's member is a console-dialect case.
    It 'a member of another tenant gets their projects from the portal on every release' -Skip:($env:TKESIM_GATEWAY -eq 'open-source') {
        $p = Get-TkeProject -Portal -Session $relAcme
        $p.Administrator | Should -BeFalse
        @($p.Projects.Keys) | Should -Be @('prj-acme0001')
        (Get-TkeProject -Session $relAcme).Name | Should -Be 'prj-acme0001'
    }

    It 'a project the member is not in still answers 403 when read by name' {
        Get-TkeProject prj-ops00001 -Session $relMember -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeApiForbidden,TkeStack.Commands.GetTkeProjectCommand'
    }
}

Describe 'Get-TkeProjectNamespace' {
    BeforeEach { Clear-SimRequest $sim }

    It 'lists a project''s namespaces (guide 4.2), each tied to a cluster and a namespace inside it' {
        $ns = @(Get-TkeProjectNamespace -ProjectName prj-shop0001 -Session $member)
        $ns.Name | Should -Be @('cls-a1b2c3d4-shop', 'cls-e5f6g7h8-shop')
        $ns[0] | Should -BeOfType TkeStack.ProjectNamespace
        $ns[0].ProjectName | Should -Be 'prj-shop0001'
        $ns[0].ClusterName | Should -Be 'cls-a1b2c3d4'
        $ns[0].ClusterDisplayName | Should -Be 'prod-beijing'
        $ns[0].Namespace | Should -Be 'shop'
        $ns[0].Phase | Should -Be 'Available'
        $ns[0].Hard['requests.cpu'] | Should -Be '4'
        $ns[0].Used['requests.cpu'] | Should -Be '1500m'
        $ns[0].ApiObject.spec.clusterName | Should -Be 'cls-a1b2c3d4'
        $r = @(Get-SimRequest $sim)
        $r.Count | Should -Be 1
        $r[0].path | Should -Be "$Business/namespaces/prj-shop0001/namespaces"
    }

    It 'takes -ProjectId as an alias' {
        (Get-TkeProjectNamespace -ProjectId prj-pay00001 -Session $member).Name | Should -Be 'cls-a1b2c3d4-payments'
    }

    It 'keeps names given as TKEStack''s cluster-dash-namespace name or as the namespace inside the cluster, with wildcards' {
        (Get-TkeProjectNamespace -ProjectName prj-shop0001 cls-e5f6g7h8-shop -Session $member).ClusterName | Should -Be 'cls-e5f6g7h8'
        (Get-TkeProjectNamespace -ProjectName prj-shop0001 shop -Session $member).Name | Should -Be @('cls-a1b2c3d4-shop', 'cls-e5f6g7h8-shop')
        (Get-TkeProjectNamespace -ProjectName prj-shop0001 '*a1b2*' -Session $member).Name | Should -Be 'cls-a1b2c3d4-shop'
        Get-TkeProjectNamespace -ProjectName prj-shop0001 'nothing*' -Session $member -ErrorVariable e | Should -BeNullOrEmpty
        $e | Should -BeNullOrEmpty
    }

    It 'writes ObjectNotFound for a name the project does not have' {
        Get-TkeProjectNamespace -ProjectName prj-shop0001 nothere -Session $member -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeProjectNamespaceNotFound,TkeStack.Commands.GetTkeProjectNamespaceCommand'
        $e[0].TargetObject | Should -Be 'nothere'
    }

    It 'writes ObjectNotFound for a missing project, whose list the server answers empty' {
        Get-TkeProjectNamespace -ProjectName prj-nothere1 -Session $admin -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
        $e.Count | Should -Be 1
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].TargetObject | Should -Be 'prj-nothere1'
        (Get-SimRequest $sim).path | Should -Be @("$Business/namespaces/prj-nothere1/namespaces", "$Business/projects/prj-nothere1")
    }

    It 'says a 403 means I am not a member of the project (业务)' {
        Get-TkeProjectNamespace -ProjectName prj-ops00001 -Session $member -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
        $e[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $e[0].TargetObject | Should -Be 'prj-ops00001'
        $e[0].Exception.Message | Should -Match "not a member of the project \(业务\) 'prj-ops00001'"
    }

    It 'lists every namespace of every project I am in from the pipeline, binding ProjectName from a project''s Name' {
        $ns = @(Get-TkeProject -Session $member | Get-TkeProjectNamespace)
        $ns.Name | Should -Be @('cls-a1b2c3d4-payments', 'cls-a1b2c3d4-shop', 'cls-e5f6g7h8-shop')
        $ns.ProjectName | Should -Be @('prj-pay00001', 'prj-shop0001', 'prj-shop0001')
        $ns | ForEach-Object { $_.Session | Should -Be $member }
    }

    It 'stays on the session the piped project was read with, not the default' {
        (Get-TkeSession).User | Should -Be 'admin'
        (Get-TkeProject prj-pay00001 -Session $member | Get-TkeProjectNamespace).Name | Should -Be 'cls-a1b2c3d4-payments'
        (Get-SimRequest $sim -PathLike '*/namespaces').user | Should -Be 'alice'
    }

    It 'refuses an empty project before any request' {
        { Get-TkeProjectNamespace -ProjectName '' -Session $member } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TkeStack.Commands.GetTkeProjectNamespaceCommand'
        Get-SimRequest $sim | Should -BeNullOrEmpty
    }
}

Describe 'From a project to its namespaces and workloads' {
    BeforeEach { Clear-SimRequest $sim }

    It 'walks project -> project namespaces -> Get-TkeNamespace, ClusterName and Session binding by property name' {
        $ns = @(Get-TkeProject prj-shop0001 -Session $member | Get-TkeProjectNamespace | Get-TkeNamespace -Name shop)
        $ns.ClusterName | Should -Be @('cls-a1b2c3d4', 'cls-e5f6g7h8')
        $ns.Name | Should -Be @('shop', 'shop')
        $ns[0] | Should -BeOfType TkeStack.Namespace
        (Get-SimRequest $sim -PathLike "$P/api/v1/namespaces/shop").headers.'X-TKE-ClusterName' | Should -Be @('cls-a1b2c3d4', 'cls-e5f6g7h8')
    }

    It 'finds every project namespace inside its cluster' {
        foreach ($pns in Get-TkeProjectNamespace -ProjectName prj-shop0001 -Session $member) {
            (Get-TkeNamespace -ClusterName $pns.ClusterName -Name $pns.Namespace -Session $member).Phase | Should -Be 'Active'
        }
    }

    It 'walks project -> project namespaces -> Get-TkeWorkload, ClusterName and Namespace binding by property name' -Skip:(-not (Get-Command Get-TkeWorkload -ErrorAction SilentlyContinue)) {
        $null = Get-TkeProject prj-shop0001 -Session $member | Get-TkeProjectNamespace | Get-TkeWorkload -Kind Deployment -ErrorVariable e
        $e | Should -BeNullOrEmpty
        $r = @(Get-SimRequest $sim -PathLike "$P/apis/apps/v1/namespaces/*/deployments")
        $r.path | Select-Object -Unique | Should -Be "$P/apis/apps/v1/namespaces/shop/deployments"
        $r.headers.'X-TKE-ClusterName' | Select-Object -Unique | Should -Be @('cls-a1b2c3d4', 'cls-e5f6g7h8')
    }
}

Describe 'Projects of a seed file, without the guide''s prefixes' {
    BeforeAll {
        $seed = Join-Path ([IO.Path]::GetTempPath()) "tke-seed-$([guid]::NewGuid()).json"
        @{
            # The seed's own release: a member of tenant default reads the portal's projects before v1.9.1.
            tkeVersion = '1.4'
            clusters = @(@{ name = 'cls-aaaa0001'; displayName = 'one'; namespaces = @('default') })
            keys     = @(@{ user = 'admin'; administrator = $true }, @{ user = 'carol' })
            projects = @(@{
                    name = 'prj-new00001'; displayName = 'new'; members = @('carol')
                    clusters = @{ 'cls-aaaa0001' = @{ 'requests.cpu' = '2' } }
                    namespaces = @(
                        @{ cluster = 'cls-aaaa0001'; namespace = 'web'; hard = @{ 'requests.cpu' = '1' } },
                        @{ cluster = 'cls-gone0001'; namespace = 'web'; hard = @{ 'requests.cpu' = '1' } })
                })
        } | ConvertTo-Json -Depth 6 | Set-Content $seed
        # The guide's form with empty prefixes: a console-dialect case in both runs.
        $script:bare = Start-TkeSimulator -Seed $seed -Unprefixed -Gateway console
        $script:carol = Connect-Tke -Uri $bare.Url -Token $bare.MemberToken -PlatformPrefix '' -BusinessPrefix ''
    }
    AfterAll {
        Disconnect-Tke
        Stop-TkeSimulator $script:bare
        Remove-Item $seed
        $script:admin = Connect-TkeSimulator $sim
    }

    It 'sends the business calls under the session''s business prefix' {
        Clear-SimRequest $bare
        (Get-TkeProject -Session $carol).Name | Should -Be 'prj-new00001'
        (Get-SimRequest $bare).path | Should -Be @('/apis/business.tkestack.io/v1/portal', '/apis/business.tkestack.io/v1/projects/prj-new00001')
    }

    It 'creates a project namespace in its cluster, and marks one whose cluster is gone Failed' {
        $ns = @(Get-TkeProjectNamespace -ProjectName prj-new00001 -Session $carol)
        $ns.Name | Should -Be @('cls-aaaa0001-web', 'cls-gone0001-web')
        $ns[0].Phase | Should -Be 'Available'
        $ns[1].Phase | Should -Be 'Failed'
        # namespace_controller.go: the fixed message, and the error as the reason.
        $ns[1].Message | Should -Be 'ensureNamespaceOnCluster failed'
        $ns[1].Reason | Should -Be 'clusters.platform.tkestack.io "cls-gone0001" not found'
        ($ns[0] | Get-TkeNamespace -Name web).Name | Should -Be 'web'
    }
}
