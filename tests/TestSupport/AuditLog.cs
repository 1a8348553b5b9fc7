using System.Text.Json.Nodes;

namespace SreSuite.Tests;

/// <summary>A server's audit file (<c>Audit__File</c>), read back as JSON records.</summary>
public sealed class AuditLog : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sresuite-audit-{Guid.NewGuid():N}.jsonl");

    /// <summary>The settings that send the audit trail to this file.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Audit__File"] = Path };

    public IReadOnlyList<JsonObject> Records()
    {
        if (!File.Exists(Path))
            return [];
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => (JsonObject)JsonNode.Parse(line)!)];
    }

    /// <summary>Waits briefly for records written just after a response was sent.</summary>
    public async Task<IReadOnlyList<JsonObject>> RecordsAsync(int atLeast, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var records = Records();
            if (records.Count >= atLeast)
                return records;
            await Task.Delay(100, cancellationToken);
        }

        return Records();
    }

    public void Dispose()
    {
        if (File.Exists(Path))
            File.Delete(Path);
    }
}
