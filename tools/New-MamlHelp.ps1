#Requires -Version 7.2
<#
.SYNOPSIS
    Turns the cmdlet help in docs/*.md (platyPS markdown layout) into MAML, and docs/about_*.md
    into about_*.help.txt, so Get-Help works offline without platyPS.
.DESCRIPTION
    One markdown file per cmdlet, in the layout platyPS writes (schema 2.0.0):

        # Verb-Noun
        ## SYNOPSIS / ## SYNTAX / ## DESCRIPTION
        ## EXAMPLES     ### Example N: title, a ```powershell block, then sentences
        ## PARAMETERS   ### -Name, a description, then a ```yaml block (Type, Parameter Sets,
                        Aliases, Required, Position, Default value, Accept pipeline input,
                        Accept wildcard characters); ### CommonParameters is skipped
        ## INPUTS / ## OUTPUTS   ### TypeName, then a description
        ## NOTES / ## RELATED LINKS

    The YAML front matter platyPS puts at the top is optional. The syntax written to MAML is built
    from the parameters' yaml blocks (one syntax item per parameter set), not from the SYNTAX text.
    The MAML layout follows what platyPS's MamlRenderer writes (PowerShell/platyPS,
    src/Markdown.MAML/Renderer/MamlRenderer.cs), which PowerShell's help system reads.
.EXAMPLE
    ./tools/New-MamlHelp.ps1 -DocsPath ./docs -OutputPath ./out/TkeStack/en-US -HelpFileName TkeStack.dll-Help.xml
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutputPath,
    [string] $HelpFileName = 'TkeStack.dll-Help.xml'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Split-Section {
    # Splits lines into [ordered] heading => lines, on headings of exactly the given level,
    # ignoring '#' lines inside ``` fences.
    param([string[]] $Lines, [int] $Level)
    $sections = [ordered]@{}
    $current = $null
    $inFence = $false
    $marker = ('#' * $Level) + ' '
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($marker) -and -not $line.StartsWith($marker.TrimEnd() + '#')) {
            $current = $line.Substring($marker.Length).Trim()
            $sections[$current] = [System.Collections.Generic.List[string]]::new()
            continue
        }
        if ($null -ne $current) { $sections[$current].Add($line) }
    }
    $sections
}

function Split-Block {
    # Splits lines into a sequence of text paragraphs and fenced code blocks, in order.
    param([string[]] $Lines)
    $blocks = [System.Collections.Generic.List[object]]::new()
    $para = [System.Collections.Generic.List[string]]::new()
    $code = $null
    $lang = ''
    $flush = {
        if ($para.Count) { $blocks.Add([pscustomobject]@{ Kind = 'text'; Lang = ''; Text = ($para -join "`n").Trim() }); $para.Clear() }
    }
    foreach ($line in $Lines) {
        if ($null -eq $code -and $line -match '^\s*```\s*(\S*)') {
            & $flush
            $lang = $Matches[1]
            $code = [System.Collections.Generic.List[string]]::new()
            continue
        }
        if ($null -ne $code) {
            if ($line -match '^\s*```\s*$') {
                $blocks.Add([pscustomobject]@{ Kind = 'code'; Lang = $lang; Text = ($code -join "`n") })
                $code = $null
            }
            else { $code.Add($line) }
            continue
        }
        if ($line.Trim() -eq '') { & $flush } else { $para.Add($line.Trim()) }
    }
    & $flush
    if ($null -ne $code) { $blocks.Add([pscustomobject]@{ Kind = 'code'; Lang = $lang; Text = ($code -join "`n") }) }
    @($blocks | Where-Object { $_.Text -ne '' })
}

function Get-Paragraph {
    # The text paragraphs of a section (code blocks kept as indented text), markdown emphasis removed.
    param([string[]] $Lines)
    foreach ($b in (Split-Block $Lines)) {
        if ($b.Kind -eq 'code') { ($b.Text -split "`n" | ForEach-Object { '    ' + $_ }) -join "`n" }
        else { ConvertFrom-Inline $b.Text }
    }
}

function ConvertFrom-Inline {
    # Markdown inline syntax to plain text: `code`, **bold**, *em*, [text](link).
    param([string] $Text)
    $t = $Text -replace '\[([^\]]+)\]\(([^)]+)\)', '$1 ($2)'
    $t = $t -replace '\*\*([^*]+)\*\*', '$1' -replace '(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])', '$1'
    $t = $t -replace '`([^`]+)`', '$1'
    # Lines of a paragraph are joined (markdown soft breaks); a list item stays a line of its own.
    $t -replace '\n(?!\s*(?:[-*+]|\d+\.)\s)', ' '
}

function Read-Yaml {
    param([string] $Text)
    $map = @{}
    foreach ($line in $Text -split "`n") {
        if ($line -match '^\s*([^:]+?)\s*:\s*(.*?)\s*$') { $map[$Matches[1]] = $Matches[2] }
    }
    $map
}

function Read-CommandDoc {
    param([string] $Path)
    $lines = Get-Content -LiteralPath $Path -Encoding utf8
    # Optional YAML front matter.
    if ($lines.Count -and $lines[0].Trim() -eq '---') {
        $end = [Array]::IndexOf($lines, '---', 1)
        if ($end -gt 0) { $lines = $lines[($end + 1)..($lines.Count - 1)] }
    }
    $top = Split-Section $lines 1
    if ($top.Count -ne 1) { throw "$Path must have exactly one '# Verb-Noun' heading." }
    $name = @($top.Keys)[0]
    $s = Split-Section $top[$name] 2
    $get = { param($k) if ($s.Contains($k)) { [string[]]$s[$k] } else { [string[]]@() } }

    $examples = foreach ($e in (Split-Section (& $get 'EXAMPLES') 3).GetEnumerator()) {
        $blocks = Split-Block $e.Value
        [pscustomobject]@{
            Title   = $e.Key
            Code    = (@($blocks | Where-Object Kind -eq 'code').Text) -join "`n`n"
            Remarks = @($blocks | Where-Object Kind -eq 'text' | ForEach-Object { ConvertFrom-Inline $_.Text })
        }
    }

    $parameters = foreach ($p in (Split-Section (& $get 'PARAMETERS') 3).GetEnumerator()) {
        if ($p.Key -notmatch '^-(\S+)') { continue }   # ### CommonParameters
        $paramName = $Matches[1]
        $blocks = Split-Block $p.Value
        # platyPS writes one yaml block per group of parameter sets in which the parameter differs
        # (Required in one set, optional in another): the sets are their union, Required is true
        # when it is in any set, and pipeline input lists every way it binds.
        $yamls = @($blocks | Where-Object { $_.Kind -eq 'code' -and $_.Lang -eq 'yaml' } | ForEach-Object { Read-Yaml $_.Text })
        if (-not $yamls) { $yamls = @(@{}) }
        $y = { param($map, $k, $d) if ($map.ContainsKey($k) -and $map[$k] -ne '') { $map[$k] } else { $d } }
        $first = $yamls[0]
        $ways = @($yamls | ForEach-Object { [regex]::Matches((& $y $_ 'Accept pipeline input' ''), 'By\w+') | ForEach-Object Value } | Sort-Object -Unique)
        $bySet = [ordered]@{}
        foreach ($m in $yamls) {
            foreach ($set in ((& $y $m 'Parameter Sets' '(All)') -split '\s*,\s*' | Where-Object { $_ })) {
                $bySet[$set] = [pscustomobject]@{ Required = (& $y $m 'Required' 'False') -match '^true'; Position = & $y $m 'Position' 'Named' }
            }
        }
        [pscustomobject]@{
            Name        = $paramName
            Description = @($blocks | Where-Object Kind -eq 'text' | ForEach-Object { ConvertFrom-Inline $_.Text })
            Type        = & $y $first 'Type' 'Object'
            Sets        = @($bySet.Keys)
            BySet       = $bySet
            Aliases     = & $y $first 'Aliases' 'None'
            Required    = [bool]($bySet.Values | Where-Object Required)
            Position    = & $y $first 'Position' 'Named'
            Default     = & $y $first 'Default value' 'None'
            Pipeline    = if ($ways) { "True ($($ways -join ', '))" } else { 'False' }
            Wildcards   = [bool]($yamls | Where-Object { (& $y $_ 'Accept wildcard characters' 'False') -match '^true' })
        }
    }

    $typed = {
        param($k)
        foreach ($t in (Split-Section (& $get $k) 3).GetEnumerator()) {
            [pscustomobject]@{ Type = $t.Key; Description = @(Get-Paragraph $t.Value) }
        }
    }

    $links = foreach ($line in (& $get 'RELATED LINKS')) {
        if ($line -match '\[([^\]]+)\]\(([^)]*)\)') {
            $text, $target = $Matches[1], $Matches[2]
            # Links to other docs/*.md are shown by name only; web links keep their address.
            [pscustomobject]@{ Text = $text; Uri = $(if ($target -match '^https?://') { $target } else { '' }) }
        }
    }

    $verb, $noun = $name -split '-', 2
    [pscustomobject]@{
        Name        = $name
        Verb        = $verb
        Noun        = $noun
        Synopsis    = @(Get-Paragraph (& $get 'SYNOPSIS')) -join ' '
        Description = @(Get-Paragraph (& $get 'DESCRIPTION'))
        Examples    = @($examples)
        Parameters  = @($parameters)
        Inputs      = @(& $typed 'INPUTS')
        Outputs     = @(& $typed 'OUTPUTS')
        Notes       = @(Get-Paragraph (& $get 'NOTES'))
        Links       = @($links)
    }
}

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

function Write-Para {
    param([System.Xml.XmlWriter] $W, [string[]] $Paragraphs)
    foreach ($p in $Paragraphs) { $W.WriteElementString('maml', 'para', $maml, $p) }
}

function Write-Parameter {
    param([System.Xml.XmlWriter] $W, $P)
    $isSwitch = $P.Type -in 'SwitchParameter', 'System.Management.Automation.SwitchParameter'
    $W.WriteStartElement('command', 'parameter', $command)
    $W.WriteAttributeString('required', $P.Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', 'true')
    $W.WriteAttributeString('globbing', $P.Wildcards.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $P.Pipeline)
    $W.WriteAttributeString('position', $P.Position.ToLowerInvariant())
    $W.WriteAttributeString('aliases', $P.Aliases)
    $W.WriteElementString('maml', 'name', $maml, $P.Name)
    $W.WriteStartElement('maml', 'description', $maml); Write-Para $W $P.Description; $W.WriteEndElement()
    if (-not $isSwitch) {
        $W.WriteStartElement('command', 'parameterValue', $command)
        $W.WriteAttributeString('required', 'true'); $W.WriteAttributeString('variableLength', 'false')
        $W.WriteString($P.Type); $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $dev); $W.WriteElementString('maml', 'name', $maml, $P.Type); $W.WriteElementString('maml', 'uri', $maml, ''); $W.WriteEndElement()
    $W.WriteElementString('dev', 'defaultValue', $dev, $P.Default)
    $W.WriteEndElement()
}

function Write-Command {
    param([System.Xml.XmlWriter] $W, $Doc)
    $W.WriteStartElement('command', 'command', $command)
    $W.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $W.WriteAttributeString('xmlns', 'command', $null, $command)
    $W.WriteAttributeString('xmlns', 'dev', $null, $dev)

    $W.WriteStartElement('command', 'details', $command)
    $W.WriteElementString('command', 'name', $command, $Doc.Name)
    $W.WriteElementString('command', 'verb', $command, $Doc.Verb)
    $W.WriteElementString('command', 'noun', $command, $Doc.Noun)
    $W.WriteStartElement('maml', 'description', $maml); Write-Para $W $Doc.Synopsis; $W.WriteEndElement()
    $W.WriteEndElement()

    $W.WriteStartElement('maml', 'description', $maml); Write-Para $W $Doc.Description; $W.WriteEndElement()

    # One syntax item per parameter set; parameters in "(All)" belong to each. Positional ones
    # first, by position, as PowerShell's own syntax lines show them.
    $sets = @($Doc.Parameters | ForEach-Object { $_.Sets } | Where-Object { $_ -ne '(All)' } | Select-Object -Unique)
    if (-not $sets) { $sets = @('(All)') }
    $W.WriteStartElement('command', 'syntax', $command)
    foreach ($set in $sets) {
        $W.WriteStartElement('command', 'syntaxItem', $command)
        $W.WriteElementString('maml', 'name', $maml, $Doc.Name)
        $inSet = @($Doc.Parameters | Where-Object { $_.Sets -contains $set -or $_.Sets -contains '(All)' } | ForEach-Object {
                # The parameter as it is in this set: its own Required and Position there.
                $here = if ($_.BySet.Contains($set)) { $_.BySet[$set] } else { $_.BySet['(All)'] }
                $copy = $_.PSObject.Copy()
                if ($here) { $copy.Required = $here.Required; $copy.Position = $here.Position }
                $copy
            })
        $ordered = @($inSet | Where-Object Position -match '^\d+$' | Sort-Object { [int]$_.Position }) + @($inSet | Where-Object Position -notmatch '^\d+$')
        foreach ($p in $ordered) { Write-Parameter $W $p }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'parameters', $command)
    foreach ($p in $Doc.Parameters) { Write-Parameter $W $p }
    $W.WriteEndElement()

    foreach ($kind in @(@('inputTypes', 'inputType', $Doc.Inputs), @('returnValues', 'returnValue', $Doc.Outputs))) {
        $W.WriteStartElement('command', $kind[0], $command)
        foreach ($t in $kind[2]) {
            $W.WriteStartElement('command', $kind[1], $command)
            $W.WriteStartElement('dev', 'type', $dev); $W.WriteElementString('maml', 'name', $maml, $t.Type); $W.WriteEndElement()
            $W.WriteStartElement('maml', 'description', $maml); Write-Para $W $t.Description; $W.WriteEndElement()
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }

    $W.WriteStartElement('maml', 'alertSet', $maml)
    $W.WriteStartElement('maml', 'alert', $maml); Write-Para $W $Doc.Notes; $W.WriteEndElement()
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'examples', $command)
    foreach ($e in $Doc.Examples) {
        $W.WriteStartElement('command', 'example', $command)
        $W.WriteElementString('maml', 'title', $maml, "-------------------------- $($e.Title) --------------------------")
        $W.WriteElementString('dev', 'code', $dev, $e.Code)
        $W.WriteStartElement('dev', 'remarks', $dev); Write-Para $W $e.Remarks; $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $command)
    foreach ($l in $Doc.Links) {
        $W.WriteStartElement('maml', 'navigationLink', $maml)
        $W.WriteElementString('maml', 'linkText', $maml, $l.Text)
        $W.WriteElementString('maml', 'uri', $maml, $l.Uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}

function ConvertTo-AboutText {
    # An about_ topic from markdown: headings upper-cased, code indented, paragraphs wrapped at 80.
    param([string] $Path)
    $out = [System.Text.StringBuilder]::new()
    $inFence = $false
    foreach ($line in (Get-Content -LiteralPath $Path -Encoding utf8)) {
        if ($line -match '^\s*```') { $inFence = -not $inFence; continue }
        if ($inFence) { [void]$out.AppendLine(('    ' + $line).TrimEnd()); continue }
        if ($line -match '^#\s+(.*)') { [void]$out.AppendLine('TOPIC').AppendLine('    ' + $Matches[1].Trim()).AppendLine(); continue }
        if ($line -match '^#{2,}\s+(.*)') { [void]$out.AppendLine($Matches[1].Trim().ToUpperInvariant()); continue }
        [void]$out.AppendLine((ConvertFrom-Inline $line).TrimEnd())
    }
    $out.ToString()
}

$null = New-Item -ItemType Directory -Force -Path $OutputPath
$docs = @(Get-ChildItem -LiteralPath $DocsPath -Filter '*-*.md' | Sort-Object Name | ForEach-Object { Read-CommandDoc $_.FullName })
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$file = Join-Path $OutputPath $HelpFileName
$w = [System.Xml.XmlWriter]::Create($file, $settings)
try {
    $w.WriteStartDocument()
    $w.WriteStartElement('helpItems', 'http://msh')
    $w.WriteAttributeString('schema', 'maml')
    foreach ($d in $docs) { Write-Command $w $d }
    $w.WriteEndElement()
    $w.WriteEndDocument()
}
finally { $w.Dispose() }
Write-Verbose "Help for $($docs.Count) cmdlets: $file"

foreach ($about in (Get-ChildItem -LiteralPath $DocsPath -Filter 'about_*.md')) {
    $target = Join-Path $OutputPath ($about.BaseName + '.help.txt')
    Set-Content -LiteralPath $target -Value (ConvertTo-AboutText $about.FullName) -Encoding utf8NoBOM
}
