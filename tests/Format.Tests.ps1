# Format views: every type a cmdlet declares it emits has a table view that fits 120 columns, the
# session, cluster and namespace have list views, and phases are coloured only where $PSStyle is.
BeforeDiscovery {
    Import-Module $env:TKESTACK_MODULE -Force
    $script:emitted = @(Get-Command -Module TkeStack -CommandType Cmdlet | ForEach-Object OutputType |
        Where-Object { $_.Type -and $_.Type -ne [void] -and $_.Type.FullName -like 'TkeStack.*' } | ForEach-Object { $_.Type.FullName } | Sort-Object -Unique |
        ForEach-Object { @{ TypeName = $_ } })
    [xml] $format = Get-Content (Join-Path (Get-Module TkeStack).ModuleBase 'TkeStack.Format.ps1xml') -Raw
    $script:tables = @($format.Configuration.ViewDefinitions.View | Where-Object { $_['TableControl'] } | ForEach-Object { @{ View = $_.Name; Node = $_ } })
}
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:sim = Start-TkeSimulator
    $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
    $script:rendering = $PSStyle.OutputRendering
    function script:Strip([string] $Text) { $Text -replace "`e\[[0-9;]*m", '' }
}
AfterAll {
    $PSStyle.OutputRendering = $script:rendering
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
}

Describe 'The emitted type <TypeName>' -ForEach $emitted {
    It 'has a table view' {
        $views = @((Get-FormatData -TypeName $TypeName).FormatViewDefinition)
        $views.Control | Where-Object { $_ -is [System.Management.Automation.TableControl] } | Should -Not -BeNullOrEmpty
    }

    It 'has a list view' {
        $views = @((Get-FormatData -TypeName $TypeName).FormatViewDefinition)
        $views.Control | Where-Object { $_ -is [System.Management.Automation.ListControl] } | Should -Not -BeNullOrEmpty
    }
}

Describe 'The table view <View>' -ForEach $tables {
    It 'fits 120 columns, every column with a width' {
        $widths = @($Node.TableControl.TableHeaders.TableColumnHeader | ForEach-Object { $_.Width })
        $widths | Should -Not -Contain $null
        ($widths | Measure-Object -Sum).Sum + $widths.Count - 1 | Should -BeLessOrEqual 120
        @($Node.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem).Count | Should -Be $widths.Count
    }
}

Describe 'List views' {
    It 'exist for <_>' -ForEach 'TkeStack.TkeSession', 'TkeStack.Cluster', 'TkeStack.Namespace', 'TkeStack.Workload', 'TkeStack.ImageChange',
        'TkeStack.Machine', 'TkeStack.Project', 'TkeStack.ProjectNamespace', 'TkeStack.Portal', 'TkeStack.ProjectClusterQuota' {
        $views = @((Get-FormatData -TypeName $_).FormatViewDefinition)
        $views.Control | Where-Object { $_ -is [System.Management.Automation.ListControl] } | Should -Not -BeNullOrEmpty
    }

    It 'show a cluster''s addresses and conditions as one line each' {
        $PSStyle.OutputRendering = 'PlainText'
        $text = Get-TkeCluster cls-a1b2c3d4 | Format-List | Out-String
        $text | Should -Match 'Addresses\s+: Advertise 10\.0\.0\.11:6443'
        $text | Should -Match 'Conditions\s+: .*HealthCheck=True'
        $text | Should -Match 'DisplayName\s+: prod-beijing'
    }

    It 'show a workload''s containers and rollout, and a project''s quota, as one line each' {
        $PSStyle.OutputRendering = 'PlainText'
        $text = Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web | Format-List | Out-String
        $text | Should -Match 'Containers\s+: app=registry\.example\.com/shop/web:1\.0, sidecar=envoyproxy/envoy:v1\.28\.0'
        $text | Should -Match 'Replicas\s+: 3/3 ready'
        $text = Get-TkeProject prj-shop0001 | Format-List | Out-String
        $text | Should -Match 'Quota\s+: cls-a1b2c3d4 \(.*cpu'
        $text | Should -Match 'Members\s+: alice, admin'
        $text = Get-TkeProjectNamespace -ProjectName prj-shop0001 cls-a1b2c3d4-shop | Format-List | Out-String
        $text | Should -Match 'Namespace\s+: shop'
        $text | Should -Match 'Phase\s+: Available'
    }

    It 'show a machine''s install step and never its password' {
        $PSStyle.OutputRendering = 'PlainText'
        $cred = [pscredential]::new('root', (ConvertTo-SecureString 'format-password' -AsPlainText -Force))
        $m = New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.88 -Credential $cred -Wait -TimeoutSec 60
        $text = $m | Format-List | Out-String
        $text | Should -Match 'Phase\s+: Running'
        $text | Should -Match 'IP\s+: 10\.0\.0\.88'
        $text | Should -Not -Match 'format-password'
        $text | Should -Not -Match ([regex]::Escape([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('format-password'))))
    }

    It 'colour the phase where $PSStyle renders colour' {
        $PSStyle.OutputRendering = 'Ansi'
        Get-TkeProject prj-shop0001 | Format-List | Out-String | Should -Match ([regex]::Escape("`e[32mActive`e[0m"))
        Get-TkeProjectNamespace -ProjectName prj-shop0001 | Format-List | Out-String | Should -Match ([regex]::Escape("`e[32mAvailable`e[0m"))
        Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp cart | Format-List | Out-String | Should -Match "Status\s+: `e\["
    }

    It 'show the session without its key' {
        $PSStyle.OutputRendering = 'PlainText'
        $text = Get-TkeSession | Format-List | Out-String
        $text | Should -Match 'User\s+: admin'
        $text | Should -Not -Match ([regex]::Escape($sim.AdminTokenText))
    }
}

Describe 'Tables as an operator sees them' {
    It 'keeps every line of <Name> within 120 columns' -ForEach @(
        @{ Name = 'clusters'; Read = { Get-TkeCluster } }
        @{ Name = 'namespaces'; Read = { Get-TkeCluster cls-a1b2c3d4, cls-e5f6g7h8 | Get-TkeNamespace } }
        @{ Name = 'the session'; Read = { Get-TkeSession } }
        @{ Name = 'workloads'; Read = { Get-TkeNamespace -ClusterName cls-a1b2c3d4 shop | Get-TkeWorkload -Kind Deployment; Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp } }
        @{ Name = 'image changes'; Read = { Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web | Set-TkeWorkloadImage -Container app -Image registry.example.com/shop/web:1.0.1-with-a-long-tag -PassThru } }
        @{ Name = 'machines'; Read = { Get-TkeMachine } }
        @{ Name = 'projects'; Read = { Get-TkeProject } }
        @{ Name = 'project namespaces'; Read = { Get-TkeProject | Get-TkeProjectNamespace } }
        @{ Name = 'the portal'; Read = { Get-TkeProject -Portal } }
    ) {
        $PSStyle.OutputRendering = 'Ansi'
        $lines = (& $Read | Format-Table | Out-String -Width 200) -split "`n"
        foreach ($l in $lines) { (Strip $l).TrimEnd().Length | Should -BeLessOrEqual 120 -Because "'$l' is too wide" }
    }

    It 'colours the phase of projects, project namespaces, workloads and machines too' {
        $PSStyle.OutputRendering = 'Ansi'
        Get-TkeProject prj-shop0001 | Format-Table | Out-String -Width 120 | Should -Match ([regex]::Escape("`e[32mActive`e[0m"))
        Get-TkeProjectNamespace -ProjectName prj-shop0001 | Format-Table | Out-String -Width 120 | Should -Match ([regex]::Escape("`e[32mAvailable`e[0m"))
        Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind StatefulSet db | Format-Table | Out-String -Width 120 | Should -Match "`e\[3[123]m"
        # The machine added by the list view test above.
        Get-TkeMachine | Format-Table | Out-String -Width 120 | Should -Match "`e\[32mRunning`e\[0m"

    }

    It 'colours the phase green when running and red when locked, where $PSStyle renders colour' {
        $PSStyle.OutputRendering = 'Ansi'
        $text = Get-TkeCluster cls-a1b2c3d4, cls-l0cked01 | Format-Table | Out-String -Width 120
        $text | Should -Match ([regex]::Escape("`e[32mRunning`e[0m"))
        $text | Should -Match ([regex]::Escape("`e[31mRunning (locked)`e[0m"))
    }

    It 'writes plain text when the user asks for it' {
        $PSStyle.OutputRendering = 'PlainText'
        $text = Get-TkeCluster cls-l0cked01 | Format-Table | Out-String -Width 120
        $text | Should -Not -Match "`e\["
        $text | Should -Match 'Running \(locked\)'
    }

    It 'writes plain text where there is no $PSStyle (Windows PowerShell 5.1)' {
        [TkeStack.PhaseStyle]::Paint('Running', $null) | Should -BeExactly 'Running'
        [TkeStack.PhaseStyle]::Paint('Failed', $true, $null) | Should -BeExactly 'Failed (locked)'
        [TkeStack.PhaseStyle]::Paint('Failed', $ExecutionContext) | Should -BeExactly "`e[31mFailed`e[0m"
    }
}

Describe 'Exports carry data, not the session or the raw object' {
    It 'Export-Csv of workloads writes the images as text and no Session or ApiObject column' {
        $csv = Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web | ConvertTo-Csv | ConvertFrom-Csv
        $csv.Containers | Should -BeLike 'app=registry.example.com/shop/web:*, sidecar=envoyproxy/envoy:*'
        $csv.Kind | Should -Be 'Deployment'
        $csv.PSObject.Properties.Name | Should -Not -Contain 'Session'
        $csv.PSObject.Properties.Name | Should -Not -Contain 'ApiObject'
    }

    It 'Export-Csv of <Name> has no Session or ApiObject column' -ForEach @(
        @{ Name = 'clusters'; Read = { Get-TkeCluster cls-a1b2c3d4 } }
        @{ Name = 'namespaces'; Read = { Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Name shop } }
        @{ Name = 'projects'; Read = { Get-TkeProject prj-shop0001 } }
        @{ Name = 'image changes'; Read = { Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name api -Container api -Image registry.example.com/shop/api:2.4 -PassThru } }
    ) {
        $header = (& $Read | ConvertTo-Csv)[0]
        $header | Should -Not -Match '"Session"|"ApiObject"'
        $header | Should -Match '"Name"|"Image"'
    }

    It 'keeps Session binding by property name and ApiObject a property away' {
        $w = Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web
        [object]::ReferenceEquals($w.Session, $session) | Should -BeTrue
        $w.ApiObject.metadata.name | Should -Be 'web'
        ($w | Select-Object *, ApiObject).ApiObject.metadata.name | Should -Be 'web'
        [object]::ReferenceEquals(($w | Get-TkeWorkload web).Session, $session) | Should -BeTrue
    }

    It 'Select-Object * | ConvertTo-Json -EnumsAsStrings writes kinds as names, containers as objects, and neither session nor raw object' {
        $json = Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp cart | Select-Object * | ConvertTo-Json -EnumsAsStrings | ConvertFrom-Json
        $json.Kind | Should -Be 'TApp'
        $json.Containers[0].Image | Should -Be 'registry.example.com/shop/cart:62'
        $json.PSObject.Properties.Name | Should -Not -Contain 'Session'
        $json.PSObject.Properties.Name | Should -Not -Contain 'ApiObject'
    }
}

Describe 'List lines a reviewer reads' {
    It 'shows a TApp''s replicas without an empty "updated" (a TApp reports no such count)' {
        $PSStyle.OutputRendering = 'PlainText'
        $text = Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp cart | Format-List | Out-String -Width 120
        $text | Should -Match '(?m)^Replicas\s+: \d+/\d+ ready\s*$'
        $deployment = Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment api | Format-List | Out-String -Width 120
        $deployment | Should -Match '(?m)^Replicas\s+: \d+/\d+ ready, \d+ updated\s*$'
    }
}

Describe 'Every table at 80 and 120 columns' {
    # The columns that identify the object and say what changed come first and stay at 80 columns
    # (CI logs, redirected output); at 120 the rest are there too. No header is ever broken over lines.
    BeforeAll {
        $PSStyle.OutputRendering = 'PlainText'
        $cred = [pscredential]::new('root', (ConvertTo-SecureString 'x' -AsPlainText -Force))
        $script:seen = @{
            Session          = @(Get-TkeSession)
            Cluster          = @(Get-TkeCluster)
            Namespace        = @(Get-TkeNamespace -ClusterName cls-a1b2c3d4)
            Portal           = @(Get-TkeProject -Portal)
            Project          = @(Get-TkeProject)
            Quota            = @((Get-TkeProject prj-shop0001).Clusters)
            ProjectNamespace = @(Get-TkeProject prj-shop0001 | Get-TkeProjectNamespace)
            Workload         = @(Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp cart)
            ImageChange      = @(Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name api -Container api -Image registry.example.com/shop/api:2.9.9 -PassThru)
            Machine          = @(New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.77 -Credential $cred)
            Pod              = @(Get-TkePod -ClusterName cls-a1b2c3d4 -Namespace shop -Name 'db-*')
            Event            = @(Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name api | Get-TkeEvent)
            ReplicaChange    = @(Set-TkeWorkloadReplica -ClusterName cls-a1b2c3d4 -Namespace shop -Kind StatefulSet -Name db -Replicas 3 -PassThru)
            ConnectionStep   = @(Test-TkeConnection $sim.Url -Token $sim.AdminToken)
        }
        # An API key is made from a password at an open-source gateway only.
        $script:keyMaker = Start-TkeSimulator -Gateway open-source
        $seen.ApiKey = @(New-TkeApiKey -Uri $keyMaker.Url -Credential $keyMaker.AdminCredential -Description 'nightly ci job')
    }
    AfterAll {
        Get-TkeMachine -ClusterName cls-a1b2c3d4 | Where-Object IP -eq '10.0.0.77' | Remove-TkeMachine -Force
        Stop-TkeSimulator $script:keyMaker
    }

    It '<Type> at <Width> columns shows <Shows>' -ForEach @(
        @{ Type = 'Session'; Width = 80; Shows = 'Uri', 'User', 'Tenant', 'ExpiresAt', 'Dialect'; Values = { $_.User; $_.ExpiresAt.ToString('yyyy-MM-dd HH:mm'); "$($_.Dialect)" } }
        @{ Type = 'Session'; Width = 120; Shows = 'Uri', 'User', 'Tenant', 'ExpiresAt', 'Dialect', 'Platform', 'Business'; Values = { $_.Uri.ToString(); $_.PlatformPrefix; $_.BusinessPrefix } }
        @{ Type = 'Cluster'; Width = 80; Shows = 'Name', 'DisplayName', 'Phase', 'Version', 'Created'; Values = { $_.Name; $_.DisplayName; $_.CreationTimestamp.ToString('yyyy-MM-dd HH:mm') } }
        @{ Type = 'Cluster'; Width = 120; Shows = 'Name', 'DisplayName', 'Phase', 'Version', 'Created', 'Type', 'Tenant'; Values = { $_.Type; $_.TenantId } }
        @{ Type = 'Namespace'; Width = 80; Shows = 'Name', 'Phase', 'Created'; Values = { $_.Name } }
        @{ Type = 'Portal'; Width = 80; Shows = 'User', 'Administrator', 'Projects'; Values = { $_.User } }
        @{ Type = 'Project'; Width = 80; Shows = 'Name', 'DisplayName', 'Phase', 'Created', 'Members'; Values = { $_.Name; $_.DisplayName } }
        @{ Type = 'Project'; Width = 120; Shows = 'Name', 'DisplayName', 'Phase', 'Created', 'Members', 'Clusters'; Values = { $_.Clusters.ClusterName -join ', ' } }
        @{ Type = 'Quota'; Width = 80; Shows = 'ClusterName', 'Used/Hard'; Values = { $_.ClusterName } }
        @{ Type = 'ProjectNamespace'; Width = 80; Shows = 'Name', 'Phase', 'ClusterName', 'Namespace', 'Used/Hard'; Values = { $_.Name; $_.Phase } }
        @{ Type = 'ProjectNamespace'; Width = 120; Shows = 'Name', 'Phase', 'ClusterName', 'Namespace', 'Used/Hard', 'Cluster'; Values = { $_.Quota -replace 'requests\.', ''; $_.ClusterDisplayName } }
        @{ Type = 'Workload'; Width = 80; Shows = 'Name', 'Kind', 'Namespace', 'Ready', 'Updated', 'Status', 'Containers'; Values = { $_.Name; $_.Status } }
        @{ Type = 'Workload'; Width = 120; Shows = 'Name', 'Kind', 'Namespace', 'Ready', 'Updated', 'Status', 'Containers'; Values = { $_.Containers | ForEach-Object ToString } }
        @{ Type = 'ImageChange'; Width = 80; Shows = 'Namespace', 'Name', 'Container', 'Image', 'PreviousImage'; Values = { $_.Name; $_.Image } }
        @{ Type = 'ImageChange'; Width = 120; Shows = 'Namespace', 'Name', 'Container', 'Image', 'PreviousImage', 'Kind'; Values = { $_.Image; $_.PreviousImage; "$($_.Kind)" } }
        @{ Type = 'Machine'; Width = 80; Shows = 'Name', 'IP', 'Phase', 'Step', 'ClusterName'; Values = { $_.Name; $_.IP; $_.ClusterName } }
        @{ Type = 'Machine'; Width = 120; Shows = 'Name', 'IP', 'Phase', 'Step', 'ClusterName', 'Port', 'Created'; Values = { $_.CreationTimestamp.ToString('yyyy-MM-dd HH:mm') } }
        @{ Type = 'Pod'; Width = 80; Shows = 'Name', 'Ready', 'Status', 'Restarts', 'Node', 'Images'; Values = { $_.Name; $_.Ready; $_.Status } }
        @{ Type = 'Pod'; Width = 120; Shows = 'Name', 'Ready', 'Status', 'Restarts', 'Node', 'Images'; Values = { $_.Images } }
        @{ Type = 'Event'; Width = 80; Shows = 'LastSeen', 'Type', 'Reason', 'Object', 'Message'; Values = { $_.Reason; $_.Object } }
        @{ Type = 'Event'; Width = 120; Shows = 'LastSeen', 'Type', 'Reason', 'Object', 'Message'; Values = { $_.Message } }
        @{ Type = 'ReplicaChange'; Width = 80; Shows = 'Kind', 'Namespace', 'Name', 'Previous', 'Replicas'; Values = { $_.Name; "$($_.PreviousReplicas)"; "$($_.Replicas)" } }
        @{ Type = 'ReplicaChange'; Width = 120; Shows = 'Kind', 'Namespace', 'Name', 'Previous', 'Replicas'; Values = { "$($_.Kind)" } }
        @{ Type = 'ApiKey'; Width = 80; Shows = 'Name', 'User', 'Tenant', 'ExpiresAt', 'Description'; Values = { $_.Name; $_.User; $_.ExpiresAt.ToString('yyyy-MM-dd HH:mm'); $_.Description } }
        @{ Type = 'ApiKey'; Width = 120; Shows = 'Name', 'User', 'Tenant', 'ExpiresAt', 'Description'; Values = { $_.Tenant } }
        @{ Type = 'ConnectionStep'; Width = 80; Shows = 'Check', 'Result', 'Finding'; Values = { $_.Result } }
        @{ Type = 'ConnectionStep'; Width = 120; Shows = 'Check', 'Result', 'Finding'; Values = { $_.Result; ($_.Finding -split ' ')[0] } }
    ) {
        $objects = $seen[$Type]
        $objects.Count | Should -BeGreaterThan 0
        $text = $objects | Format-Table | Out-String -Width $Width
        $lines = $text -split '\r?\n'
        foreach ($l in $lines) { $l.TrimEnd().Length | Should -BeLessOrEqual $Width -Because "'$l' is wider than $Width" }
        # The header line: each label whole, on one line, in this order.
        $header = $lines | Where-Object { $_ -match "^$([regex]::Escape($Shows[0]))\s" } | Select-Object -First 1
        $header | Should -Not -BeNullOrEmpty -Because "the table starts with $($Shows[0])`n$text"
        ($header -split '\s+' | Where-Object { $_ }) | Select-Object -First $Shows.Count | Should -Be $Shows
        foreach ($o in $objects) {
            foreach ($v in @($o | ForEach-Object $Values)) { $text | Should -Match ([regex]::Escape($v)) -Because "$Type at $Width shows $v`n$text" }
        }
    }
}
