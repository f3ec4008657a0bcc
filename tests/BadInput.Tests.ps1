# Bad input to the workload, machine and project cmdlets, and bad wildcard patterns to every Get
# cmdlet: each refused before any request (the simulator sees nothing), with the right category, a
# stable FullyQualifiedErrorId and the bad value as TargetObject. Then input that names something
# already there in another spelling (an IPv4-mapped IPv6 address). Connect-Tke, Get-TkeCluster and
# Get-TkeNamespace have their bad-input tables in Reliability.Tests.ps1.
BeforeDiscovery {
    $G = 'TkeStack.Commands.'
    # Scripts are strings so they bind to the test's scope ($cred, ...) when they run.
    $script:badInput = @(
        # Get-TkeWorkload
        @{ Name = 'Get-TkeWorkload: an empty cluster id'; Script = 'Get-TkeWorkload -ClusterName "" -Namespace shop -Kind Deployment'; Id = "ParameterArgumentValidationError,${G}GetTkeWorkloadCommand"; Category = 'InvalidData' }
        @{ Name = 'Get-TkeWorkload: an upper-case cluster id'; Script = 'Get-TkeWorkload -ClusterName CLS-A1B2C3D4 -Namespace shop -Kind Deployment'; Id = "TkeInvalidName,${G}GetTkeWorkloadCommand"; Category = 'InvalidArgument'; Target = 'CLS-A1B2C3D4' }
        @{ Name = 'Get-TkeWorkload: a display name for the cluster'; Script = 'Get-TkeWorkload -ClusterName prod-beijing/x -Namespace shop -Kind Deployment'; Id = "TkeInvalidName,${G}GetTkeWorkloadCommand"; Category = 'InvalidArgument'; Target = 'prod-beijing/x' }
        @{ Name = 'Get-TkeWorkload: a namespace with a dot'; Script = 'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace sh.op -Kind Deployment'; Id = "TkeInvalidName,${G}GetTkeWorkloadCommand"; Category = 'InvalidArgument'; Target = 'sh.op' }
        @{ Name = 'Get-TkeWorkload: a namespace of 64 characters'; Script = 'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace ("n" * 64) -Kind Deployment'; Id = "TkeInvalidName,${G}GetTkeWorkloadCommand"; Category = 'InvalidArgument'; Target = ('n' * 64) }
        @{ Name = 'Get-TkeWorkload: an empty namespace'; Script = 'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace "" -Kind Deployment'; Id = "ParameterArgumentValidationError,${G}GetTkeWorkloadCommand"; Category = 'InvalidData' }
        @{ Name = 'Get-TkeWorkload: a name with an underscore'; Script = 'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web_1'; Id = "TkeInvalidName,${G}GetTkeWorkloadCommand"; Category = 'InvalidArgument'; Target = 'web_1' }
        @{ Name = 'Get-TkeWorkload: an upper-case name'; Script = 'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment Web'; Id = "TkeInvalidName,${G}GetTkeWorkloadCommand"; Category = 'InvalidArgument'; Target = 'Web' }
        @{ Name = 'Get-TkeWorkload: a name that climbs a path'; Script = 'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment ../../secrets'; Id = "TkeInvalidName,${G}GetTkeWorkloadCommand"; Category = 'InvalidArgument'; Target = '../../secrets' }
        @{ Name = 'Get-TkeWorkload: an empty name'; Script = 'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment ""'; Id = "ParameterArgumentValidationError,${G}GetTkeWorkloadCommand"; Category = 'InvalidData' }
        @{ Name = 'Get-TkeWorkload: a kind that is not a workload'; Script = 'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Pod'; Id = "TkeInvalidKind,${G}GetTkeWorkloadCommand"; Category = 'InvalidArgument'; Target = 'Pod' }
        @{ Name = 'Get-TkeWorkload: $null from the pipeline'; Script = '$null | Get-TkeWorkload'; Id = "InputObjectNotBound,${G}GetTkeWorkloadCommand"; Category = 'InvalidArgument' }
        @{ Name = 'Get-TkeWorkload: a bad Namespace from the pipeline'; Script = '[pscustomobject]@{ ClusterName = "cls-a1b2c3d4"; Namespace = "Shop"; Kind = "Deployment" } | Get-TkeWorkload'; Id = "TkeInvalidName,${G}GetTkeWorkloadCommand"; Category = 'InvalidArgument'; Target = 'Shop' }
        @{ Name = 'Get-TkeWorkload: a bad Kind from the pipeline'; Script = '[pscustomobject]@{ ClusterName = "cls-a1b2c3d4"; Namespace = "shop"; Kind = "CronJob" } | Get-TkeWorkload'; Id = "TkeInvalidKind,${G}GetTkeWorkloadCommand"; Category = 'InvalidArgument'; Target = 'CronJob' }
        @{ Name = 'Get-TkeWorkload: no session'; Script = 'Disconnect-Tke; Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment'; Id = "TkeNotConnected,${G}GetTkeWorkloadCommand"; Category = 'InvalidOperation' }
        # Set-TkeWorkloadImage
        @{ Name = 'Set-TkeWorkloadImage: an image with a space'; Script = 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web -Container app -Image "nginx latest"'; Id = "TkeInvalidImage,${G}SetTkeWorkloadImageCommand"; Category = 'InvalidArgument'; Target = 'nginx latest' }
        @{ Name = 'Set-TkeWorkloadImage: an upper-case image'; Script = 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web -Container app -Image NGINX:1.25'; Id = "TkeInvalidImage,${G}SetTkeWorkloadImageCommand"; Category = 'InvalidArgument'; Target = 'NGINX:1.25' }
        @{ Name = 'Set-TkeWorkloadImage: an image with an empty tag'; Script = 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web -Container app -Image "nginx:"'; Id = "TkeInvalidImage,${G}SetTkeWorkloadImageCommand"; Category = 'InvalidArgument'; Target = 'nginx:' }
        @{ Name = 'Set-TkeWorkloadImage: a digest that is not one'; Script = 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web -Container app -Image "nginx@sha256:xyz"'; Id = "TkeInvalidImage,${G}SetTkeWorkloadImageCommand"; Category = 'InvalidArgument'; Target = 'nginx@sha256:xyz' }
        @{ Name = 'Set-TkeWorkloadImage: an empty image'; Script = 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web -Container app -Image ""'; Id = "ParameterArgumentValidationError,${G}SetTkeWorkloadImageCommand"; Category = 'InvalidData' }
        @{ Name = 'Set-TkeWorkloadImage: a kind that is not a workload'; Script = 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Job web -Container app -Image nginx:1.25'; Id = "CannotConvertArgumentNoMessage,${G}SetTkeWorkloadImageCommand"; Category = 'InvalidArgument' }
        @{ Name = 'Set-TkeWorkloadImage: an empty container'; Script = 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web -Container "" -Image nginx:1.25'; Id = "ParameterArgumentValidationError,${G}SetTkeWorkloadImageCommand"; Category = 'InvalidData' }
        @{ Name = 'Set-TkeWorkloadImage: $null from the pipeline'; Script = '$null | Set-TkeWorkloadImage -Image nginx:1.25'; Id = "InputObjectMissingMandatory,${G}SetTkeWorkloadImageCommand"; Category = 'InvalidArgument' }
        @{ Name = 'Set-TkeWorkloadImage: no session'; Script = 'Disconnect-Tke; Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web -Container app -Image nginx:1.25'; Id = "TkeNotConnected,${G}SetTkeWorkloadImageCommand"; Category = 'InvalidOperation' }
        # New-TkeMachine
        @{ Name = 'New-TkeMachine: an IP with three parts'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0 -Credential $cred'; Id = "TkeInvalidIP,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = '10.0.0' }
        @{ Name = 'New-TkeMachine: an IP past 255'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.256 -Credential $cred'; Id = "TkeInvalidIP,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = '10.0.0.256' }
        @{ Name = 'New-TkeMachine: an IP with a leading zero'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 010.0.0.1 -Credential $cred'; Id = "TkeInvalidIP,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = '010.0.0.1' }
        @{ Name = 'New-TkeMachine: an IP as one number'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 167772161 -Credential $cred'; Id = "TkeInvalidIP,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = '167772161' }
        @{ Name = 'New-TkeMachine: an IPv6 address with a zone'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP "fe80::1%eth0" -Credential $cred'; Id = "TkeInvalidIP,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = 'fe80::1%eth0' }
        @{ Name = 'New-TkeMachine: a host name instead of an IP'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP node1.example.com -Credential $cred'; Id = "TkeInvalidIP,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = 'node1.example.com' }
        @{ Name = 'New-TkeMachine: an empty IP'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP "" -Credential $cred'; Id = "ParameterArgumentValidationError,${G}NewTkeMachineCommand"; Category = 'InvalidData' }
        @{ Name = 'New-TkeMachine: port 0'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.9 -Port 0 -Credential $cred'; Id = "TkeInvalidPort,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = '0' }
        @{ Name = 'New-TkeMachine: port 65536'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.9 -Port 65536 -Credential $cred'; Id = "TkeInvalidPort,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = '65536' }
        @{ Name = 'New-TkeMachine: a port that is not a number'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.9 -Port ssh -Credential $cred'; Id = "TkeInvalidPort,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = 'ssh' }
        @{ Name = 'New-TkeMachine: a CSV row whose port is not a number'; Script = '[pscustomobject]@{ IP = "10.0.0.9"; Port = "2222x" } | New-TkeMachine -ClusterName cls-a1b2c3d4 -Credential $cred'; Id = "TkeInvalidPort,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = '2222x' }
        @{ Name = 'New-TkeMachine: a credential with an empty password'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.9 -Credential ([pscredential]::new("root", [securestring]::new()))'; Id = "TkeInvalidCredential,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = '10.0.0.9' }
        @{ Name = 'New-TkeMachine: an empty cluster id'; Script = 'New-TkeMachine -ClusterName "" -IP 10.0.0.9 -Credential $cred'; Id = "ParameterArgumentValidationError,${G}NewTkeMachineCommand"; Category = 'InvalidData' }
        @{ Name = 'New-TkeMachine: $null from the pipeline'; Script = '$null | New-TkeMachine -ClusterName cls-a1b2c3d4 -Credential $cred'; Id = "ParameterArgumentValidationError,${G}NewTkeMachineCommand"; Category = 'InvalidData' }
        @{ Name = 'New-TkeMachine: a bad IP from the pipeline'; Script = '"10.0.0.1/24" | New-TkeMachine -ClusterName cls-a1b2c3d4 -Credential $cred'; Id = "TkeInvalidIP,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = '10.0.0.1/24' }
        @{ Name = 'New-TkeMachine: a loopback address'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 127.0.0.1 -Credential $cred'; Id = "TkeInvalidIP,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = '127.0.0.1' }
        @{ Name = 'New-TkeMachine: an IPv6 loopback address'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP ::1 -Credential $cred'; Id = "TkeInvalidIP,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = '::1' }
        @{ Name = 'New-TkeMachine: the unspecified address'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 0.0.0.0 -Credential $cred'; Id = "TkeInvalidIP,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = '0.0.0.0' }
        @{ Name = 'New-TkeMachine: the broadcast address'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 255.255.255.255 -Credential $cred'; Id = "TkeInvalidIP,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = '255.255.255.255' }
        @{ Name = 'New-TkeMachine: a multicast address'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 224.0.0.251 -Credential $cred'; Id = "TkeInvalidIP,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = '224.0.0.251' }
        @{ Name = 'New-TkeMachine: a blank SSH user'; Script = 'New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.9 -Credential ([pscredential]::new(" ", (ConvertTo-SecureString pw -AsPlainText -Force)))'; Id = "TkeInvalidCredential,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = '10.0.0.9' }
        @{ Name = 'New-TkeMachine: no session'; Script = 'Disconnect-Tke; New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.0.9 -Credential $cred'; Id = "TkeNotConnected,${G}NewTkeMachineCommand"; Category = 'InvalidOperation' }
        # Get-TkeMachine
        @{ Name = 'Get-TkeMachine: a name with an underscore'; Script = 'Get-TkeMachine mc_a1b2'; Id = "TkeInvalidName,${G}GetTkeMachineCommand"; Category = 'InvalidArgument'; Target = 'mc_a1b2' }
        @{ Name = 'Get-TkeMachine: an upper-case name'; Script = 'Get-TkeMachine MC-A1B2'; Id = "TkeInvalidName,${G}GetTkeMachineCommand"; Category = 'InvalidArgument'; Target = 'MC-A1B2' }
        @{ Name = 'Get-TkeMachine: an IP as the name'; Script = 'Get-TkeMachine 10.0.0.1:22'; Id = "TkeInvalidName,${G}GetTkeMachineCommand"; Category = 'InvalidArgument'; Target = '10.0.0.1:22' }
        @{ Name = 'Get-TkeMachine: an empty name'; Script = 'Get-TkeMachine ""'; Id = "ParameterArgumentValidationError,${G}GetTkeMachineCommand"; Category = 'InvalidData' }
        @{ Name = 'Get-TkeMachine: a bad cluster id'; Script = 'Get-TkeMachine -ClusterName "cls a1b2"'; Id = "TkeInvalidName,${G}GetTkeMachineCommand"; Category = 'InvalidArgument'; Target = 'cls a1b2' }
        @{ Name = 'Get-TkeMachine: a bad cluster id from the pipeline'; Script = '[pscustomobject]@{ ClusterName = "CLS-1" } | Get-TkeMachine'; Id = "TkeInvalidName,${G}GetTkeMachineCommand"; Category = 'InvalidArgument'; Target = 'CLS-1' }
        @{ Name = 'Get-TkeMachine: $null from the pipeline'; Script = '$null | Get-TkeMachine'; Id = "ParameterArgumentValidationError,${G}GetTkeMachineCommand"; Category = 'InvalidData' }
        @{ Name = 'Get-TkeMachine: no session'; Script = 'Disconnect-Tke; Get-TkeMachine'; Id = "TkeNotConnected,${G}GetTkeMachineCommand"; Category = 'InvalidOperation' }
        # Remove-TkeMachine
        @{ Name = 'Remove-TkeMachine: a wildcard'; Script = 'Remove-TkeMachine mc-* -Force'; Id = "TkeWildcardNotAllowed,${G}RemoveTkeMachineCommand"; Category = 'InvalidArgument'; Target = 'mc-*' }
        @{ Name = 'Remove-TkeMachine: an empty name'; Script = 'Remove-TkeMachine "" -Force'; Id = "ParameterArgumentValidationError,${G}RemoveTkeMachineCommand"; Category = 'InvalidData' }
        @{ Name = 'Remove-TkeMachine: $null from the pipeline'; Script = '$null | Remove-TkeMachine -Force'; Id = "ParameterArgumentValidationError,${G}RemoveTkeMachineCommand"; Category = 'InvalidData' }
        @{ Name = 'Remove-TkeMachine: no session'; Script = 'Disconnect-Tke; Remove-TkeMachine mc-a1b2c3d4 -Force'; Id = "TkeNotConnected,${G}RemoveTkeMachineCommand"; Category = 'InvalidOperation' }
        # Get-TkeProject
        @{ Name = 'Get-TkeProject: an upper-case id'; Script = 'Get-TkeProject PRJ-SHOP0001'; Id = "TkeInvalidName,${G}GetTkeProjectCommand"; Category = 'InvalidArgument'; Target = 'PRJ-SHOP0001' }
        @{ Name = 'Get-TkeProject: a display name with a space'; Script = 'Get-TkeProject "online shop"'; Id = "TkeInvalidName,${G}GetTkeProjectCommand"; Category = 'InvalidArgument'; Target = 'online shop' }
        @{ Name = 'Get-TkeProject: a Chinese display name'; Script = 'Get-TkeProject 网上商城'; Id = "TkeInvalidName,${G}GetTkeProjectCommand"; Category = 'InvalidArgument'; Target = '网上商城' }
        @{ Name = 'Get-TkeProject: an empty id'; Script = 'Get-TkeProject ""'; Id = "ParameterArgumentValidationError,${G}GetTkeProjectCommand"; Category = 'InvalidData' }
        @{ Name = 'Get-TkeProject: a bad id from the pipeline'; Script = '"prj/../x" | Get-TkeProject'; Id = "TkeInvalidName,${G}GetTkeProjectCommand"; Category = 'InvalidArgument'; Target = 'prj/../x' }
        @{ Name = 'Get-TkeProject: $null from the pipeline'; Script = '$null | Get-TkeProject'; Id = "ParameterArgumentValidationError,${G}GetTkeProjectCommand"; Category = 'InvalidData' }
        @{ Name = 'Get-TkeProject: -Portal with a name'; Script = 'Get-TkeProject -Portal -Name prj-shop0001'; Id = "AmbiguousParameterSet,${G}GetTkeProjectCommand"; Category = 'InvalidArgument' }
        @{ Name = 'Get-TkeProject: no session'; Script = 'Disconnect-Tke; Get-TkeProject'; Id = "TkeNotConnected,${G}GetTkeProjectCommand"; Category = 'InvalidOperation' }
        # Get-TkeProjectNamespace
        @{ Name = 'Get-TkeProjectNamespace: a project id with an underscore'; Script = 'Get-TkeProjectNamespace -ProjectName prj_shop'; Id = "TkeInvalidName,${G}GetTkeProjectNamespaceCommand"; Category = 'InvalidArgument'; Target = 'prj_shop' }
        @{ Name = 'Get-TkeProjectNamespace: an empty project id'; Script = 'Get-TkeProjectNamespace -ProjectName ""'; Id = "ParameterArgumentValidationError,${G}GetTkeProjectNamespaceCommand"; Category = 'InvalidData' }
        @{ Name = 'Get-TkeProjectNamespace: a bad namespace name'; Script = 'Get-TkeProjectNamespace -ProjectName prj-shop0001 Shop'; Id = "TkeInvalidName,${G}GetTkeProjectNamespaceCommand"; Category = 'InvalidArgument'; Target = 'Shop' }
        @{ Name = 'Get-TkeProjectNamespace: a bad ProjectName from the pipeline'; Script = '[pscustomobject]@{ ProjectName = "Prj 1" } | Get-TkeProjectNamespace'; Id = "TkeInvalidName,${G}GetTkeProjectNamespaceCommand"; Category = 'InvalidArgument'; Target = 'Prj 1' }
        @{ Name = 'Get-TkeProjectNamespace: $null from the pipeline'; Script = '$null | Get-TkeProjectNamespace'; Id = "InputObjectNotBound,${G}GetTkeProjectNamespaceCommand"; Category = 'InvalidArgument' }
        @{ Name = 'Get-TkeProjectNamespace: no session'; Script = 'Disconnect-Tke; Get-TkeProjectNamespace -ProjectName prj-shop0001'; Id = "TkeNotConnected,${G}GetTkeProjectNamespaceCommand"; Category = 'InvalidOperation' }
        # A wildcard pattern that cannot be compiled, on every Get cmdlet
        @{ Name = 'Get-TkeCluster: an unclosed ['; Script = 'Get-TkeCluster "cls-["'; Id = "TkeInvalidName,${G}GetTkeClusterCommand"; Category = 'InvalidArgument'; Target = 'cls-[' }
        @{ Name = 'Get-TkeNamespace: an unclosed ['; Script = 'Get-TkeNamespace -ClusterName cls-a1b2c3d4 "x["'; Id = "TkeInvalidName,${G}GetTkeNamespaceCommand"; Category = 'InvalidArgument'; Target = 'x[' }
        @{ Name = 'Get-TkeWorkload: an unclosed ['; Script = 'Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment "x["'; Id = "TkeInvalidName,${G}GetTkeWorkloadCommand"; Category = 'InvalidArgument'; Target = 'x[' }
        @{ Name = 'Get-TkeMachine: an unclosed ['; Script = 'Get-TkeMachine "mc-["'; Id = "TkeInvalidName,${G}GetTkeMachineCommand"; Category = 'InvalidArgument'; Target = 'mc-[' }
        @{ Name = 'Get-TkeProject: an unclosed ['; Script = 'Get-TkeProject "prj-["'; Id = "TkeInvalidName,${G}GetTkeProjectCommand"; Category = 'InvalidArgument'; Target = 'prj-[' }
        @{ Name = 'Get-TkeProjectNamespace: an unclosed ['; Script = 'Get-TkeProjectNamespace -ProjectName prj-shop0001 "x["'; Id = "TkeInvalidName,${G}GetTkeProjectNamespaceCommand"; Category = 'InvalidArgument'; Target = 'x[' }
        # Get-TkeSession, Disconnect-Tke
        @{ Name = 'Get-TkeSession: an unknown parameter'; Script = 'Get-TkeSession -Uri http://x'; Id = "NamedParameterNotFound,${G}GetTkeSessionCommand"; Category = 'InvalidArgument' }
    )
    # Names checked by the changing cmdlets, whose errors take their turn in input order.
    $script:changingChecks = @(
        @{ Name = 'Set-TkeWorkloadImage: an upper-case cluster id'; Script = 'Set-TkeWorkloadImage -ClusterName CLS-A1B2C3D4 -Namespace shop -Kind Deployment web -Container app -Image nginx:1.25'; Id = "TkeInvalidName,${G}SetTkeWorkloadImageCommand"; Category = 'InvalidArgument'; Target = 'CLS-A1B2C3D4' }
        @{ Name = 'Set-TkeWorkloadImage: a namespace with a dot'; Script = 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace sh.op -Kind Deployment web -Container app -Image nginx:1.25'; Id = "TkeInvalidName,${G}SetTkeWorkloadImageCommand"; Category = 'InvalidArgument'; Target = 'sh.op' }
        @{ Name = 'Set-TkeWorkloadImage: a workload name that climbs a path'; Script = 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment ../web -Container app -Image nginx:1.25'; Id = "TkeInvalidName,${G}SetTkeWorkloadImageCommand"; Category = 'InvalidArgument'; Target = '../web' }
        @{ Name = 'Set-TkeWorkloadImage: a container name with an underscore'; Script = 'Set-TkeWorkloadImage -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment web -Container my_app -Image nginx:1.25'; Id = "TkeInvalidName,${G}SetTkeWorkloadImageCommand"; Category = 'InvalidArgument'; Target = 'my_app' }
        @{ Name = 'New-TkeMachine: a bad cluster id'; Script = 'New-TkeMachine -ClusterName CLS_A1B2 -IP 10.0.0.9 -Credential $cred'; Id = "TkeInvalidName,${G}NewTkeMachineCommand"; Category = 'InvalidArgument'; Target = 'CLS_A1B2' }
        @{ Name = 'Remove-TkeMachine: a name with an underscore'; Script = 'Remove-TkeMachine mc_a1b2 -Force'; Id = "TkeInvalidName,${G}RemoveTkeMachineCommand"; Category = 'InvalidArgument'; Target = 'mc_a1b2' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Simulator.psm1') -Force
    Import-Module $env:TKESTACK_MODULE -Force
    $script:sim = Start-TkeSimulator
    $script:cred = [pscredential]::new('root', (ConvertTo-SecureString 'bad-input-pw' -AsPlainText -Force))

    # Runs a bad-input script and checks what a user sees, and that the simulator saw nothing.
    function script:Test-BadInput([hashtable] $Case) {
        $command = [scriptblock]::Create($Case.Script)
        $e = $null
        try {
            $ErrorActionPreference = 'Stop'
            $null = & $command
        }
        catch { $e = $_ }
        finally { $ErrorActionPreference = 'Continue' }
        $e | Should -Not -BeNullOrEmpty -Because 'bad input must fail'
        $e.FullyQualifiedErrorId | Should -Be $Case.Id
        $e.CategoryInfo.Category | Should -Be $Case.Category
        if ($Case['Target']) { $e.TargetObject | Should -Be $Case['Target'] }
        @(Get-SimRequest $sim).Count | Should -Be 0 -Because 'nothing may reach the server'
        (Invoke-RestMethod "$($sim.Url)/_sim/stats").requests | Should -Be 0
    }
}
AfterAll {
    Disconnect-Tke
    Stop-TkeSimulator $script:sim
}

Describe 'Bad input to every cmdlet is refused before any request' {
    BeforeEach {
        $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
        Clear-SimRequest $sim
    }

    It '<Name>' -ForEach $badInput {
        Test-BadInput $_
    }

    It '<Name>, checked before any request' -ForEach $changingChecks {
        Test-BadInput $_
    }

    It 'checks each workload name on its own and goes on with the good ones' {
        $w = Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment 'Bad_Name', 'web' -ErrorAction SilentlyContinue -ErrorVariable e
        $w.Name | Should -Be 'web'
        $e.Count | Should -Be 1
        $e[0].TargetObject | Should -Be 'Bad_Name'
        @(Get-SimRequest $sim).path | Should -Be @('/platform/apis/apps/v1/namespaces/shop/deployments/web')
    }

    It 'accepts wildcards in names, cluster ids excepted' {
        @(Get-TkeWorkload -ClusterName cls-a1b2c3d4 -Namespace shop -Kind Deployment 'W*' -ErrorAction Stop).Name | Should -Be 'web'
        @(Get-TkeProject 'prj-s*' -ErrorAction Stop).Name | Should -Be 'prj-shop0001'
        Get-TkeMachine 'mc-*' -ErrorAction Stop | Should -BeNullOrEmpty
        Get-TkeMachine -ClusterName 'cls-*' -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeInvalidName,TkeStack.Commands.GetTkeMachineCommand'
    }

    It 'sends nothing for an empty pipeline' {
        @() | Get-TkeProject | Should -BeNullOrEmpty
        @() | Remove-TkeMachine -Force | Should -BeNullOrEmpty
        @() | New-TkeMachine -ClusterName cls-a1b2c3d4 -Credential $cred | Should -BeNullOrEmpty
        @(Get-SimRequest $sim).Count | Should -Be 0
    }
}

Describe 'An address already in the cluster, in another spelling' {
    BeforeAll {
        $script:session = Connect-Tke -Uri $sim.Url -Token $sim.AdminToken
        $null = New-TkeMachine -ClusterName cls-a1b2c3d4 -IP 10.0.7.7 -Credential $cred -ErrorAction Stop
    }

    It 'refuses ::ffff:10.0.7.7 for a node added as 10.0.7.7, and sends no POST' {
        Clear-SimRequest $sim
        New-TkeMachine -ClusterName cls-a1b2c3d4 -IP '::ffff:10.0.7.7' -Credential $cred -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Be 'TkeMachineExists,TkeStack.Commands.NewTkeMachineCommand'
        $e[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $e[0].Exception.Message | Should -BeLike '*already has machine mc-* with IP 10.0.7.7*'
        @(Get-SimRequest $sim -Method POST).Count | Should -Be 0
    }

    It 'sends an IPv4-mapped address as the IPv4 address it is' {
        Clear-SimRequest $sim
        $m = New-TkeMachine -ClusterName cls-a1b2c3d4 -IP '::ffff:10.0.7.8' -Credential $cred -ErrorAction Stop
        $m.IP | Should -Be '10.0.7.8'
        ((Get-SimRequest $sim -Method POST | Select-Object -First 1).body | ConvertFrom-Json).spec.ip | Should -Be '10.0.7.8'
    }
}
