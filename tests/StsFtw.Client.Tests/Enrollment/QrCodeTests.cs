using StsFtw.Client.Enrollment;

namespace StsFtw.Client.Tests.Enrollment;

/// <summary>The QR drawings New-StsEnrollment and stsftw enroll share; scanning them is tested with the module (EnrollmentTests).</summary>
public sealed class QrCodeTests
{
    private const string Uri = "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example";

    [Fact]
    public void TheTerminalDrawingHasTwoModuleRowsPerLineAndOnlyBlockCharacters()
    {
        var size = TerminalQrCode.Modules(Uri).GetLength(0);
        var lines = TerminalQrCode.Render(Uri);
        Assert.Equal((size + 1) / 2, lines.Count);
        Assert.All(lines, line => Assert.Equal(size, line.Length));
        var allowed = new[] { TerminalQrCode.BothDark, TerminalQrCode.UpperDark, TerminalQrCode.LowerDark, TerminalQrCode.BothLight };
        Assert.All(lines, line => Assert.All(line, c => Assert.Contains(c, allowed)));
    }

    [Theory]
    [InlineData("code.png")]
    [InlineData("code.SVG")]
    public void PngAndSvgPathsAreAccepted(string path) => Assert.Null(QrCodeFile.CheckPath(path));

    [Fact]
    public void AnotherExtensionIsRefusedNamingTheFrontDoorsSetting()
    {
        Assert.Equal("--qr-file must end in .png or .svg.", QrCodeFile.CheckPath("code.jpg", "--qr-file"));
        Assert.Equal("-QrCodePath must end in .png or .svg.", QrCodeFile.CheckPath("code.jpg"));
    }

    [Fact]
    public void TheSvgFileIsWrittenOwnerOnly()
    {
        var folder = Directory.CreateTempSubdirectory("stsftw-qr-");
        try
        {
            var path = Path.Combine(folder.FullName, "code.svg");
            QrCodeFile.Write(path, Uri);
            Assert.StartsWith("<?xml", File.ReadAllText(path), StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
