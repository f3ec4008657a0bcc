# The simulator run as a program (tkesim, or dotnet TkeStack.Simulator.dll): it stops cleanly on
# SIGTERM (docker stop, systemd, kill) and on Ctrl+C (SIGINT), as a console app should.
BeforeDiscovery {
    $script:posix = -not $IsWindows
}
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
}

Describe 'The simulator process' {
    It 'exits with code 0 within a few seconds of <Signal>' -ForEach @(
        @{ Signal = 'TERM' }
        @{ Signal = 'INT' }
    ) -Skip:(-not $posix) {
        $sim = Start-TkeSimulator
        try {
            # Serving first, so the signal reaches a running host, not one still starting.
            (Invoke-RestMethod "$($sim.Url)/_sim/info").url | Should -Be $sim.Url
            & kill "-$Signal" $sim.Process.Id
            $LASTEXITCODE | Should -Be 0
            $exited = $sim.Process.WaitForExit(5000)
            $exited | Should -BeTrue -Because "the simulator must stop on SIG$Signal"
            $sim.Process.ExitCode | Should -Be 0
            { Invoke-RestMethod "$($sim.Url)/_sim/info" -TimeoutSec 2 } | Should -Throw
        }
        finally { Stop-TkeSimulator $sim }
    }

    It 'prints its usage and exits 0 on <Arg>, and names --help for an unknown option' -ForEach @(
        @{ Arg = '--help' }
        @{ Arg = '-h' }
    ) {
        $out = & dotnet $env:TKESIM_DLL $Arg 2>&1
        $LASTEXITCODE | Should -Be 0
        ($out -join "`n") | Should -Match 'Usage: tkesim \[--port N\]'
        ($out -join "`n") | Should -Not -Match 'unknown option'
        $bad = & dotnet $env:TKESIM_DLL --nope 2>&1
        $LASTEXITCODE | Should -Be 2
        ($bad -join "`n") | Should -Match 'unknown option --nope.*--help'
    }
}
