@{
    RootModule             = 'TkeStack.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '6f1f9a52-2f44-4e44-9a63-0c8f6c1f7b1d'
    Author                 = 'TkeStack contributors'
    CompanyName            = 'TkeStack contributors'
    Copyright              = '(c) TkeStack contributors. Apache License 2.0.'
    Description            = 'Drive TKEStack, Tencent''s open-source Kubernetes container platform, through its REST API: clusters, namespaces, workload images (Deployment, StatefulSet, DaemonSet, TApp), machines and projects (业务), with typed objects, tab completion, safe retries and API keys (访问凭证) that are never printed. Ships with a local TKEStack simulator for testing runbooks.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('TkeStack.Format.ps1xml', 'TkeStack.Workloads.Format.ps1xml')
    TypesToProcess         = @('TkeStack.Types.ps1xml')
    CmdletsToExport        = @(
        'Connect-Tke'
        'Disconnect-Tke'
        'New-TkeApiKey'
        'Test-TkeConnection'
        'Get-TkeSession'
        'Set-TkeSession'
        'Get-TkeCluster'
        'Get-TkeNamespace'
        'Get-TkeProject'
        'Get-TkeProjectNamespace'
        'Get-TkeWorkload'
        'Set-TkeWorkloadImage'
        'New-TkeMachine'
        'Get-TkeMachine'
        'Remove-TkeMachine'
        'Get-TkePod'
        'Get-TkePodLog'
        'Get-TkeEvent'
        'Set-TkeWorkloadReplica'
        'Restart-TkeWorkload'
        'Wait-TkeWorkload'
        'Complete-TkeWorkloadRollout'
        'Invoke-TkeRequest'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('TKEStack', 'TKE', 'Kubernetes', 'Tencent', 'TApp', 'REST', 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ProjectUri   = 'https://github.com/tkestack/tke'
            ReleaseNotes = 'First release: sessions (connect, list, switch, disconnect), clusters and namespaces (guide 1), workload images with -WhatIf, -Wait and rollback (Deployment, StatefulSet, DaemonSet, TApp; guide 2), machines (add, follow the install, remove; guide 3), projects and their namespaces and quotas (业务; guide 4), with the tkesim simulator for testing runbooks. Open-source TKEStack (v1.4 to v1.9): its gateway''s dialect found by Connect-Tke, console login with -Credential, New-TkeApiKey and Test-TkeConnection.'
        }
    }
}
