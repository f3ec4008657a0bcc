# Help: every exported cmdlet, including the ones added later, has offline help built from docs/*.md,
# and the about_TkeStack topic's advice on testing runbooks with Pester Mock holds.
BeforeDiscovery {
    Import-Module $env:TKESTACK_MODULE -Force
    $script:cmdlets = @(Get-Command -Module TkeStack -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
}
BeforeAll {
    Import-Module $env:TKESTACK_MODULE -Force
    $script:common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

    # A path of properties into Get-Help's objects, empty where a part is missing (build.ps1 runs
    # the tests under Set-StrictMode, where a missing property is an error, not $null).
    function script:Prop($Object, [string] $Path) {
        $o = @($Object)
        foreach ($name in $Path -split '\.') {
            $o = @($o | Where-Object { $null -ne $_ -and $_.PSObject.Properties[$name] } | ForEach-Object { $_.$name })
        }
        $o
    }
}

Describe 'Help of <Name>' -ForEach $cmdlets {
    BeforeAll {
        $script:command = Get-Command $Name -Module TkeStack
        $script:help = Get-Help $Name -Full
    }

    It 'comes from the module''s MAML file' {
        Split-Path -Leaf $command.HelpFile | Should -Be 'TkeStack.dll-Help.xml'
        Join-Path $command.Module.ModuleBase 'en-US/TkeStack.dll-Help.xml' | Should -Exist
    }

    It 'has a synopsis of its own' {
        # Without help, Get-Help makes the synopsis from the syntax.
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^\s*$([regex]::Escape($Name))\s"
    }

    It 'has a description' {
        ((Prop $help 'description.Text') -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and a sentence' {
        $examples = @(Prop $help 'examples.example')
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($e in $examples) {
            $e.code | Should -Match $Name -Because "example '$($e.title.Trim('- '))' should use $Name"
            ((Prop $e 'remarks.Text') -join '').Trim() | Should -Not -BeNullOrEmpty -Because "example '$($e.title.Trim('- '))' needs a sentence"
        }
    }

    It 'describes every parameter, with its pipeline and wildcard facts as the cmdlet declares them' {
        $documented = @{}
        foreach ($p in (Prop $help 'parameters.parameter')) { $documented[$p.name] = $p }
        foreach ($p in $command.Parameters.Values | Where-Object Name -notin $common) {
            $doc = $documented[$p.Name]
            $doc | Should -Not -BeNullOrEmpty -Because "-$($p.Name) must be documented"
            ((Prop $doc 'description.Text') -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$($p.Name) needs a description"
            $attrs = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
            $byValue = [bool]($attrs | Where-Object ValueFromPipeline)
            $byName = [bool]($attrs | Where-Object ValueFromPipelineByPropertyName)
            $doc.pipelineInput -match 'ByValue' | Should -Be $byValue -Because "-$($p.Name) 'Accept pipeline input' says '$($doc.pipelineInput)'"
            $doc.pipelineInput -match 'ByPropertyName' | Should -Be $byName -Because "-$($p.Name) 'Accept pipeline input' says '$($doc.pipelineInput)'"
            $wildcards = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            $doc.globbing -eq 'true' | Should -Be $wildcards -Because "-$($p.Name) 'Accept wildcard characters' must match [SupportsWildcards]"
            $doc.required -eq 'true' | Should -Be ([bool]($attrs | Where-Object Mandatory)) -Because "-$($p.Name) 'Required' must match Mandatory"
        }
    }

    It 'documents no parameter the cmdlet does not have' {
        foreach ($p in (Prop $help 'parameters.parameter')) {
            $command.Parameters.Keys | Should -Contain $p.name
        }
    }

    It 'names its outputs, including every [OutputType]' {
        $outputs = @(Prop $help 'returnValues.returnValue.type.name')
        $outputs | Should -Not -BeNullOrEmpty
        foreach ($t in $command.OutputType | Where-Object { $_.Type -ne [void] }) {
            $outputs | Should -Contain $t.Name
        }
    }

    It 'has inputs and notes' {
        Prop $help 'inputTypes.inputType.type.name' | Should -Not -BeNullOrEmpty
        ((Prop $help 'alertSet.alert.Text') -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'shows one parameter''s help with -Parameter, and examples with -Examples' {
        $first = $command.Parameters.Values | Where-Object Name -notin $common | Select-Object -First 1
        if ($first) { (Get-Help $Name -Parameter $first.Name).name | Should -Be $first.Name }
        (Get-Help $Name -Examples | Out-String) | Should -Match 'Example 2'
    }
}

Describe 'about_TkeStack' {
    It 'is a help topic that covers connecting, sessions, tasks and testing' {
        $text = Get-Help about_TkeStack | Out-String
        $text | Should -Match 'CONNECTING'
        $text | Should -Match 'SESSIONS'
        $text | Should -Match 'ONE-LINERS'
        $text | Should -Match 'SIMULATOR'
        $text | Should -Match 'Mock -ModuleName'
    }
}

Describe 'Testing a runbook with Pester Mock, as about_TkeStack shows' {
    BeforeAll {
        $dir = Join-Path ([IO.Path]::GetTempPath()) "tke-runbook-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory $dir
        $script:runbook = Join-Path $dir 'Get-BrokenCluster.ps1'
        "Get-TkeCluster | Where-Object Phase -ne 'Running' | ForEach-Object Name" | Set-Content $runbook
        $psm1 = Join-Path $dir 'MyRunbooks.psm1'
        @'
function Get-BrokenCluster { Get-TkeCluster | Where-Object Phase -ne 'Running' | ForEach-Object Name }
function Get-BrokenClusterQualified { TkeStack\Get-TkeCluster | Where-Object Phase -ne 'Running' | ForEach-Object Name }
'@ | Set-Content $psm1
        Import-Module $psm1 -Force
        Disconnect-Tke
    }
    AfterAll {
        Remove-Module MyRunbooks -ErrorAction Ignore
        Remove-Item $dir -Recurse -Force
    }

    It 'mocks Get-TkeCluster for a runbook script with a plain Mock, with no console at all' {
        Mock Get-TkeCluster {
            [pscustomobject]@{ PSTypeName = 'TkeStack.Cluster'; Name = 'cls-a1b2c3d4'; Phase = 'Running' }
            [pscustomobject]@{ PSTypeName = 'TkeStack.Cluster'; Name = 'cls-e5f6g7h8'; Phase = 'Failed' }
        }
        & $runbook | Should -Be 'cls-e5f6g7h8'
        Should -Invoke Get-TkeCluster -Times 1 -Exactly
    }

    It 'mocks it inside a runbook module with -ModuleName of that module' {
        Mock Get-TkeCluster { [pscustomobject]@{ Name = 'cls-e5f6g7h8'; Phase = 'Failed' } } -ModuleName MyRunbooks
        Get-BrokenCluster | Should -Be 'cls-e5f6g7h8'
        Should -Invoke Get-TkeCluster -ModuleName MyRunbooks -Times 1 -Exactly
    }

    It 'mocks a module-qualified call TkeStack\Get-TkeCluster too' {
        Mock Get-TkeCluster { [pscustomobject]@{ Name = 'cls-l0cked01'; Phase = 'Failed' } } -ModuleName MyRunbooks
        Get-BrokenClusterQualified | Should -Be 'cls-l0cked01'
    }

    It 'cannot mock inside TkeStack itself, a binary module, as the topic warns' {
        { Mock Get-TkeCluster { } -ModuleName TkeStack } | Should -Throw '*not a Script or Manifest module*'
    }

    It 'reaches the real cmdlet when nothing is mocked' {
        { & $runbook } | Should -Throw -ErrorId 'TkeNotConnected*'
    }
}

Describe 'The MAML generator (tools/New-MamlHelp.ps1)' {
    BeforeAll {
        # A cmdlet in the platyPS layout with two parameter sets, a parameter that differs between
        # them (two yaml blocks), a switch, and no front matter: the shapes other cmdlets' docs take.
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) "tke-maml-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory -Path "$dir/docs"
        $fence = '```'
        @"
# Set-TkeThing

## SYNOPSIS
Sets a thing.

## SYNTAX

### ByName (Default)
${fence}
Set-TkeThing [-Name] <String> [-Force] [<CommonParameters>]
${fence}

### ByObject
${fence}
Set-TkeThing -InputObject <Object> [-Name <String>] [-Force] [<CommonParameters>]
${fence}

## DESCRIPTION
First line of the description
goes on here.

- a list item

## EXAMPLES

### Example 1: Set one
${fence}powershell
Set-TkeThing -Name a
${fence}

Sets **a**, see ``Get-TkeThing``.

### Example 2: From the pipeline
${fence}powershell
Get-TkeThing | Set-TkeThing
${fence}

Sets them all.

## PARAMETERS

### -Name
The name.

${fence}yaml
Type: String
Parameter Sets: ByName
Aliases:

Required: True
Position: 0
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
${fence}

${fence}yaml
Type: String
Parameter Sets: ByObject
Aliases:

Required: False
Position: Named
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: False
${fence}

### -InputObject
The thing.

${fence}yaml
Type: Object
Parameter Sets: ByObject
Aliases:

Required: True
Position: Named
Default value: None
Accept pipeline input: True (ByValue)
Accept wildcard characters: False
${fence}

### -Force
Without asking.

${fence}yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
${fence}

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.Object

## OUTPUTS

### TkeStack.Thing
The thing.

## NOTES
A note.

## RELATED LINKS
[Online](https://example.com/thing)
"@ | Set-Content "$dir/docs/Set-TkeThing.md"
        & (Join-Path $PSScriptRoot '../tools/New-MamlHelp.ps1') -DocsPath "$dir/docs" -OutputPath "$dir/out"
        [xml] $script:maml = Get-Content "$dir/out/TkeStack.dll-Help.xml" -Raw
        $script:ns = [System.Xml.XmlNamespaceManager]::new($maml.NameTable)
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
        function script:Nodes([string] $XPath) { @($maml.SelectNodes($XPath, $ns)) }
    }
    AfterAll { Remove-Item $dir -Recurse -Force }

    It 'writes one syntax item per parameter set, each parameter as it is in that set' {
        $items = Nodes '//command:syntax/command:syntaxItem'
        $items.Count | Should -Be 2
        $byName = $items[0].SelectNodes('command:parameter', $ns)
        $byName.name | Should -Be @('Name', 'Force')
        $byName[0].required | Should -Be 'true'
        $byName[0].position | Should -Be '0'
        $byObject = $items[1].SelectNodes('command:parameter', $ns)
        $byObject.name | Should -Be @('Name', 'InputObject', 'Force')
        $byObject[0].required | Should -Be 'false'
        $byObject[0].position | Should -Be 'named'
    }

    It 'merges a parameter''s yaml blocks in the parameters section' {
        $name = Nodes '//command:parameters/command:parameter' | Where-Object { $_.name -eq 'Name' }
        $name.required | Should -Be 'true'
        $name.pipelineInput | Should -Be 'True (ByPropertyName)'
        $switch = Nodes '//command:parameters/command:parameter' | Where-Object { $_.name -eq 'Force' }
        $switch.SelectSingleNode('command:parameterValue', $ns) | Should -BeNullOrEmpty
    }

    It 'joins wrapped lines, keeps list items, and drops markdown marks' {
        $paras = (Nodes '//command:command/maml:description/maml:para').InnerText
        $paras[0] | Should -Be 'First line of the description goes on here.'
        $paras[1] | Should -Be '- a list item'
        (Nodes '//command:example/dev:remarks/maml:para')[0].InnerText | Should -Be 'Sets a, see Get-TkeThing.'
    }

    It 'keeps examples, types, notes and links' {
        (Nodes '//command:example/dev:code').InnerText | Should -Be @('Set-TkeThing -Name a', 'Get-TkeThing | Set-TkeThing')
        (Nodes '//command:inputType/dev:type/maml:name').InnerText | Should -Be 'System.Object'
        (Nodes '//command:returnValue/dev:type/maml:name').InnerText | Should -Be 'TkeStack.Thing'
        (Nodes '//maml:alertSet/maml:alert/maml:para').InnerText | Should -Be 'A note.'
        (Nodes '//maml:navigationLink/maml:uri').InnerText | Should -Be 'https://example.com/thing'
    }
}
