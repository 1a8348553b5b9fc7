namespace SreSuite.ServiceDefaults.Hosting;

/// <summary>Checks the backend URLs operators set, so a typo is reported by the setting's name at start.</summary>
public static class SettingUrls
{
    /// <summary>
    /// Parses an absolute http(s) URL. Returns null when the value is empty (not configured);
    /// throws <see cref="InvalidSettingException"/> naming <paramref name="setting"/> when it is malformed.
    /// </summary>
    public static Uri? Parse(string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new InvalidSettingException(setting, $"'{value}' is not an absolute http:// or https:// URL.");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw new InvalidSettingException(setting, "must not carry credentials in the URL; use the matching token or password setting.");
        // Clients append absolute API paths ("/api/v1/..."), so a path prefix must not end in '/'.
        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
    }
}
