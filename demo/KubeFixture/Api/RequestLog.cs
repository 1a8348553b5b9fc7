using System.Collections.Concurrent;

namespace SreSuite.KubeFixture.Api;

/// <summary>A request the fixture received, as tests inspect it.</summary>
public sealed record RecordedRequest(
    DateTimeOffset At,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string[]> Headers)
{
    public int StatusCode { get; set; }

    /// <summary>Every value of a header (case-insensitive name), empty when absent.</summary>
    public string[] Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value ?? [];

    public override string ToString() => $"{Method} {Path}{Query} -> {StatusCode}";
}

/// <summary>Every request the fixture received, in order.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public IReadOnlyList<RecordedRequest> All => [.. _requests];

    public void Add(RecordedRequest request) => _requests.Enqueue(request);
}
