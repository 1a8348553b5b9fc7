using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Security;

namespace SreSuite.ServiceDefaults.Tests;

/// <summary>The one rule for backend secrets: the environment variable or the file its <c>_FILE</c> twin names.</summary>
public sealed class SecretsTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"sresuite-secret-{Guid.NewGuid():N}");

    [Fact]
    public void The_variable_is_the_secret()
    {
        Assert.Equal("s3cret", Secrets.Read("X_TOKEN", Environment(("X_TOKEN", "s3cret"))));
        Assert.Null(Secrets.Read("X_TOKEN", Environment()));
        Assert.Null(Secrets.Read("X_TOKEN", Environment(("X_TOKEN", "  "))));
    }

    [Theory]
    [InlineData("s3cret\n")]
    [InlineData("s3cret\r\n")]
    [InlineData("s3cret")]
    public void A_mounted_file_is_the_secret_without_its_trailing_newline(string content)
    {
        File.WriteAllText(_file, content);

        Assert.Equal("s3cret", Secrets.Read("X_TOKEN", Environment(("X_TOKEN_FILE", _file))));
    }

    [Fact]
    public void Both_set_a_missing_file_or_an_empty_file_are_refused_naming_the_file_variable()
    {
        File.WriteAllText(_file, "s3cret");
        var both = Assert.Throws<InvalidSettingException>(() => Secrets.Read("X_TOKEN", Environment(("X_TOKEN", "a"), ("X_TOKEN_FILE", _file))));
        Assert.Equal("X_TOKEN_FILE: is set together with X_TOKEN; set only one of them.", both.Message);

        var missing = Assert.Throws<InvalidSettingException>(() => Secrets.Read("X_TOKEN", Environment(("X_TOKEN_FILE", _file + "-absent"))));
        Assert.Equal("X_TOKEN_FILE", missing.Setting);
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);

        File.WriteAllText(_file, "\n");
        var empty = Assert.Throws<InvalidSettingException>(() => Secrets.Read("X_TOKEN", Environment(("X_TOKEN_FILE", _file))));
        Assert.EndsWith("which is empty.", empty.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", both.Message + missing.Message + empty.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (File.Exists(_file))
            File.Delete(_file);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(variable => variable.Name == name).Value;
}
