using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StsFtw.Core.Validation;

namespace StsFtw.Core.Tests.Validation;

public sealed class InputRulesTests
{
    [Theory]
    [InlineData("123456", true)]
    [InlineData("000000", true)]
    [InlineData("12345", false)]
    [InlineData("1234567", false)]
    [InlineData("12345a", false)]
    [InlineData("١٢٣٤٥٦", false)] // Arabic-Indic digits: char.IsDigit says yes, TOTP says no
    [InlineData(" 12345", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void CodesAreExactlySixAsciiDigits(string? code, bool accepted)
    {
        Assert.Equal(accepted, InputRules.CheckTotpCode(code) is null);
    }

    [Theory]
    [InlineData("Developer", true)]
    [InlineData("stsftw-admin_role+=,.@", true)]
    [InlineData("arn:aws:iam::123456789012:role/Developer", true)]
    [InlineData("arn:aws:iam::123456789012:role/stsftw/team/Developer", true)]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/Developer", true)]
    [InlineData("arn:aws:iam::12345678901:role/Developer", false)]
    [InlineData("arn:aws:iam::123456789012:user/Developer", false)]
    [InlineData("arn:aws:iam::123456789012:role/", false)]
    [InlineData("arn:aws:sts::123456789012:role/Developer", false)]
    [InlineData("Dev Ops", false)]
    [InlineData("Développeur", false)]
    [InlineData("role/Developer", false)]
    [InlineData("", false)]
    public void RolesFollowIamNameAndArnRules(string role, bool accepted)
    {
        Assert.Equal(accepted, InputRules.CheckRole(role) is null);
    }

    [Theory]
    [InlineData("Developer\n")]
    [InlineData("arn:aws:iam::123456789012:role/Developer\n")]
    public void TrailingNewlineDoesNotSlipPastTheRoleRules(string role)
    {
        Assert.NotNull(InputRules.CheckRole(role));
    }

    [Fact]
    public void RoleNamesLongerThanIamAllowsAreRefused()
    {
        Assert.Null(InputRules.CheckRole(new string('r', 64)));
        Assert.NotNull(InputRules.CheckRole(new string('r', 65)));
    }

    [Theory]
    [InlineData("alice", true)]
    [InlineData("alice@example.com", true)]
    [InlineData("Zoë Müller", true)]
    [InlineData("alice\n", false)]
    [InlineData("ali\u200Bce", false)]   // zero-width space
    [InlineData("ali\u202Ece", false)]   // right-to-left override
    [InlineData("alice\u0000", false)]
    [InlineData(" alice", false)]
    public void AccountNamesArePrintableText(string name, bool accepted)
    {
        Assert.Equal(accepted, InputRules.CheckAccountName(name) is null);
    }

    [Fact]
    public void LoneSurrogatesAreRefused()
    {
        Assert.NotNull(InputRules.CheckAccountName("\uD800alice"));
        Assert.NotNull(InputRules.CheckAccountName("alice\uDC00"));
        Assert.Null(InputRules.CheckAccountName("alice\uD83D\uDE00"));
    }

    [Theory]
    [InlineData("alice\U000E0041", false)]   // tag LATIN CAPITAL LETTER A: invisible, a surrogate pair
    [InlineData("\U000E0001alice", false)]   // LANGUAGE TAG
    [InlineData("alice\U000F0000", false)]   // supplementary private use area A
    [InlineData("alice\U0001D7CF", true)]    // MATHEMATICAL BOLD DIGIT ONE: visible
    public void InvisibleCharactersOutsideTheBasicPlaneAreRefused(string name, bool accepted)
    {
        Assert.Equal(accepted, InputRules.CheckAccountName(name) is null);
    }

    [Fact]
    public void IssuerMayNotContainTheLabelSeparator()
    {
        Assert.NotNull(InputRules.CheckIssuer("Example:Corp"));
        Assert.Null(InputRules.CheckIssuer("Example Corp"));
    }

    [Fact]
    public void NamesAreBoundedInLength()
    {
        Assert.Null(InputRules.CheckAccountName(new string('a', InputRules.MaximumAccountNameLength)));
        Assert.NotNull(InputRules.CheckAccountName(new string('a', InputRules.MaximumAccountNameLength + 1)));
        Assert.NotNull(InputRules.CheckIssuer(new string('a', InputRules.MaximumIssuerLength + 1)));
    }

    [Theory]
    [InlineData(899, false)]
    [InlineData(900, true)]
    [InlineData(3600, true)]
    [InlineData(3601, false)]
    [InlineData(43200, false)]
    public void DurationIsWithinTheRoleChainingLimits(int seconds, bool accepted)
    {
        Assert.Equal(accepted, InputRules.CheckDurationSeconds(seconds) is null);
    }

    [Property(MaxTest = 1000)]
    public bool AnAcceptedCodeIsSixAsciiDigits(string code) =>
        InputRules.CheckTotpCode(code) is not null || (code.Length == 6 && code.All(c => c >= '0' && c <= '9'));

    [Property(MaxTest = 1000)]
    public bool AnAcceptedAccountNameHasNoControlOrInvisibleCharacter(string name) =>
        InputRules.CheckAccountName(name) is not null
        || (name.Length <= InputRules.MaximumAccountNameLength && !name.Any(char.IsControl) && name.IndexOf('\u200B') < 0);

    [Property(MaxTest = 1000)]
    public bool AnAcceptedRoleIsAnIamNameOrARoleArn(string role) =>
        InputRules.CheckRole(role) is not null
        || role.StartsWith("arn:aws", StringComparison.Ordinal)
        || (role.Length <= 64 && role.All(c => c < 0x80 && (char.IsLetterOrDigit(c) || "_+=,.@-".IndexOf(c) >= 0)));

    [Property(MaxTest = 300)]
    public Property ReasonsNeverEchoTheValue(NonEmptyString value)
    {
        var text = "zq" + value.Get + "zq";
        var reasons = new[] { InputRules.CheckTotpCode(text), InputRules.CheckRole(text), InputRules.CheckAccountName(text), InputRules.CheckIssuer(text) };
        return reasons.All(r => r is null || !r.Contains(text, StringComparison.Ordinal)).ToProperty();
    }
}
