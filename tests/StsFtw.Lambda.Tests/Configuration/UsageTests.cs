using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using StsFtw.Core.Hosting;
using StsFtw.Lambda.Configuration;

namespace StsFtw.Lambda.Tests.Configuration;

/// <summary><c>bootstrap --help</c> lists every setting the reader reads, with the bounds and defaults it enforces.</summary>
public sealed partial class UsageTests
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:stsftw-audit";
    private const string Region = "us-east-1";

    /// <summary>Where each whole-number setting lands in what the reader returns.</summary>
    private static readonly Dictionary<string, Func<BackendSettings, int>> ReadBack = new()
    {
        [SettingNames.LockoutFailureLimit] = s => s.Broker.Lockout.FailureLimit,
        [SettingNames.LockoutSeconds] = s => (int)s.Broker.Lockout.Duration.TotalSeconds,
        [SettingNames.LockoutMaximumSeconds] = s => (int)s.Broker.Lockout.MaximumDuration.TotalSeconds,
        [SettingNames.DefaultDurationSeconds] = s => s.Broker.DefaultDurationSeconds,
        [SettingNames.MaximumDurationSeconds] = s => s.Broker.MaximumDurationSeconds,
        [SettingNames.FailureBudget] = s => s.Broker.Lockout.Budget.Failures,
        [SettingNames.FailureBudgetWindowSeconds] = s => (int)s.Broker.Lockout.Budget.Window.TotalSeconds,
    };

    public static TheoryData<string> WholeNumberNames => new(WholeNumberSettings().Select(s => s.Name));

    [Fact]
    public void EveryVariableTheReaderReadsHasARow()
    {
        var environment = new RecordingEnvironment(new() { [SettingNames.TableName] = "auth", [SettingNames.AuditTopicArn] = Topic, [SettingNames.Region] = Region });

        BackendSettingsReader.Read(environment);

        Assert.NotEmpty(environment.Asked);
        // The Runtime API only tells Lambda mode from the local one; it is named in the Lambda mode's line.
        Assert.All(environment.Asked.Except([SettingNames.RuntimeApi]), name => Assert.Contains(name, RowNames()));
        Assert.Contains($"(needs {SettingNames.RuntimeApi})", CommandLine.Usage, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryEndpointOverrideTheLambdaModeChecksIsCoveredByTheEndpointsRow()
    {
        var prefix = SettingCatalog.Endpoints.Name.Split('[')[0];

        Assert.Contains(SettingCatalog.Endpoints.Name, RowNames());
        Assert.All(EndpointOverrideRules.Variables, name => Assert.StartsWith(prefix, name, StringComparison.Ordinal));
    }

    [Fact]
    public void EverySettingNameIsInTheHelp()
    {
        var names = typeof(SettingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        // The Runtime API is named in the Lambda mode's line; the trace id is written for the SDK, not configured.
        var configured = names.Except([SettingNames.RuntimeApi, SettingNames.TraceId]).ToList();

        Assert.Equal(names.Count - 2, configured.Count);
        Assert.All(configured, name => Assert.Contains(name, RowNames()));
        Assert.Contains($"(needs {SettingNames.RuntimeApi})", CommandLine.Usage, StringComparison.Ordinal);
    }

    [Fact]
    public void EachCatalogEntryIsOneRowWithItsMeaningValuesAndDefault()
    {
        Assert.Equal(SettingCatalog.All.Select(s => s.Name), RowNames());
        Assert.All(SettingCatalog.All, setting =>
        {
            var cells = Cells(setting.Name);
            Assert.Equal(setting.Values.Length == 0 ? [setting.Name, setting.Meaning, setting.DefaultText ?? "required"]
                : [setting.Name, setting.Meaning, setting.Values, setting.DefaultText ?? "required"], cells);
        });
        Assert.Equal(["required", "required", "required"], SettingCatalog.All.Where(s => s.IsRequired).Select(s => Cells(s.Name)[^1]));
    }

    [Fact]
    public void ColumnsAreAligned()
    {
        var header = Row("variable");
        Assert.All(SettingCatalog.All, setting =>
        {
            var row = Row(setting.Name);
            Assert.Equal(header.IndexOf("meaning", StringComparison.Ordinal), row.IndexOf(setting.Meaning, StringComparison.Ordinal));
            Assert.Equal(header.IndexOf("default", StringComparison.Ordinal), row.Length - (setting.DefaultText ?? "required").Length);
            if (setting.Values.Length > 0)
            {
                Assert.Equal(header.IndexOf("values", StringComparison.Ordinal), row.LastIndexOf(setting.Values, StringComparison.Ordinal));
            }
        });
    }

    [Fact]
    public void EveryWholeNumberSettingIsCheckedAgainstTheReader() =>
        Assert.Equal(ReadBack.Keys.Order(StringComparer.Ordinal), WholeNumberSettings().Select(s => s.Name).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(WholeNumberNames))]
    public void PrintedDefaultIsTheReadersDefault(string name)
    {
        var settings = BackendSettingsReader.Read(Environment());

        Assert.Equal(PrintedDefault(name), ReadBack[name](settings));
    }

    [Theory]
    [MemberData(nameof(WholeNumberNames))]
    public void BothEndsOfThePrintedRangeAreAccepted(string name)
    {
        var (minimum, maximum) = PrintedRange(name);

        foreach (var value in new[] { minimum, maximum })
        {
            var settings = BackendSettingsReader.Read(Environment(name, value));
            Assert.Equal(value, ReadBack[name](settings));
        }
    }

    [Theory]
    [MemberData(nameof(WholeNumberNames))]
    public void OnePastThePrintedRangeIsRefusedNamingThatRange(string name)
    {
        var (minimum, maximum) = PrintedRange(name);

        foreach (var value in new[] { minimum - 1, maximum + 1 })
        {
            var error = Assert.Throws<ConfigurationException>(() => BackendSettingsReader.Read(Environment(name, value)));
            var problem = Assert.Single(error.Problems);
            Assert.StartsWith(name, problem, StringComparison.Ordinal);
            Assert.Contains($"from {minimum} to {maximum}", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PrintedFlagValuesAreTheOnesAccepted()
    {
        var flag = SettingCatalog.RequireEncryptedSecrets;
        var values = Cells(flag.Name)[2].Split(", ");

        Assert.Equal(2, values.Length);
        Assert.All(values, value => BackendSettingsReader.Read(new DictionaryEnvironmentVariables(new Dictionary<string, string?>
        {
            [SettingNames.TableName] = "auth",
            [SettingNames.AuditTopicArn] = Topic,
            [SettingNames.Region] = Region,
            [SettingNames.KmsKeyId] = "alias/stsftw",
            [flag.Name] = value,
        })));
    }

    private static IEnumerable<WholeNumberSetting> WholeNumberSettings() => SettingCatalog.All.OfType<WholeNumberSetting>();

    /// <summary>
    /// The required settings plus <paramref name="name"/> set to <paramref name="value"/>, with the settings that bound
    /// others at their most permissive (the shortest first lock, the longest session) so only the range is tested.
    /// </summary>
    private static DictionaryEnvironmentVariables Environment(string? name = null, int value = 0)
    {
        var variables = new Dictionary<string, string?> { [SettingNames.TableName] = "auth", [SettingNames.AuditTopicArn] = Topic, [SettingNames.Region] = Region };
        if (name is null) return new DictionaryEnvironmentVariables(variables);
        variables[SettingNames.LockoutSeconds] = Text(PrintedRange(SettingNames.LockoutSeconds).Minimum);
        variables[SettingNames.MaximumDurationSeconds] = Text(PrintedRange(SettingNames.MaximumDurationSeconds).Maximum);
        variables[name] = Text(value);
        return new DictionaryEnvironmentVariables(variables);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static (int Minimum, int Maximum) PrintedRange(string name)
    {
        var bounds = Cells(name)[2].Split('-');
        Assert.Equal(2, bounds.Length);
        return (int.Parse(bounds[0], CultureInfo.InvariantCulture), int.Parse(bounds[1], CultureInfo.InvariantCulture));
    }

    private static int PrintedDefault(string name) => int.Parse(Cells(name)[3], CultureInfo.InvariantCulture);

    private static string[] Cells(string name) => ColumnGap().Split(Row(name).Trim());

    private static string Row(string name) =>
        Assert.Single(SettingLines(), line => line.TrimStart().StartsWith(name + " ", StringComparison.Ordinal));

    private static List<string> RowNames() => SettingLines().Skip(1).Select(line => line.TrimStart().Split(' ')[0]).ToList();

    /// <summary>The lines under "Configuration", the header row first.</summary>
    private static IEnumerable<string> SettingLines() =>
        CommandLine.Usage.Split('\n').SkipWhile(line => !line.StartsWith("Configuration", StringComparison.Ordinal)).Skip(1);

    [GeneratedRegex(@" {2,}")]
    private static partial Regex ColumnGap();

    private sealed class RecordingEnvironment(Dictionary<string, string?> values) : IEnvironmentVariables
    {
        public List<string> Asked { get; } = new();

        public string? Get(string name)
        {
            Asked.Add(name);
            return values.GetValueOrDefault(name);
        }

        public void Set(string name, string? value) => values[name] = value;
    }
}
