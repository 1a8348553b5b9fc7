namespace SreSuite.Bench;

/// <summary>One part of the benchmark: it runs, prints its figures, and returns them as Markdown.</summary>
internal interface IBenchmarkSection
{
    /// <summary>The name used with <c>--only</c>, e.g. <c>tokens</c>.</summary>
    string Name { get; }

    string Title { get; }

    Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken);
}
