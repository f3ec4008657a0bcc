# The help examples of the workload and pod cmdlets, run as written against the simulator: each
# example's code, from docs/<Cmdlet>.md, without an error (a followed log is read until its third
# line, as Select-Object -First stops it; a change is made without a prompt).
BeforeDiscovery {
    $script:examples = foreach ($name in 'Get-TkeWorkload', 'Get-TkePod', 'Get-TkePodLog', 'Get-TkeEvent', 'Set-TkeWorkloadReplica',
        'Restart-TkeWorkload', 'Wait-TkeWorkload', 'Invoke-TkeRequest') {
        $doc = Get-Content (Join-Path $PSScriptRoot "../docs/$name.md") -Raw
        $section = [regex]::Match($doc, '(?s)## EXAMPLES(.*?)\n## PARAMETERS').Groups[1].Value
        foreach ($m in [regex]::Matches($section, '(?s)### (Example \d+[^\n]*)\n```powershell\r?\n(.*?)```')) {
            @{ Cmdlet = $name; Title = $m.Groups[1].Value.Trim(); Code = $m.Groups[2].Value }
        }
    }
}
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:sim = Start-TkeSimulator
}
AfterAll {
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
}

Describe '<Cmdlet>: <Title>' -ForEach $examples {
    BeforeAll {
        Reset-Simulator $sim
        $null = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
    }

    It 'runs as written' {
        $ErrorActionPreference = 'Stop'
        $ConfirmPreference = 'None'
        $block = [scriptblock]::Create($Code)
        if ($Code -match '-Follow') { $out = @(& $block | Select-Object -First 3); $out.Count | Should -Be 3 }
        else { $null = & $block }
    }
}
