using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Security;

/// <summary>
/// The one rule for every backend secret: it comes from its environment variable (<c>PAGERDUTY_TOKEN</c>) or from the
/// file another variable names (<c>PAGERDUTY_TOKEN_FILE</c>, where a Vault agent or a CSI secret store mounts it), never
/// from appsettings, the command line or any other configuration source, so a secret is never checked in or echoed.
/// </summary>
public static class Secrets
{
    /// <summary>Suffix of the variable that names a mounted secret file.</summary>
    public const string FileSuffix = "_FILE";

    /// <summary>Largest secret file read; a bigger file is the wrong one.</summary>
    private const int MaxFileBytes = 64 * 1024;

    /// <summary>Reads <paramref name="variable"/> from the process environment, or the file named by <c>&lt;variable&gt;_FILE</c>.</summary>
    public static string? Read(string variable) => Read(variable, Environment.GetEnvironmentVariable);

    /// <summary>
    /// The one registration of a backend secret: after configuration is bound, <paramref name="assign"/> puts the secret
    /// on the options (null when it is not set), and start-up stops, naming the variable, when it is set but cannot be read.
    /// Configuration never supplies it: whatever a settings file or the command line put there is overwritten.
    /// </summary>
    public static OptionsBuilder<TOptions> WithSecret<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this OptionsBuilder<TOptions> options, string variable, Action<TOptions, string?> assign)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(assign);
        return options
            .PostConfigure(bound => assign(bound, ReadOrNull(variable)))
            .ValidateSettingsOnStart(_ => Read(variable));
    }

    /// <summary>For options post-configuration, which must not throw; <see cref="WithSecret"/>'s start-up check names the problem.</summary>
    private static string? ReadOrNull(string variable)
    {
        try
        {
            return Read(variable);
        }
        catch (InvalidSettingException)
        {
            return null;
        }
    }

    /// <summary>
    /// The secret, or null when neither variable is set. Throws <see cref="InvalidSettingException"/> naming the variable
    /// when both are set, or when the file is missing, unreadable, too large or empty, so the server refuses to start.
    /// </summary>
    /// <param name="environment">Reads an environment variable (the process environment in production).</param>
    public static string? Read(string variable, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var value = environment(variable);
        var fileVariable = variable + FileSuffix;
        var path = environment(fileVariable);
        if (string.IsNullOrWhiteSpace(path))
            return string.IsNullOrWhiteSpace(value) ? null : value;
        if (!string.IsNullOrWhiteSpace(value))
            throw new InvalidSettingException(fileVariable, $"is set together with {variable}; set only one of them.");

        string text;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
                throw new InvalidSettingException(fileVariable, $"names '{path}', which does not exist.");
            if (file.Length > MaxFileBytes)
                throw new InvalidSettingException(fileVariable, $"names '{path}', which is larger than {MaxFileBytes / 1024} KiB; it should hold only the secret.");
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidSettingException(fileVariable, $"names '{path}', which cannot be read ({ex.GetType().Name}).");
        }

        // Mounted secrets usually end with a newline; the secret is the text without it.
        var secret = text.TrimEnd('\r', '\n');
        return secret.Length == 0 ? throw new InvalidSettingException(fileVariable, $"names '{path}', which is empty.") : secret;
    }
}
