# build.ps1 as people run it: in a fresh pwsh each time, for its real exit code, host lines and error stream. Long
# tasks (Test, Deploy) are seen through -WhatIf; Build, Package and Install really run (Install into a temporary
# -InstallPath, never the real module folder), each holding the repository's build lock (TestSupport.ps1).
BeforeDiscovery {
    $script = Join-Path $env:STSFTW_REPOSITORY_ROOT 'build.ps1'
    $examples = @((Get-Help $script -Full).examples.example | ForEach-Object { @{ Code = $_.code.Trim() } })
    $tasks = @((Get-Command $script).Parameters['Task'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateSetAttribute] }).ValidValues)
    # PublishLambda (and so Package) can only really run where Native AOT builds the linux-x64 bootstrap.
    $onLinuxX64 = $IsLinux -and [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture -eq 'X64'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    $root = $env:STSFTW_REPOSITORY_ROOT
    $script = Join-Path $root 'build.ps1'
    $version = (Select-Xml -Path (Join-Path $root 'Directory.Build.props') -XPath '/Project/PropertyGroup/VersionPrefix').Node.InnerText.Trim()
    $tasks = 'Build', 'Test', 'PublishLambda', 'PublishCli', 'Package', 'Deploy', 'Install', 'Sandbox'

    function Invoke-BuildScript {
        # build.ps1 through -Command, so that "-Task A, B" binds as PowerShell reads it; the exit code is the script's.
        param([string] $Arguments, [hashtable] $Environment = @{}, [string] $WorkingDirectory = $root)
        Invoke-ChildPwsh -ArgumentList '-Command', "& '$script' $Arguments; exit `$LASTEXITCODE" -Environment $Environment -WorkingDirectory $WorkingDirectory
    }

    function Get-WhatIfTarget {
        # The targets of the "What if:" lines, in order: the commands (and the install folder) a dry run would touch.
        param([string[]] $Output)
        foreach ($line in $Output) { if ($line -match '^What if: Performing the operation "(.+?)" on target "(.+)"\.$') { $Matches[2] } }
    }

    function New-PathWithOnly {
        # A folder holding links to the named programs only, to put alone on PATH.
        param([string] $Folder, [string[]] $Program)
        $null = New-Item -ItemType Directory -Path $Folder -Force
        foreach ($name in $Program) {
            $target = (Get-Command $name -CommandType Application)[0].Source
            $null = New-Item -ItemType SymbolicLink -Path (Join-Path $Folder $name) -Target $target
        }
        $Folder
    }
}

Describe 'build.ps1 as a script' {
    It 'parses without errors' {
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseFile($script, [ref] $null, [ref] $errors)
        $errors | Should -BeNullOrEmpty
    }

    It 'is ordinary PowerShell of at most 260 lines, strict and stopping at the first error' {
        $text = Get-Content -LiteralPath $script
        $text.Count | Should -BeLessOrEqual 260
        $text | Should -Contain 'Set-StrictMode -Version Latest'
        $text | Should -Contain "`$ErrorActionPreference = 'Stop'"
        (Get-Command $script).ScriptBlock.Ast.ParamBlock.Attributes.Extent.Text | Should -Contain '[CmdletBinding(SupportsShouldProcess)]'
    }

    It 'has one function per task, named Invoke-BuildTask, Invoke-TestTask and so on' {
        $functions = (Get-Command $script).ScriptBlock.Ast.FindAll({ $args[0] -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $false).Name
        foreach ($task in $tasks) { $functions | Should -Contain "Invoke-${task}Task" }
    }

    It 'names every function with an approved verb and gives it a synopsis' {
        $approved = (Get-Verb).Verb
        $functions = (Get-Command $script).ScriptBlock.Ast.FindAll({ $args[0] -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $false)
        foreach ($function in $functions) {
            $approved | Should -Contain ($function.Name -split '-')[0] -Because "$($function.Name) needs an approved verb"
            $function.GetHelpContent().Synopsis | Should -Not -BeNullOrEmpty -Because "$($function.Name) needs a synopsis"
        }
    }

    It 'has a synopsis, a description and examples' {
        $help = Get-Help $script -Full
        $help.Synopsis | Should -Match '^Builds, tests, packages'
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 5
    }

    It 'describes every parameter' {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $help = Get-Help $script -Full
        foreach ($name in (Get-Command $script).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $described = $help.Parameters.Parameter | Where-Object Name -EQ $name
            ($described.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$name needs help text"
        }
    }

    It 'explains task <_> in the help of -Task' -ForEach $tasks {
        (Get-Help $script -Parameter Task).Description.Text | Should -Match "(?m)^\s+$_\s+\S"
    }
}

Describe 'the examples in its help' {
    BeforeAll {
        # Every example, run with -WhatIf from a folder holding the files they name, in one fresh pwsh.
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'examples')
        Set-Content -LiteralPath (Join-Path $folder 'prod.tfvars') -Value 'app_name = "stsftw"'
        Set-Content -LiteralPath (Join-Path $folder 'backend.hcl') -Value 'bucket = "example"'
        $codeFile = Join-Path $TestDrive 'examples.json'
        ConvertTo-Json -InputObject @((Get-Help $script -Full).examples.example.code | ForEach-Object Trim) | Set-Content -LiteralPath $codeFile
        $runner = Join-Path $TestDrive 'Invoke-Examples.ps1'
        Set-Content -LiteralPath $runner -Value @'
param([string] $Script, [string] $CodeFile)
foreach ($example in Get-Content -Raw -LiteralPath $CodeFile | ConvertFrom-Json) {
    $global:LASTEXITCODE = -1
    $command = ($example -replace '^\./build\.ps1', "& '$Script'") + $(if ($example -notmatch '-WhatIf') { ' -WhatIf' })
    $null = Invoke-Expression $command *>&1
    "EXIT $LASTEXITCODE $example"
}
'@
        $run = Invoke-ChildPwsh -ArgumentList '-File', $runner, '-Script', $script, '-CodeFile', $codeFile -WorkingDirectory $folder
        $exits = @{}
        foreach ($line in $run.Output) { if ($line -match '^EXIT (-?\d+) (.+)$') { $exits[$Matches[2]] = [int]$Matches[1] } }
    }

    It 'runs "<Code>" (with -WhatIf)' -ForEach $examples {
        $exits[$Code] | Should -Be 0 -Because ($run.Output + $run.Errors -join "`n")
    }
}

Describe 'tasks seen through -WhatIf' {
    BeforeAll {
        $null = New-Item -ItemType File -Path (Join-Path $TestDrive 'prod.tfvars'), (Join-Path $TestDrive 'backend.hcl')
        $installRoot = Join-Path $TestDrive 'Modules'
        $run = Invoke-BuildScript "-Task Install, Package, Test, Build, Deploy -Configuration Debug -VarFile '$TestDrive/prod.tfvars' -BackendConfig '$TestDrive/backend.hcl' -AutoApprove -InstallPath '$installRoot' -WhatIf"
        $module = Join-Path $root 'src' 'StsFtw.PowerShell' 'StsFtw.PowerShell.csproj'
        $lambda = Join-Path $root 'src' 'StsFtw.Lambda' 'StsFtw.Lambda.csproj'
        $terraform = Join-Path $root 'terraform'
        $zip = Join-Path $root 'artifacts' 'lambda' 'linux-x64' 'bootstrap-linux-x64.zip'
    }

    It 'succeeds' {
        $run.ExitCode | Should -Be 0 -Because ($run.Errors -join "`n")
    }

    It 'runs the tasks in a fixed order, whatever order they are given in, bringing in PublishLambda' {
        $steps = $run.Output | Where-Object { $_ -match '^==> (\w+) \(\d of \d\)$' } | ForEach-Object { $Matches[1] }
        $steps | Should -Be 'Build', 'Test', 'PublishLambda', 'Package', 'Deploy', 'Install'
    }

    It 'shows every command each task would run, and the folder Install would fill' {
        Get-WhatIfTarget $run.Output | Should -Be @(
            "dotnet build $module --configuration Debug --nologo"
            "dotnet build $lambda --configuration Debug --nologo"
            "dotnet test $(Join-Path $root 'StsFtw.slnx') --configuration Debug --nologo"
            "dotnet publish $lambda --configuration Release --runtime linux-x64 --output $(Split-Path $zip) --nologo"
            "dotnet build $module --configuration Debug --nologo -t:PackModule"
            "terraform -chdir=$terraform init -input=false -backend-config=$(Join-Path $TestDrive 'backend.hcl')"
            "terraform -chdir=$terraform apply -input=false -var-file=$(Join-Path $TestDrive 'prod.tfvars') -var=lambda_zip_path=$zip -auto-approve"
            "dotnet build $module --configuration Debug --nologo"
            (Join-Path $installRoot 'StsFtw' $version)
        )
    }

    It 'runs none of them and writes nothing to the output stream' {
        $installRoot | Should -Not -Exist
        $run.Output | Where-Object { $_ -notmatch '^(==> |What if: )' } | Should -BeNullOrEmpty
    }

    It 'reports the version from VersionPrefix, as MSBuild evaluates it' {
        $evaluated = & dotnet msbuild (Join-Path $root 'src' 'StsFtw.PowerShell') -getProperty:VersionPrefix
        $LASTEXITCODE | Should -Be 0
        $evaluated | Should -Be $version
        $run.Output | Should -Contain "==> StsFtw $version (Debug): Build, Test, PublishLambda, Package, Deploy, Install"
    }

    It 'publishes the native client for this machine and packs its two tool packages, always in Release' {
        $cli = Invoke-BuildScript "-Task PublishCli -Configuration Debug -WhatIf"
        $cli.ExitCode | Should -Be 0 -Because ($cli.Errors -join "`n")
        $project = Join-Path $root 'src' 'StsFtw.Cli'
        $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
        $packages = Join-Path $root 'artifacts' 'cli' 'packages'
        Get-WhatIfTarget $cli.Output | Should -Be @(
            "dotnet publish $project --configuration Release --runtime $rid --output $(Join-Path $root 'artifacts' 'cli' $rid) --nologo"
            "dotnet pack $project --configuration Release --output $packages --nologo"
            "dotnet pack $project --configuration Release --output $packages --nologo --runtime $rid"
        )
    }

    It 'leaves -auto-approve and -backend-config out of Deploy unless asked' {
        $deploy = Invoke-BuildScript "-Task Deploy -VarFile '$TestDrive/prod.tfvars' -WhatIf"
        $deploy.ExitCode | Should -Be 0 -Because ($deploy.Errors -join "`n")
        Get-WhatIfTarget $deploy.Output | Where-Object { $_ -like 'terraform *' } | Should -Be @(
            "terraform -chdir=$terraform init -input=false"
            "terraform -chdir=$terraform apply -input=false -var-file=$(Join-Path $TestDrive 'prod.tfvars') -var=lambda_zip_path=$zip"
        )
    }

    It 'installs into the folder Install-Module -Scope <Scope> uses when no -InstallPath is given' -ForEach @(
        @{ Scope = 'CurrentUser'; Expected = { Join-Path $TestDrive 'home' '.local' 'share' 'powershell' 'Modules' 'StsFtw' $version } }
        @{ Scope = 'AllUsers'; Expected = { Join-Path '/usr/local/share/powershell/Modules' 'StsFtw' $version } }
    ) {
        # HOME points at a temporary folder, so even a broken -WhatIf could not touch the real profile.
        $install = Invoke-BuildScript "-Task Install -Scope $Scope -WhatIf" -Environment @{ HOME = (Join-Path $TestDrive 'home'); XDG_DATA_HOME = $null }
        $install.ExitCode | Should -Be 0 -Because ($install.Errors -join "`n")
        Get-WhatIfTarget $install.Output | Select-Object -Last 1 | Should -Be (& $Expected)
    } -Skip:(-not $IsLinux)

    It 'runs the sandbox program' {
        $sandbox = Invoke-BuildScript '-Task Sandbox -WhatIf'
        $sandbox.ExitCode | Should -Be 0 -Because ($sandbox.Errors -join "`n")
        Get-WhatIfTarget $sandbox.Output | Should -Be "dotnet run --project $(Join-Path $root 'src' 'StsFtw.Sandbox') --configuration Release"
    }
}

Describe 'failures' {
    It 'refuses an unknown task with a non-zero exit code, naming the valid tasks' {
        $run = Invoke-ChildPwsh -ArgumentList '-File', $script, '-Task', 'Deplyo'
        $run.ExitCode | Should -Not -Be 0
        $run.Errors -join ' ' | Should -Match '"Deplyo" does not belong to the set "Build,Test,PublishLambda,PublishCli,Package,Deploy,Install,Sandbox"'
    }

    It 'names every missing tool with what to install, before anything runs' {
        $path = New-PathWithOnly -Folder (Join-Path $TestDrive 'dotnet-only') -Program dotnet
        $run = Invoke-BuildScript "-Task Test, Deploy -VarFile '$script' -WhatIf" -Environment @{ PATH = $path }
        $run.ExitCode | Should -Be 1
        $message = $run.Errors -join ' '
        $message | Should -Match 'node \(for Test\) is not on PATH: install Node\.js 18 or later'
        $message | Should -Match 'npm \(for Test\) is not on PATH'
        $message | Should -Match 'clang or gcc \(for Test, PublishLambda\) is not on PATH: install clang or gcc'
        $message | Should -Match 'terraform \(for Deploy\) is not on PATH: install the Terraform CLI'
        $message | Should -Not -Match 'dotnet \(for'
        $run.Output | Should -BeNullOrEmpty
    }

    It 'refuses Deploy without -VarFile before anything runs' {
        $run = Invoke-BuildScript '-Task Deploy -WhatIf'
        $run.ExitCode | Should -Be 1
        $run.Errors -join ' ' | Should -Match 'build\.ps1: .*Deploy needs -VarFile <file\.tfvars>'
        $run.Output | Should -BeNullOrEmpty
    }

    It 'names every missing Deploy file at once' {
        $run = Invoke-BuildScript "-Task Deploy -VarFile '$TestDrive/nope.tfvars' -BackendConfig '$TestDrive/nope.hcl' -WhatIf"
        $run.ExitCode | Should -Be 1
        $message = $run.Errors -join ' '
        $message | Should -Match "'$([regex]::Escape("$TestDrive/nope.tfvars"))' does not exist"
        $message | Should -Match "'$([regex]::Escape("$TestDrive/nope.hcl"))' does not exist"
    }

    It 'stops at the first failing command with exit code 1, naming it and its exit code' {
        $bin = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'failing')
        $log = Join-Path $TestDrive 'failing.log'
        Set-Content -LiteralPath (Join-Path $bin 'dotnet') -Value "#!/bin/sh`necho `"`$*`" >> '$log'`nexit 3"
        [System.IO.File]::SetUnixFileMode((Join-Path $bin 'dotnet'), 'UserRead, UserWrite, UserExecute')
        $run = Invoke-BuildScript '-Task Build' -Environment @{ PATH = $bin.FullName }
        $run.ExitCode | Should -Be 1
        $run.Errors -join ' ' | Should -Match "build\.ps1: dotnet build $([regex]::Escape((Join-Path $root 'src' 'StsFtw.PowerShell' 'StsFtw.PowerShell.csproj'))) --configuration Release --nologo failed with exit code 3\."
        @(Get-Content -LiteralPath $log).Count | Should -Be 1 -Because 'the backend build must not run after the module build failed'
    } -Skip:$IsWindows

    It 'says where to publish the backend from on <OperatingSystem> <Architecture>' -ForEach @(
        @{ OperatingSystem = 'Windows'; Architecture = 'X64'; Expected = 'Run it in WSL \(wsl -- pwsh \./build\.ps1 -Task PublishLambda\)' }
        @{ OperatingSystem = 'macOS'; Architecture = 'Arm64'; Expected = 'this is macOS Arm64\. Use a Linux x64 container or VM' }
        @{ OperatingSystem = 'Linux'; Architecture = 'Arm64'; Expected = 'this is Linux Arm64' }
    ) {
        # The check itself, taken from the script: this machine cannot pretend to be another.
        $function = (Get-Command $script).ScriptBlock.Ast.Find({ $args[0] -is [System.Management.Automation.Language.FunctionDefinitionAst] -and $args[0].Name -eq 'Get-LambdaPlatformProblem' }, $false)
        . ([scriptblock]::Create($function.Extent.Text))
        Get-LambdaPlatformProblem -OperatingSystem $OperatingSystem -Architecture $Architecture | Should -Match $Expected
        Get-LambdaPlatformProblem -OperatingSystem Linux -Architecture X64 | Should -BeNullOrEmpty
    }
}

Describe 'tasks really run' {
    It 'Build builds the module and the backend with nothing but dotnet on PATH (no Node.js)' {
        $path = New-PathWithOnly -Folder (Join-Path $TestDrive 'dotnet-only') -Program dotnet
        $run = Use-BuildLock { Invoke-ChildPwsh -ArgumentList '-Command', "`$out = & '$script' -Task Build; 'OUTPUT OBJECTS ' + @(`$out).Count; exit `$LASTEXITCODE" -Environment @{ PATH = $path } }
        $run.ExitCode | Should -Be 0 -Because ($run.Output + $run.Errors -join "`n")
        $run.Output | Should -Contain 'OUTPUT OBJECTS 0'
        $run.Output | Should -Contain "==> Module folder: $(Join-Path $root 'artifacts' 'module' 'Release' 'StsFtw')"
        (Test-ModuleManifest (Join-Path $root 'artifacts' 'module' 'Release' 'StsFtw' 'StsFtw.psd1')).Version | Should -Be $version
        Join-Path $root 'src' 'StsFtw.Lambda' 'bin' 'Release' 'net10.0' 'bootstrap.dll' | Should -Exist
    }

    Context 'Package' {
        BeforeAll {
            $run = Use-BuildLock { Invoke-ChildPwsh -ArgumentList '-Command', "& '$script' -Task Package | ConvertTo-Json -Compress | ForEach-Object { 'PACKAGE ' + `$_ }; exit `$LASTEXITCODE" }
            $package = $run.Output | Where-Object { $_ -like 'PACKAGE *' } | ForEach-Object { $_.Substring(8) | ConvertFrom-Json }
        }

        It 'succeeds and writes one object naming what it made' {
            $run.ExitCode | Should -Be 0 -Because ($run.Output + $run.Errors -join "`n")
            @($package).Count | Should -Be 1
            $package.Version | Should -Be $version
            $package.ModuleFolder | Should -Be (Join-Path $root 'artifacts' 'module' 'Release' 'StsFtw')
            $package.ModulePackage | Should -Be (Join-Path $root 'artifacts' 'package' 'Release' "StsFtw.$version.nupkg")
            $package.LambdaZip | Should -Be (Join-Path $root 'artifacts' 'lambda' 'linux-x64' 'bootstrap-linux-x64.zip')
        }

        It 'packs the module with the version VersionPrefix sets, in the .nuspec and the manifest' {
            Add-Type -AssemblyName System.IO.Compression.FileSystem
            $zip = [System.IO.Compression.ZipFile]::OpenRead($package.ModulePackage)
            try {
                $read = { param($name) $reader = [IO.StreamReader]::new($zip.GetEntry($name).Open()); try { $reader.ReadToEnd() } finally { $reader.Dispose() } }
                ([xml](& $read 'StsFtw.nuspec')).package.metadata.version | Should -Be $version
                & $read 'StsFtw.psd1' | Should -Match "(?m)^\s*ModuleVersion\s*=\s*'$([regex]::Escape($version))'"
            }
            finally { $zip.Dispose() }
        }

        It 'publishes the Lambda zip with bootstrap at its root and says so' {
            Add-Type -AssemblyName System.IO.Compression.FileSystem
            $zip = [System.IO.Compression.ZipFile]::OpenRead($package.LambdaZip)
            try { $zip.Entries.FullName | Should -Contain 'bootstrap' } finally { $zip.Dispose() }
            ($run.Output -match '^==> \w+ \(\d of 2\)$') | Should -Be '==> PublishLambda (1 of 2)', '==> Package (2 of 2)'
            ($run.Output -match '^==> Lambda zip: .+ \(CodeSha256 [A-Za-z0-9+/]{43}=\)$').Count | Should -Be 1
        }
    } -Skip:(-not $onLinuxX64)

    Context 'Install' {
        BeforeAll {
            $installRoot = Join-Path $TestDrive 'Modules'
            $installed = Join-Path $installRoot 'StsFtw' $version
            New-Item -ItemType Directory -Path $installed, (Join-Path $installRoot 'StsFtw' '0.0.1') -Force | Out-Null
            Set-Content -LiteralPath (Join-Path $installed 'stale.dll') -Value 'from an earlier build'
            Set-Content -LiteralPath (Join-Path $installRoot 'StsFtw' '0.0.1' 'StsFtw.psd1') -Value '@{ ModuleVersion = ''0.0.1'' }'
            $run = Use-BuildLock { Invoke-BuildScript "-Task Install -InstallPath '$installRoot'" }
        }

        It 'copies the built module into StsFtw/VERSION under -InstallPath, replacing that version only' {
            $run.ExitCode | Should -Be 0 -Because ($run.Output + $run.Errors -join "`n")
            $run.Output | Should -Contain "==> Installed StsFtw $version in $installed"
            $module = Join-Path $root 'artifacts' 'module' 'Release' 'StsFtw'
            $expected = Get-ChildItem -LiteralPath $module -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($module, $_.FullName) } | Sort-Object
            Get-ChildItem -LiteralPath $installed -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($installed, $_.FullName) } | Sort-Object | Should -Be $expected
            Join-Path $installRoot 'StsFtw' '0.0.1' 'StsFtw.psd1' | Should -Exist
        }

        It 'warns when the folder is not on PSModulePath' {
            $run.Output -join ' ' | Should -Match "WARNING: '$([regex]::Escape($installRoot))' is not on \`$env:PSModulePath"
        }

        It 'leaves a module that a fresh pwsh imports by name at that version' {
            $import = Invoke-ChildPwsh -ArgumentList '-Command', 'Import-Module StsFtw -ErrorAction Stop; $m = Get-Module StsFtw; "VERSION $($m.Version)"; "BASE $($m.ModuleBase)"; "CMDLETS $($m.ExportedCmdlets.Count)"' -Environment @{ PSModulePath = $installRoot }
            $import.ExitCode | Should -Be 0 -Because ($import.Errors -join "`n")
            $import.Output | Should -Contain "VERSION $version"
            $import.Output | Should -Contain "BASE $installed"
            # Every cmdlet the manifest exports (a count taken from it, so a new cmdlet needs no edit here).
            $import.Output | Should -Contain "CMDLETS $(@((Import-PowerShellDataFile (Join-Path $env:STSFTW_REPOSITORY_ROOT 'StsFtw.psd1')).CmdletsToExport).Count)"
        }
    }
}
