using System.Text;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;
using SreSuite.Harness;
using SreSuite.Scenarios;

namespace SreSuite.Bench.Scenarios;

/// <summary>One call of a walk: the tool, its arguments as the investigator chose them, and what came back.</summary>
internal sealed record WalkCall(string Tool, string Arguments, string Text, bool IsError)
{
    public int Bytes => Encoding.UTF8.GetByteCount(Text);
}

/// <summary>
/// A scripted investigator's walk and its grading. The investigator sees only answers; the grader sees the
/// ground truth: whether the root-cause entity (a root-cause group's name filters, or a group aliased to it) and
/// the fault's evidence appear, and in which call.
/// </summary>
internal sealed partial class TriageWalk(GroundTruth truth, string faultClass)
{
    private readonly List<WalkCall> _calls = [];

    public IReadOnlyList<WalkCall> Calls => _calls;

    public int Bytes => _calls.Sum(c => c.Bytes);

    public int Errors => _calls.Count(c => c.IsError);

    /// <summary>1-based call that first names the root-cause entity, or null.</summary>
    public int? EntityCall => First(NamesRootCause);

    /// <summary>1-based call that first shows the fault's evidence, or null.</summary>
    public int? EvidenceCall => First(ShowsEvidence);

    /// <summary>Reached when the entity and the evidence both appeared; the call at which both had.</summary>
    public int? ReachedCall => EntityCall is { } entity && EvidenceCall is { } evidence ? Math.Max(entity, evidence) : null;

    public async Task<WalkCall> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var shown = string.Join(", ", arguments.Select(a => $"{a.Key}={a.Value}"));
        WalkCall call;
        try
        {
            var result = await client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
            call = new WalkCall(tool, shown, result.Text(), result.IsError == true);
        }
        catch (ModelContextProtocol.McpException ex)
        {
            call = new WalkCall(tool, shown, ex.Message, true);
        }

        _calls.Add(call);
        return call;
    }

    private int? First(Func<string, bool> test)
    {
        for (var i = 0; i < _calls.Count; i++)
        {
            if (test(_calls[i].Text))
                return i + 1;
        }

        return null;
    }

    /// <summary>The root-cause groups and every group aliased to one of them.</summary>
    private IEnumerable<EntityGroup> RootCauseGroups()
    {
        var ids = truth.RootCauses.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var alias in truth.Aliases.Where(a => a.Any(ids.Contains)))
            ids.UnionWith(alias);
        return truth.Groups.Where(g => ids.Contains(g.Id));
    }

    public bool NamesRootCause(string text)
    {
        var tokens = NameToken().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
        return RootCauseGroups().Any(g => g.Filters.Any(f => tokens.Any(f.IsMatch)));
    }

    public bool ShowsEvidence(string text) => EvidenceTerms().Any(term => text.Contains(term, StringComparison.OrdinalIgnoreCase));

    /// <summary>What shows the fault: the words of its class, and any quoted fragment of the fault's condition.</summary>
    public IReadOnlyList<string> EvidenceTerms()
    {
        var terms = new List<string>(faultClass switch
        {
            "crash-loop" => ["CrashLoopBackOff"],
            "oom-kill" => ["OOMKilled"],
            "image-pull" => ["ImagePullBackOff", "ErrImagePull"],
            "node-not-ready" => ["NotReady"],
            "pending-pod" => ["FailedScheduling", "unbound"],
            "cpu-saturation" => ["throttl"],
            // A neighbour shows as its node's saturation or pressure (or evictions), not as throttling: the victims
            // have no limit to hit.
            "noisy-neighbour" => ["saturat", "pressure", "Evicted"],
            "memory-leak" => ["memory"],
            "dependency-down" => ["connection refused", "ECONNREFUSED"],
            "bad-config" => ["ConfigMap"],
            "hpa-at-max" => ["max replicas", "maximum", "ScalingLimited"],
            "expired-certificate" => ["x509", "certificate has expired"],
            "latency-regression" => ["latency"],
            _ => [],
        });
        foreach (var fault in truth.Faults)
            terms.AddRange(Quoted().Matches(fault.Condition).Select(m => m.Groups["text"].Value).Where(q => q.Length >= 8));
        return terms;
    }

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9._-]*")]
    private static partial Regex NameToken();

    [GeneratedRegex(@"'(?<text>[^']+)'")]
    private static partial Regex Quoted();
}
