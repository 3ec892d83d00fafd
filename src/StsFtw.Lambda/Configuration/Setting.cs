using System.Globalization;

namespace StsFtw.Lambda.Configuration;

/// <summary>
/// One environment variable the backend reads, as <see cref="SettingCatalog"/> lists it: the reader takes its bounds
/// and default from here and <c>bootstrap --help</c> prints it from here, so the two cannot drift apart.
/// </summary>
/// <param name="Name">The variable.</param>
/// <param name="Meaning">What it sets, in a few words.</param>
public abstract record Setting(string Name, string Meaning)
{
    /// <summary>The values accepted, as help prints them; empty for text, whose form the reader checks.</summary>
    public abstract string Values { get; }

    /// <summary>What applies when the variable is unset, as help prints it; null when it must be set.</summary>
    public abstract string? DefaultText { get; }

    /// <summary>True when the backend refuses to start without it.</summary>
    public bool IsRequired => DefaultText is null;
}

/// <summary>A setting whose value is text: a name, an ARN, a key id, a pattern.</summary>
/// <param name="Name">The variable.</param>
/// <param name="Meaning">What it sets, in a few words.</param>
/// <param name="Default">What applies when it is unset, in words; null when it is required.</param>
public sealed record TextSetting(string Name, string Meaning, string? Default) : Setting(Name, Meaning)
{
    /// <inheritdoc />
    public override string Values => "";

    /// <inheritdoc />
    public override string? DefaultText => Default;
}

/// <summary>A setting that is <c>true</c> or <c>false</c> (in any case), <c>false</c> when unset.</summary>
/// <param name="Name">The variable.</param>
/// <param name="Meaning">What <c>true</c> does, in a few words.</param>
public sealed record FlagSetting(string Name, string Meaning) : Setting(Name, Meaning)
{
    /// <summary>The word for on.</summary>
    public const string True = "true";

    /// <summary>The word for off, and the value when unset.</summary>
    public const string False = "false";

    /// <inheritdoc />
    public override string Values => $"{True}, {False}";

    /// <inheritdoc />
    public override string? DefaultText => False;
}

/// <summary>A setting that is a whole number within bounds.</summary>
/// <param name="Name">The variable.</param>
/// <param name="Meaning">What it sets, in a few words.</param>
/// <param name="Minimum">The smallest value accepted.</param>
/// <param name="Maximum">The largest value accepted.</param>
/// <param name="Default">The value when it is unset.</param>
public sealed record WholeNumberSetting(string Name, string Meaning, int Minimum, int Maximum, int Default) : Setting(Name, Meaning)
{
    /// <inheritdoc />
    public override string Values => string.Create(CultureInfo.InvariantCulture, $"{Minimum}-{Maximum}");

    /// <inheritdoc />
    public override string? DefaultText => Default.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="value"/> is within the bounds.</summary>
    public bool Accepts(int value) => value >= Minimum && value <= Maximum;
}
