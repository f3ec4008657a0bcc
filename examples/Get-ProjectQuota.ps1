<#
.SYNOPSIS
    Lists the quotas of projects (业务): for each project and cluster, each resource's hard limit,
    what is used, and the percentage used.
.DESCRIPTION
    Reads the projects with Get-TkeProject (guide 4.1: an administrator sees every project, anyone
    else the projects they are in) and writes one object per project, cluster and resource, so the
    answer sorts, filters, groups and exports like any other PowerShell output.
.PARAMETER Name
    Project ids (prj-xxxxxxxx); wildcards filter. Every project when not given.
.PARAMETER Session
    The session to use; the one of the last Connect-Tke when not given.
.OUTPUTS
    TkeStack.Example.ProjectQuota: Project, DisplayName, ClusterName, Resource, Hard, Used, PercentUsed.
.EXAMPLE
    ./Get-ProjectQuota.ps1 | Format-Table

    Every project's quota per cluster and resource.
.EXAMPLE
    ./Get-ProjectQuota.ps1 -Name prj-shop* | Where-Object PercentUsed -gt 80 | Export-Csv quota.csv

    The resources of the shop projects that are more than 80% used, to a file.
#>
[CmdletBinding()]
[OutputType('TkeStack.Example.ProjectQuota')]
param(
    [Parameter(Position = 0, ValueFromPipelineByPropertyName)] [SupportsWildcards()] [string[]] $Name,
    [TkeStack.TkeSession] $Session
)
begin {
    $on = @{}
    if ($Session) { $on.Session = $Session }

    # A Kubernetes quantity (4, 1500m, 8Gi, 512Mi, 1e3) as a number, or $null when it is not one.
    function ConvertFrom-Quantity([string] $Text) {
        if ($Text -notmatch '^([0-9.]+(?:[eE][-+]?[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$') { return $null }
        $factor = switch -CaseSensitive ([string]$Matches[2]) {
            'm' { 0.001 } 'k' { 1e3 } 'M' { 1e6 } 'G' { 1e9 } 'T' { 1e12 } 'P' { 1e15 } 'E' { 1e18 }
            'Ki' { 1024.0 } 'Mi' { [math]::Pow(1024, 2) } 'Gi' { [math]::Pow(1024, 3) } 'Ti' { [math]::Pow(1024, 4) }
            'Pi' { [math]::Pow(1024, 5) } 'Ei' { [math]::Pow(1024, 6) } default { 1.0 }
        }
        [double]::Parse($Matches[1], [cultureinfo]::InvariantCulture) * $factor
    }
}
process {
    $projects = if ($Name) { Get-TkeProject @on -Name $Name } else { Get-TkeProject @on }
    foreach ($p in $projects) {
        foreach ($c in $p.Clusters) {
            $resources = @($c.Hard.Keys) + @($c.Used.Keys) | Sort-Object -Unique
            foreach ($r in $resources) {
                $hard = $c.Hard[$r]
                $used = $c.Used[$r]
                $h = ConvertFrom-Quantity $hard
                $u = if ($used) { ConvertFrom-Quantity $used } else { 0 }
                [pscustomobject]@{
                    PSTypeName  = 'TkeStack.Example.ProjectQuota'
                    Project     = $p.Name
                    DisplayName = $p.DisplayName
                    ClusterName = $c.ClusterName
                    Resource    = $r
                    Hard        = $hard
                    Used        = $used
                    PercentUsed = if ($h -and $null -ne $u) { [math]::Round(100 * $u / $h, 1) } else { $null }
                }
            }
        }
    }
}
