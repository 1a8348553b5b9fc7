using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Keeps secrets out of tool answers and audit records: every configured value whose setting name says it is a
/// secret (token, password, secret, API key, credentials) is replaced by <c>[redacted]</c> wherever it appears,
/// and so are bearer/basic authorization values.
/// </summary>
public sealed partial class SecretScrubber
{
    public const string Redacted = "[redacted]";

    // Shorter values would redact ordinary words.
    private const int MinimumSecretLength = 6;

    private readonly string[] _secrets;

    public SecretScrubber(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _secrets = [.. configuration.AsEnumerable()
            .Where(pair => pair.Value is { Length: >= MinimumSecretLength } && IsSecretName(pair.Key))
            .Select(pair => pair.Value!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(value => value.Length)];
    }

    /// <summary>True for setting or argument names that hold secrets, e.g. <c>GITHUB_TOKEN</c>, <c>Auth:ClientSecret</c>, <c>password</c>.</summary>
    public static bool IsSecretName(string name) =>
        name is not null && !NotSecrets.Contains(name) && (SecretName().IsMatch(name) || name.Equals("OTEL_EXPORTER_OTLP_HEADERS", StringComparison.OrdinalIgnoreCase));

    // The shell's working directories match "pwd" but hold paths; redacting them would redact every path.
    private static readonly HashSet<string> NotSecrets = new(["PWD", "OLDPWD"], StringComparer.OrdinalIgnoreCase);

    public string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? string.Empty;
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        return AuthorizationValue().Replace(text, match => $"{match.Groups["scheme"].Value} {Redacted}");
    }

    [GeneratedRegex(@"token|secret|passw(or)?d|pwd|api[-_:]?key|credential|authorization|cookie|private[-_:]?key", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic|Token\s+token=))\s*[A-Za-z0-9\-._~+/=]{8,}", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationValue();
}
