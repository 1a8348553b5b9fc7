using System.Diagnostics;
using System.Globalization;

namespace SreSuite.PublishCheck;

/// <summary>A check that did not hold; its message says what was expected and what came back.</summary>
internal sealed class CheckFailedException(string message) : Exception(message);

/// <summary>Runs named checks one after another, prints one line each, and counts them.</summary>
internal sealed class CheckLog
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(90);

    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public async Task RunAsync(string name, Func<CancellationToken, Task> check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        var clock = Stopwatch.StartNew();
        try
        {
            await check(timeout.Token);
            Passed++;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ok    {name} ({clock.ElapsedMilliseconds} ms)"));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed++;
            var reason = ex is OperationCanceledException ? $"no answer within {CheckTimeout.TotalSeconds} s" : ex.Message;
            Console.WriteLine($"FAIL  {name}: {reason}");
        }
    }

    public static void Expect(bool condition, string problem)
    {
        if (!condition)
            throw new CheckFailedException(problem);
    }
}
