<#
.SYNOPSIS
    A tour of the TkeStack module, as an operator would take it. build.ps1 -Task Demo runs it
    against the simulator; give -Uri and -Token to run it against a real console.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [uri] $Uri,
    [Parameter(Mandatory)] [securestring] $Token
)
$ErrorActionPreference = 'Stop'

function Show-Step([string] $Title, [string] $Command) {
    Write-Host ''
    Write-Host "== $Title" -ForegroundColor Cyan
    Write-Host "PS> $Command" -ForegroundColor DarkGray
}

Show-Step 'Connect with an API key (访问凭证); the key is checked with one call and never shown' 'Connect-Tke -Uri $Uri -Token $Token'
Connect-Tke -Uri $Uri -Token $Token | Format-Table | Out-Host

Show-Step 'Guide 1.2: the clusters' 'Get-TkeCluster'
Get-TkeCluster | Format-Table | Out-Host

Show-Step 'Wildcards filter the list' "Get-TkeCluster -Name 'cls-a*'"
Get-TkeCluster -Name 'cls-a*' | Format-Table | Out-Host

Show-Step 'Guide 1.3: namespaces of a cluster, from the pipeline' "Get-TkeCluster cls-a1b2c3d4, cls-e5f6g7h8 | Get-TkeNamespace"
Get-TkeCluster cls-a1b2c3d4, cls-e5f6g7h8 | Get-TkeNamespace | Format-Table | Out-Host

Show-Step 'A missing cluster is a clear, non-terminating ObjectNotFound error' "Get-TkeCluster cls-nothere1 -ErrorAction SilentlyContinue -ErrorVariable err; `$err[0].CategoryInfo.Category"
Get-TkeCluster cls-nothere1 -ErrorAction SilentlyContinue -ErrorVariable err
Write-Host "$($err[0].CategoryInfo.Category): $($err[0].Exception.Message)"

Show-Step 'Tab completion knows the platform: the namespaces of the cluster already typed' 'Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Name <Tab>'
$line = 'Get-TkeNamespace -ClusterName cls-a1b2c3d4 -Name '
Write-Host ((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText -join '   ')

Show-Step 'The session: what the key says of itself, never the key' 'Get-TkeSession | Format-List'
Get-TkeSession | Format-List | Out-Host

Disconnect-Tke
