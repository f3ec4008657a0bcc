<#
.SYNOPSIS
    A tour of the TkeStack module, as an operator would take it. build.ps1 -Task Demo runs it
    against the simulator; give -Uri and -Token to run it against a real console, and
    -OpenSourceUri with -OpenSourceCredential for the part on an open-source TKEStack.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [uri] $Uri,
    [Parameter(Mandatory)] [securestring] $Token,
    # An open-source TKEStack's console (its gateway), and a console user name and password there.
    [uri] $OpenSourceUri,
    [pscredential] $OpenSourceCredential
)
$ErrorActionPreference = 'Stop'

function Show-Step([string] $Title, [string] $Command) {
    Write-Host ''
    Write-Host "== $Title" -ForegroundColor Cyan
    Write-Host "PS> $Command" -ForegroundColor DarkGray
}

Show-Step 'Not sure what answers at an address? Test-TkeConnection probes it step by step and prints the command that works' 'Test-TkeConnection $Uri -Token $Token'
Test-TkeConnection $Uri -Token $Token | Format-Table | Out-Host

Show-Step 'Connect with an API key (访问凭证); the key is checked with one call and never shown' 'Connect-Tke -Uri $Uri -Token $Token'
Connect-Tke -Uri $Uri -Token $Token | Format-Table | Out-Host

Show-Step 'Guide 1.2: the clusters' 'Get-TkeCluster'
Get-TkeCluster | Format-Table | Out-Host

Show-Step 'Wildcards filter the list' "Get-TkeCluster -Name 'cls-a*'"
Get-TkeCluster -Name 'cls-a*' | Format-Table | Out-Host

Show-Step 'Guide 1.3: namespaces of a cluster, from the pipeline' "Get-TkeCluster cls-a1b2c3d4, cls-e5f6g7h8 | Get-TkeNamespace"
Get-TkeCluster cls-a1b2c3d4, cls-e5f6g7h8 | Get-TkeNamespace | Format-Table | Out-Host

Show-Step 'Guide 2.1: the workloads of a namespace, from Get-TkeNamespace' "Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Name shop | Get-TkeWorkload -Kind Deployment"
Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Name shop | Get-TkeWorkload -Kind Deployment | Format-Table | Out-Host

Show-Step 'Change an image: -WhatIf first says the old and the new image and sends nothing' "Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web -Container app -Image registry.example.com/shop/web:1.1 -WhatIf"
Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web -Container app -Image registry.example.com/shop/web:1.1 -WhatIf

Show-Step 'Then for real, waiting for the rollout; -PassThru keeps the previous image for a rollback' "`$change = Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web | Set-TkeWorkloadImage -Container app -Image registry.example.com/shop/web:1.1 -Wait -PassThru"
$change = Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web |
    Set-TkeWorkloadImage -Container app -Image registry.example.com/shop/web:1.1 -Wait -PassThru
$change | Format-Table | Out-Host

Show-Step 'Guide 2.2 and 2.3: a TApp with two containers; both go back whole, only one image changes' "Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp -Name cart -Container sidecar -Image envoyproxy/envoy:v1.29.0 -Wait -PassThru"
Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp cart | Format-Table | Out-Host
Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp -Name cart -Container sidecar -Image envoyproxy/envoy:v1.29.0 -Wait -PassThru | Format-Table | Out-Host
Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind TApp cart | Format-Table | Out-Host

Show-Step 'A broken image fails fast, naming the pod, its reason and the latest events; roll back in one line' "Set-TkeWorkloadImage ... -Image nginx:does-not-exist -Wait -ErrorAction SilentlyContinue -ErrorVariable err; `$err[0].TargetObject | Set-TkeWorkloadImage -Image `$err[0].TargetObject.PreviousImage"
Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name api -Container api -Image nginx:does-not-exist -Wait -ErrorAction SilentlyContinue -ErrorVariable err
Write-Host "$($err[0].FullyQualifiedErrorId): $($err[0].Exception.Message)"
$err[0].TargetObject | Set-TkeWorkloadImage -Image $err[0].TargetObject.PreviousImage -PassThru | Format-Table | Out-Host

Show-Step 'The next minute: which pod is stuck, what happened, what its log says' "`$w = Get-TkeWorkload ... -Name web; `$w | Get-TkePod; `$w | Get-TkeEvent -Type Warning; Get-TkePodLog ... db-0 -Tail 3"
Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web -Container app -Image registry.example.com/shop/web:missing
$w = Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web
$w | Get-TkePod | Format-Table | Out-Host
$w | Get-TkeEvent -Type Warning | Select-Object -Last 3 | Format-Table | Out-Host
Get-TkePodLog -ClusterName cls-a1b2c3d4 -Namespace shop db-0 -Tail 3 | Out-Host
& (Join-Path $PSScriptRoot 'Find-StuckRollout.ps1') -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web | Format-List | Out-Host
Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web -Container app -Image registry.example.com/shop/web:1.1 -PassThru | Wait-TkeWorkload -TimeoutSec 120 | Format-Table | Out-Host

Show-Step 'Scale, restart, and any other API call' "Set-TkeWorkloadReplica ... -Replicas 1 -PassThru; Restart-TkeWorkload ... -Wait; Invoke-TkeRequest /api/v1/namespaces/shop/pods -ClusterName cls-a1b2c3d4 -All"
Set-TkeWorkloadReplica -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name api -Replicas 1 -Wait -PassThru | Format-Table | Out-Host
Restart-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name api -Wait -PassThru -Confirm:$false | Format-Table | Out-Host
Write-Host "Pods of shop, read with Invoke-TkeRequest: $(@(Invoke-TkeRequest /api/v1/namespaces/shop/pods -ClusterName cls-a1b2c3d4 -All).Count)"

Show-Step 'An OnDelete StatefulSet: -Wait warns what is left to do and names the command that does it' "Set-TkeWorkloadImage ... -Name cache -Container redis -Image redis:7.4 -Wait; Complete-TkeWorkloadRollout ... -Name cache -Force -PassThru"
Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind StatefulSet -Name cache -Container redis -Image redis:7.4 -Wait | Out-Null
Complete-TkeWorkloadRollout -ClusterName cls-a1b2c3d4 -Namespace shop -Kind StatefulSet -Name cache -Force -PassThru | Format-Table | Out-Host

Show-Step 'A missing cluster is a clear, non-terminating ObjectNotFound error' "Get-TkeCluster cls-nothere1 -ErrorAction SilentlyContinue -ErrorVariable err; `$err[0].CategoryInfo.Category"
Get-TkeCluster cls-nothere1 -ErrorAction SilentlyContinue -ErrorVariable err
Write-Host "$($err[0].CategoryInfo.Category): $($err[0].Exception.Message)"

Show-Step 'Guide 4.1: am I an administrator, and which projects (业务) am I in?' 'Get-TkeProject -Portal | Format-List User, Administrator, Projects'
Get-TkeProject -Portal | Format-List User, Administrator, Projects | Out-Host

Show-Step 'The projects (an administrator sees them all), and one project''s quota per cluster' 'Get-TkeProject; (Get-TkeProject prj-shop0001).Clusters'
Get-TkeProject | Format-Table | Out-Host
(Get-TkeProject prj-shop0001).Clusters | Format-Table | Out-Host

Show-Step 'Guide 4.2: from projects to their namespaces, and on into the clusters' 'Get-TkeProject prj-shop0001 | Get-TkeProjectNamespace | Get-TkeNamespace -Name shop'
Get-TkeProject prj-shop0001 | Get-TkeProjectNamespace | Format-Table | Out-Host
Get-TkeProject prj-shop0001 | Get-TkeProjectNamespace | Get-TkeNamespace -Name shop | Format-Table | Out-Host

Show-Step 'Tab completion knows the platform: the namespaces of the cluster already typed' 'Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Name <Tab>'
$line = 'Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Name '
Write-Host ((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText -join '   ')

Show-Step 'It completes what comes next from what is typed: the containers of that workload, with their images' 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web -Container <Tab>'
$line = 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment -Name web -Container '
(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { Write-Host "$($_.CompletionText)   ($($_.ToolTip))" }

Show-Step 'A runbook from examples/: every project''s quota per cluster and resource, as objects' "& examples/Get-ProjectQuota.ps1 | Where-Object PercentUsed -ge 50"
& (Join-Path $PSScriptRoot 'Get-ProjectQuota.ps1') | Where-Object PercentUsed -ge 50 | Format-Table | Out-Host

Show-Step 'Guide 3.1: add two nodes; -Wait shows each install step (N of M) until the nodes have joined' "'10.0.0.21', '10.0.0.22' | New-TkeMachine -ClusterName cls-a1b2c3d4 -Credential `$cred -Wait"
# The simulator takes any root password for these IPs; against a real console, use the node's.
$cred = [pscredential]::new('root', (ConvertTo-SecureString 'demo-password' -AsPlainText -Force))
'10.0.0.21', '10.0.0.22' | New-TkeMachine -ClusterName cls-a1b2c3d4 -Credential $cred -Wait -TimeoutSec 120 | Format-Table | Out-Host

Show-Step 'Guide 3.2: the machines of a cluster; the password TKEStack answers is masked' "Get-TkeMachine -ClusterName cls-a1b2c3d4; (Get-TkeMachine -ClusterName cls-a1b2c3d4)[0].ApiObject.spec.password"
Get-TkeMachine -ClusterName cls-a1b2c3d4 | Format-Table | Out-Host
Write-Host "spec.password: $((Get-TkeMachine -ClusterName cls-a1b2c3d4)[0].ApiObject.spec.password)"

Show-Step 'A second run of the same runbook does not add a node twice' "New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.21 -Credential `$cred"
New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.21 -Credential $cred -ErrorAction SilentlyContinue -ErrorVariable err
Write-Host "$($err[0].CategoryInfo.Category): $($err[0].Exception.Message)"

Show-Step 'A node whose install fails: -Wait stops at once, naming the step (the simulator fails 10.0.0.251 at EnsureKubelet)' "New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.251 -Credential `$cred -Wait"
New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.251 -Credential $cred -Wait -TimeoutSec 120 -ErrorAction SilentlyContinue -ErrorVariable err
Write-Host "$($err[0].FullyQualifiedErrorId): $($err[0].Exception.Message)"
Write-Host "Recommendation: $($err[0].ErrorDetails.RecommendedAction)"

Show-Step 'Guide 3.3: remove the nodes from the pipeline, waiting until TKEStack has removed them' "Get-TkeMachine -ClusterName cls-a1b2c3d4 | Remove-TkeMachine -Force -Wait"
Get-TkeMachine -ClusterName cls-a1b2c3d4 | Remove-TkeMachine -Force -Wait -TimeoutSec 120
Write-Host "Machines left in cls-a1b2c3d4: $(@(Get-TkeMachine -ClusterName cls-a1b2c3d4).Count)"

Show-Step 'The session: what the key says of itself, never the key' 'Get-TkeSession | Format-List'
Get-TkeSession | Format-List | Out-Host

Show-Step 'The sessions of this runspace, and switching the default back to the first' 'Get-TkeSession -ListAvailable | Select-Object -First 1 | Set-TkeSession'
Get-TkeSession -ListAvailable | Format-Table | Out-Host
Get-TkeSession -ListAvailable | Select-Object -First 1 | Set-TkeSession

if ($OpenSourceUri -and $OpenSourceCredential) {
    Show-Step 'An open-source TKEStack: make an API key from a user name and password, without the console' "`$made = New-TkeApiKey -Uri `$OpenSourceUri -Credential `$OpenSourceCredential -Expire (New-TimeSpan -Days 2) -Description demo"
    $made = New-TkeApiKey -Uri $OpenSourceUri -Credential $OpenSourceCredential -Expire (New-TimeSpan -Days 2) -Description demo
    $made | Format-Table | Out-Host

    Show-Step 'What answers there, step by step, and the command that works' 'Test-TkeConnection $OpenSourceUri -Token $made.Key'
    Test-TkeConnection $OpenSourceUri -Token $made.Key | Format-Table | Out-Host

    Show-Step 'Connect-Tke finds the gateway''s dialect by itself: the key goes in its cookie, no /platform prefix' '$os = Connect-Tke -Uri $OpenSourceUri -Token $made.Key; Get-TkeCluster -Session $os'
    $os = Connect-Tke -Uri $OpenSourceUri -Token $made.Key
    $os | Format-Table | Out-Host
    Get-TkeCluster -Session $os | Format-Table | Out-Host

    Show-Step 'Its business API (业务) takes no API key, and the error says what to do' 'Get-TkeProject -Session $os'
    Get-TkeProject -Session $os -ErrorAction SilentlyContinue -ErrorVariable err
    Write-Host "$($err[0].FullyQualifiedErrorId): $($err[0].Exception.Message)"
    Write-Host "Recommendation: $($err[0].ErrorDetails.RecommendedAction)"

    Show-Step 'Log in as the console does: projects too, the login renewed before it lapses' '$login = Connect-Tke -Uri $OpenSourceUri -Credential $OpenSourceCredential; Get-TkeProject -Session $login'
    $login = Connect-Tke -Uri $OpenSourceUri -Credential $OpenSourceCredential
    $login | Format-List Uri, User, Dialect, CredentialKind, ExpiresAt | Out-Host
    Get-TkeProject -Session $login | Format-Table | Out-Host
    Disconnect-Tke -Session $os
    Disconnect-Tke -Session $login
}

Disconnect-Tke
