using System.Net.Http.Headers;
using System.Text;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Security;

namespace SreSuite.ObservabilityTools.Backends;

public enum BackendAuthMode
{
    None,
    Basic,
    Bearer,
}

/// <summary>
/// The resolved credentials and headers of one backend. <see cref="Describe"/> and <see cref="ToString"/>
/// never include a secret: only the mode, the user, the tenant and header names.
/// </summary>
public sealed class BackendAuth
{
    public const string TenantHeader = "X-Scope-OrgID";

    private readonly string? _secret;

    private BackendAuth(BackendAuthMode mode, string? username, string? secret, string secretVariable, string? tenantId, IReadOnlyDictionary<string, string> headers, string section, string variablePrefix)
    {
        CredentialSettings = $"{section}__Auth, {variablePrefix}_TOKEN or {section}__Username with {variablePrefix}_PASSWORD";
        TenantSetting = $"{section}__TenantId";
        Mode = mode;
        Username = username;
        _secret = secret;
        SecretVariable = secretVariable;
        TenantId = tenantId;
        Headers = headers;
    }

    public BackendAuthMode Mode { get; }

    public string? Username { get; }

    /// <summary>The environment variable the secret came from, e.g. <c>PROMETHEUS_TOKEN</c>.</summary>
    public string SecretVariable { get; }

    public string? TenantId { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>What a refused request should make the operator check, in this backend's own names (a named source's too).</summary>
    public string CredentialSettings { get; }

    public string TenantSetting { get; }

    /// <summary>
    /// Resolves and checks the auth settings of a backend. Throws <see cref="InvalidSettingException"/> naming
    /// the setting when they are inconsistent, so the server refuses to start rather than fail every call.
    /// </summary>
    /// <param name="section">Configuration section, e.g. <c>Prometheus</c>.</param>
    /// <param name="variablePrefix">Prefix of the secret variables, e.g. <c>PROMETHEUS</c>.</param>
    /// <param name="environment">Reads an environment variable (the process environment in production).</param>
    public static BackendAuth From(AuthenticatedBackendOptions options, string section, string variablePrefix, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var tokenVariable = $"{variablePrefix}_TOKEN";
        var passwordVariable = $"{variablePrefix}_PASSWORD";
        var token = NullIfBlank(Secrets.Read(tokenVariable, environment));
        var password = NullIfBlank(Secrets.Read(passwordVariable, environment));
        var username = NullIfBlank(options.Username);

        var mode = NullIfBlank(options.Auth)?.ToLowerInvariant() switch
        {
            null => token is not null ? BackendAuthMode.Bearer : username is not null ? BackendAuthMode.Basic : BackendAuthMode.None,
            "none" => BackendAuthMode.None,
            "basic" => BackendAuthMode.Basic,
            "bearer" => BackendAuthMode.Bearer,
            _ => throw new InvalidSettingException($"{section}__Auth", $"'{options.Auth}' is not an auth mode; use none, basic or bearer."),
        };

        string? secret = null;
        var secretVariable = string.Empty;
        switch (mode)
        {
            case BackendAuthMode.Basic:
                if (username is null)
                    throw new InvalidSettingException($"{section}__Username", $"required with {section}__Auth=basic.");
                if (username.Contains(':', StringComparison.Ordinal) || HasControl(username))
                    throw new InvalidSettingException($"{section}__Username", "must not contain ':' or control characters.");
                secret = password ?? throw new InvalidSettingException(passwordVariable, $"required with {section}__Auth=basic; set it in the environment or mount it and set {passwordVariable}_FILE.");
                secretVariable = passwordVariable;
                break;
            case BackendAuthMode.Bearer:
                secret = token ?? throw new InvalidSettingException(tokenVariable, $"required with {section}__Auth=bearer; set it in the environment or mount it and set {tokenVariable}_FILE.");
                if (HasControl(secret))
                    throw new InvalidSettingException(tokenVariable, "must not contain control characters.");
                secretVariable = tokenVariable;
                break;
        }

        var tenant = NullIfBlank(options.TenantId);
        if (tenant is not null && HasControl(tenant))
            throw new InvalidSettingException($"{section}__TenantId", "must not contain control characters.");

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in options.Headers)
        {
            var setting = $"{section}__Headers__{name}";
            if (!IsToken(name))
                throw new InvalidSettingException(setting, "is not a valid HTTP header name.");
            if (HasControl(value))
                throw new InvalidSettingException(setting, "must not contain control characters.");
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && mode != BackendAuthMode.None)
                throw new InvalidSettingException(setting, $"conflicts with {section}__Auth={mode.ToString().ToLowerInvariant()}; set one or the other.");
            if (name.Equals(TenantHeader, StringComparison.OrdinalIgnoreCase) && tenant is not null)
                throw new InvalidSettingException(setting, $"conflicts with {section}__TenantId; set one or the other.");
            headers[name] = value;
        }

        if (tenant is null && headers.TryGetValue(TenantHeader, out var tenantHeader))
            tenant = tenantHeader;
        headers.Remove(TenantHeader);
        return new BackendAuth(mode, mode == BackendAuthMode.Basic ? username : null, secret, secretVariable, tenant, headers, section, variablePrefix);
    }

    /// <summary>Adds the credentials, the tenant and the extra headers to an outgoing request.</summary>
    public void Apply(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = Mode switch
        {
            BackendAuthMode.Basic => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{_secret}"))),
            BackendAuthMode.Bearer => new AuthenticationHeaderValue("Bearer", _secret),
            _ => request.Headers.Authorization,
        };
        if (TenantId is not null)
        {
            request.Headers.Remove(TenantHeader);
            request.Headers.TryAddWithoutValidation(TenantHeader, TenantId);
        }

        foreach (var (name, value) in Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>What status shows: the mode and where the secret comes from, never the secret.</summary>
    public string Describe()
    {
        var text = Mode switch
        {
            BackendAuthMode.Basic => $"basic as '{Username}' (password from {SecretVariable})",
            BackendAuthMode.Bearer => $"bearer token from {SecretVariable}",
            _ => "none",
        };
        return Headers.Count == 0 ? text : $"{text}; extra headers {string.Join(", ", Headers.Keys.Order(StringComparer.OrdinalIgnoreCase))} (values hidden)";
    }

    public override string ToString() => Describe();

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool HasControl(string value) => value.Any(char.IsControl);

    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => c is > ' ' and < '\u007f' && !"()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal));
}
