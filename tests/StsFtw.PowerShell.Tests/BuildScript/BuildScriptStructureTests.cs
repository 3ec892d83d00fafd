using System.Management.Automation;
using System.Management.Automation.Language;

namespace StsFtw.PowerShell.Tests.BuildScript;

/// <summary>build.ps1 read by the engine's parser: it parses, its parameters and every function are documented.</summary>
public sealed class BuildScriptStructureTests
{
    private static readonly string[] TaskNames = { "Build", "Test", "Package", "PublishLambda", "Deploy", "Install" };

    private static readonly string[] NativeTools = { "dotnet", "terraform", "npm", "node", "clang", "gcc" };

    private static readonly ScriptBlockAst Script = Parse();

    private static ScriptBlockAst Parse()
    {
        var ast = Parser.ParseFile(BuildScriptSession.ScriptPath, out _, out var errors);
        Assert.True(errors.Length == 0, "build.ps1 has parse errors: " + string.Join(" | ", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
        return ast;
    }

    private static IReadOnlyList<FunctionDefinitionAst> Functions =>
        Script.FindAll(a => a is FunctionDefinitionAst, searchNestedScriptBlocks: true).Cast<FunctionDefinitionAst>().ToArray();

    private static ParameterAst ScriptParameter(string name) =>
        Script.ParamBlock.Parameters.Single(p => p.Name.VariablePath.UserPath == name);

    private static string[] ValidateSetOf(ParameterAst parameter) =>
        parameter.Attributes.OfType<AttributeAst>().Single(a => a.TypeName.Name == "ValidateSet")
            .PositionalArguments.Cast<StringConstantExpressionAst>().Select(s => s.Value).ToArray();

    public static TheoryData<string> FunctionNames()
    {
        var data = new TheoryData<string>();
        foreach (var function in Functions) data.Add(function.Name);
        return data;
    }

    [Fact]
    public void ParsesWithoutErrors()
    {
        Parser.ParseFile(BuildScriptSession.ScriptPath, out var tokens, out var errors);
        Assert.Empty(errors);
        Assert.NotEmpty(tokens);
    }

    [Fact]
    public void RequiresPowerShell72()
    {
        Assert.Equal(new Version(7, 2), Script.ScriptRequirements.RequiredPSVersion);
    }

    [Fact]
    public void ScriptIsAnAdvancedScriptThatSupportsWhatIf()
    {
        var binding = Script.ParamBlock.Attributes.Single(a => a.TypeName.Name == "CmdletBinding");
        var supports = Assert.Single(binding.NamedArguments, n => n.ArgumentName == "SupportsShouldProcess");
        Assert.True(supports.ExpressionOmitted || supports.Argument.SafeGetValue() is true);
    }

    [Fact]
    public void TaskAcceptsExactlyTheSixTasksAndSeveralAtOnce()
    {
        var task = ScriptParameter("Task");
        Assert.Equal(TaskNames.Order(), ValidateSetOf(task).Order());
        Assert.Equal(typeof(string[]), task.StaticType);
    }

    [Fact]
    public void ConfigurationIsReleaseOrDebugAndDefaultsToRelease()
    {
        var configuration = ScriptParameter("Configuration");
        Assert.Equal(new[] { "Release", "Debug" }, ValidateSetOf(configuration));
        Assert.Equal("Release", configuration.DefaultValue?.SafeGetValue());
    }

    [Fact]
    public void ScopeIsCurrentUserOrAllUsersAndDefaultsToCurrentUser()
    {
        var scope = ScriptParameter("Scope");
        Assert.Equal(new[] { "CurrentUser", "AllUsers" }, ValidateSetOf(scope));
        Assert.Equal("CurrentUser", scope.DefaultValue?.SafeGetValue());
    }

    [Fact]
    public void DeployInputsAreParameters()
    {
        Assert.Equal(typeof(string), ScriptParameter("VarFile").StaticType);
        Assert.Equal(typeof(string), ScriptParameter("BackendConfig").StaticType);
        Assert.Equal(typeof(SwitchParameter), ScriptParameter("AutoApprove").StaticType);
    }

    [Fact]
    public void ScriptHelpDocumentsEveryParameterAndHasAnExamplePerTask()
    {
        var help = Script.GetHelpContent();
        Assert.NotNull(help);
        Assert.False(string.IsNullOrWhiteSpace(help.Synopsis));
        Assert.False(string.IsNullOrWhiteSpace(help.Description));
        foreach (var parameter in Script.ParamBlock.Parameters)
        {
            var name = parameter.Name.VariablePath.UserPath;
            Assert.True(help.Parameters.Keys.Any(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)), $".PARAMETER {name} is missing.");
            Assert.False(string.IsNullOrWhiteSpace(help.Parameters.Single(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value));
        }
        foreach (var task in TaskNames)
        {
            Assert.True(help.Examples.Any(e => e.Contains($"-Task {task}", StringComparison.Ordinal)), $"No .EXAMPLE runs -Task {task}.");
        }
    }

    [Fact]
    public void EachTaskHasItsOwnFunction()
    {
        foreach (var task in TaskNames)
        {
            Assert.Contains(Functions, f => f.Name == $"Invoke-{task}Task");
        }
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void FunctionIsAnAdvancedFunctionWithAnApprovedVerb(string name)
    {
        var function = Functions.Single(f => f.Name == name);
        Assert.NotNull(function.Body.ParamBlock);
        Assert.Contains(function.Body.ParamBlock.Attributes, a => a.TypeName.Name == "CmdletBinding");
        var approved = new[] { typeof(VerbsCommon), typeof(VerbsData), typeof(VerbsLifecycle), typeof(VerbsDiagnostic), typeof(VerbsCommunications), typeof(VerbsSecurity), typeof(VerbsOther) }
            .SelectMany(t => t.GetFields()).Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.Contains(name.Split('-')[0], approved);
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void FunctionHelpHasASynopsisAnExampleAndEveryParameter(string name)
    {
        var function = Functions.Single(f => f.Name == name);
        var help = function.GetHelpContent();
        Assert.NotNull(help);
        Assert.False(string.IsNullOrWhiteSpace(help.Synopsis), $"{name} has no .SYNOPSIS.");
        Assert.NotEmpty(help.Examples);
        foreach (var parameter in function.Body.ParamBlock!.Parameters)
        {
            var parameterName = parameter.Name.VariablePath.UserPath;
            Assert.True(
                help.Parameters.Any(p => string.Equals(p.Key, parameterName, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(p.Value)),
                $"{name} does not document -{parameterName}.");
        }
    }

    [Fact]
    public void NoExternalProgramIsCalledByNameSoEveryCallHasItsExitCodeChecked()
    {
        var direct = Script.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>()
            .Where(c => c.GetCommandName() is { } commandName && NativeTools.Contains(commandName, StringComparer.OrdinalIgnoreCase))
            .Select(c => $"{c.Extent.StartLineNumber}: {c.Extent.Text}")
            .ToArray();
        Assert.Empty(direct);

        // The one place a program starts is the call operator in Invoke-NativeCommand, which checks $LASTEXITCODE.
        var calls = Script.FindAll(a => a is CommandAst { InvocationOperator: TokenKind.Ampersand }, searchNestedScriptBlocks: true).ToArray();
        var call = Assert.Single(calls);
        var owner = call.Parent;
        while (owner is not FunctionDefinitionAst) owner = owner!.Parent;
        Assert.Equal("Invoke-NativeCommand", ((FunctionDefinitionAst)owner).Name);
        Assert.Contains("$LASTEXITCODE -ne 0", owner.Extent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FailuresStopTheScript()
    {
        var statements = Script.EndBlock.Statements.Select(s => s.Extent.Text).ToArray();
        Assert.Contains("$ErrorActionPreference = 'Stop'", statements);
        Assert.Contains("Set-StrictMode -Version Latest", statements);
    }
}
