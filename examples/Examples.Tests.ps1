# What every admin script in examples/ must be (PSScriptAnalyzer's rules, checked here by hand on the syntax tree),
# and the README's usage lines, each run as written against mocked cmdlets.
BeforeDiscovery {
    $scripts = @(Get-ChildItem -LiteralPath $PSScriptRoot -Filter '*-*.ps1' | Where-Object Name -NotLike '*.Tests.ps1' |
            ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
    $readme = Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot '../README.md')
    $section = @($readme -split '(?m)^### ' | Where-Object { $_ -like 'Admin scripts (examples/)*' })
    $usage = if ($section.Count -eq 1) {
        @([regex]::Match($section[0], '(?s)```powershell\r?\n(.*?)```').Groups[1].Value -split '\r?\n' |
                Where-Object { $_ -like './examples/*' } | ForEach-Object { @{ Line = $_ } })
    }
    else { @() }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-StsFtwModule
    $writers = 'New-StsEnrollment', 'Set-StsEnrollment', 'Remove-StsEnrollment', 'Unlock-StsEnrollment', 'Export-Csv', 'Set-Content',
    'Remove-Item', 'New-Item', 'Out-File'
}

Describe 'The admin script <Name>' -ForEach $scripts {
    BeforeAll {
        $tokens = $null
        $parseErrors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $parseErrors)
        $commands = @($ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true) |
                ForEach-Object { $_.GetCommandName() } | Where-Object { $_ })
        $binding = $ast.ParamBlock.Attributes | Where-Object { $_.TypeName.Name -eq 'CmdletBinding' }
        $help = Get-Help $Path -Full
    }

    It 'parses without errors' {
        $parseErrors | Should -BeNullOrEmpty
    }

    It 'has a Pester test beside it' {
        Test-Path -LiteralPath ($Path -replace '\.ps1$', '.Tests.ps1') | Should -BeTrue
    }

    It 'is named Verb-Noun with an approved verb' {
        (Get-Verb).Verb | Should -Contain ($Name -split '-')[0]
    }

    It 'is an advanced script that declares its output type' {
        $binding | Should -Not -BeNullOrEmpty
        $ast.ParamBlock.Attributes.TypeName.Name | Should -Contain 'OutputType'
    }

    It 'has no parameter that is positional by accident' {
        $explicit = @($ast.ParamBlock.Parameters | Where-Object {
                $_.Attributes.NamedArguments | Where-Object ArgumentName -EQ 'Position'
            } | ForEach-Object { $_.Name.VariablePath.UserPath })
        $positional = @((Get-Command $Path).ParameterSets.Parameters | Where-Object Position -GE 0 | ForEach-Object Name | Select-Object -Unique)
        $positional | Where-Object { $explicit -notcontains $_ } | Should -BeNullOrEmpty
    }

    It 'calls no command by an alias' {
        $commands | Where-Object { Get-Alias -Name $_ -ErrorAction Ignore } | Should -BeNullOrEmpty
    }

    It 'writes no data with Write-Host' {
        $commands | Should -Not -Contain 'Write-Host'
    }

    It 'supports -WhatIf and -Confirm, and asks ShouldProcess, when it writes' {
        if ($commands | Where-Object { $writers -contains $_ }) {
            $binding.NamedArguments.ArgumentName | Should -Contain 'SupportsShouldProcess'
            $ast.Extent.Text | Should -Match '\$PSCmdlet\.ShouldProcess\('
        }
    }

    It 'has help: a synopsis, a description and examples' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$Name*"
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
    }

    It 'has help examples that parse' {
        foreach ($example in $help.Examples.Example) {
            $exampleErrors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput(($example.Code -join "`n"), [ref] $null, [ref] $exampleErrors)
            $exampleErrors | Should -BeNullOrEmpty -Because $example.Code
        }
    }

    It 'describes every parameter' {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($name in (Get-Command $Path).Parameters.Keys | Where-Object { $common -notcontains $_ }) {
            $described = $help.Parameters.Parameter | Where-Object Name -EQ $name
            ($described.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$name needs help text"
        }
    }

    It 'is listed in the README under "Admin scripts (examples/)" with a usage line' {
        $readme = Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot '../README.md')
        $section = @($readme -split '(?m)^### ' | Where-Object { $_ -like 'Admin scripts (examples/)*' })
        $section.Count | Should -Be 1
        $section[0] | Should -Match ([regex]::Escape("- ``$Name`` "))
        $section[0] | Should -Match ('(?m)^\./examples/' + [regex]::Escape($Name) + ' ')
    }
}

Describe 'The README''s usage line <Line>' -ForEach $usage {
    BeforeAll {
        # A table with something for every script to find: a locked entry, a plaintext secret, bob co-signing for
        # two people, and a co-signer nobody is enrolled as.
        function Get-Fixture {
            New-TestEnrollment admin
            New-TestEnrollment alice -SecondaryAuthorizers bob, admin -Locked -ConsecutiveFailures 6
            New-TestEnrollment bob -SecondaryAuthorizers admin -SecretStorage Plaintext
            New-TestEnrollment carol -SecondaryAuthorizers bob, admin
            New-TestEnrollment dave -SecondaryAuthorizers zoe
        }
        Mock Get-StsEnrollment { Get-Fixture | Where-Object { -not $Issuer -or $_.Issuer -ceq $Issuer } }
        Mock New-StsEnrollment { }
        Mock Set-StsEnrollment { New-TestEnrollment $AccountName -Issuer $Issuer -SecretStorage Kms }
        Mock Remove-StsEnrollment { }
        Mock Unlock-StsEnrollment { }
        Mock Write-Progress { }

        # As the README says: from the repository root (here a copy of examples/), with the STS_* variables set.
        $root = Join-Path $TestDrive 'repository'
        $null = New-Item -ItemType Directory -Path $root -Force
        Copy-Item -LiteralPath $PSScriptRoot -Destination $root -Recurse -Force
        $saved = @{ Issuer = $env:STS_ISSUER; Table = $env:STS_TABLE_NAME }
        $env:STS_ISSUER = 'Example'
        $env:STS_TABLE_NAME = 'stsftw-auth'
        Push-Location -LiteralPath $root
    }

    AfterAll {
        Pop-Location
        $env:STS_ISSUER = $saved.Issuer
        $env:STS_TABLE_NAME = $saved.Table
    }

    It 'runs as written, without an error' {
        $run = Invoke-WithErrorStream ([scriptblock]::Create($Line))

        $run.Errors | ForEach-Object { $_.ToString() } | Should -BeNullOrEmpty
        Should -Invoke Get-StsEnrollment -Times ([int] ($Line -notlike '*Import-StsEnrollment*')) -Exactly
        if ($Line -like '* -WhatIf*') {
            foreach ($writer in 'New-StsEnrollment', 'Set-StsEnrollment', 'Remove-StsEnrollment', 'Unlock-StsEnrollment') {
                Should -Invoke $writer -Times 0 -Exactly
            }
        }
        else {
            $run.Output | Should -Not -BeNullOrEmpty
        }
    }
}
