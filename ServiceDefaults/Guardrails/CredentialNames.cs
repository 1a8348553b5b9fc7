using System.Collections.Frozen;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// The one rule for "this name holds a credential", shared by every place that masks by name: settings whose values
/// are registered as secrets, audited tool arguments, container env vars, and <c>name=value</c> pairs in any text
/// (pod logs, ConfigMap data, error messages). A name is split into words (<c>_</c>, <c>-</c>, <c>.</c>, <c>:</c>,
/// camelCase), so <c>DB_PWD</c>, <c>dbPassword</c> and <c>Db.Password</c> read alike.
/// </summary>
public static class CredentialNames
{
    /// <summary>Words that are a credential on their own: <c>DB_PASS</c>, <c>DB_PWD</c>, <c>CREDS</c>, <c>SESSION_COOKIE</c>.</summary>
    private static readonly FrozenSet<string> CredentialWords = FrozenSet.ToFrozenSet(
        ["pass", "pw", "pwd", "passphrase", "creds", "cred", "credential", "credentials", "cookie", "authorization", "dsn", "apikey", "privatekey", "sessionid"],
        StringComparer.Ordinal);

    /// <summary>Parts that make any word holding them a credential: <c>DBPASSWORD</c>, <c>DBPWD</c>, <c>MYSECRET</c>, <c>GITHUBTOKEN</c>.</summary>
    private static readonly string[] CredentialParts = ["password", "passwd", "pwd", "secret", "token"];

    /// <summary>Words before <c>KEY</c> that make it a key to something: <c>ACCESS_KEY</c>, <c>SIGNING_KEY</c>, <c>accessKey</c>.</summary>
    private static readonly FrozenSet<string> KeyQualifiers = FrozenSet.ToFrozenSet(
        ["api", "access", "secret", "private", "signing", "sign", "encryption", "encrypt", "master", "client", "account", "storage",
         "shared", "ssh", "hmac", "jwt", "license", "licence", "service", "subscription", "app", "webhook", "session", "auth", "crypto", "cipher"],
        StringComparer.Ordinal);

    /// <summary>
    /// Last words that make the name about a credential rather than the credential itself: where it is
    /// (<c>SECRET_NAME</c>, <c>secretKeyRef</c>, <c>PASSWORD_FILE</c>, <c>TOKEN_URL</c>) or how it behaves (<c>TOKEN_TTL</c>).
    /// </summary>
    private static readonly FrozenSet<string> AboutWords = FrozenSet.ToFrozenSet(
        ["name", "names", "ref", "refs", "file", "files", "path", "dir", "ttl", "expiry", "expiration", "expires", "length", "timeout",
         "url", "uri", "endpoint", "type", "enabled", "mode", "kind", "count", "version", "namespace", "policy", "store", "provider"],
        StringComparer.Ordinal);

    /// <summary>Whole names that carry credentials inside a value of another kind: connection strings and URLs with userinfo.</summary>
    private static readonly FrozenSet<string> CredentialNamesExactly = FrozenSet.ToFrozenSet(
        ["database_url", "db_url", "databaseurl", "connection_string", "connectionstring", "connstr", "conn_str", "otel_exporter_otlp_headers"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Names that match the rule but hold no secret: the shell's working directories hold paths.</summary>
    private static readonly FrozenSet<string> NeverCredentials = FrozenSet.ToFrozenSet(["PWD", "OLDPWD"], StringComparer.OrdinalIgnoreCase);

    private const int MaxNameLength = 256;

    /// <summary>True for a name whose value is a credential, e.g. <c>DB_PASSWORD</c>, <c>SIGNING_KEY</c>, <c>AUTH</c>, <c>DATABASE_URL</c>.</summary>
    public static bool LooksLikeCredential(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
            return false;
        name = name.Trim();
        if (NeverCredentials.Contains(name))
            return false;
        if (CredentialNamesExactly.Contains(name) || name.EndsWith("_DSN", StringComparison.OrdinalIgnoreCase) || name.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase))
            return true;

        var words = Words(name);
        if (words.Count == 0 || AboutWords.Contains(words[^1]))
            return false;
        // AUTH on its own or last (BASIC_AUTH, PROXY_AUTH) is a credential; first (AUTH_AUDIENCE, Auth:Authority) it names a section.
        if (words[^1] == "auth")
            return true;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (CredentialWords.Contains(word) || CredentialParts.Any(part => word.Contains(part, StringComparison.Ordinal)))
                return true;
            if (word is "key" or "keys" && i > 0 && KeyQualifiers.Contains(words[i - 1]))
                return true;
            if (word.EndsWith("key", StringComparison.Ordinal) && KeyQualifiers.Contains(word[..^3]))
                return true;
        }

        return false;
    }

    /// <summary>The lower-case words of a name: <c>awsSecretAccessKey</c> → aws, secret, access, key.</summary>
    internal static List<string> Words(string name)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            var boundary = i == name.Length || !char.IsLetterOrDigit(name[i]);
            // camelCase: a capital after a lower-case letter or digit starts a word.
            var camel = i > start && i < name.Length && char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
            if (boundary || camel)
            {
                if (i > start)
                    words.Add(name[start..i].ToLowerInvariant());
                start = boundary ? i + 1 : i;
            }
        }

        return words;
    }
}
