using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>How much of a range query to show.</summary>
/// <param name="MaxPoints">Points of each series' downsampled values.</param>
/// <param name="MaxSeries">Series shown in full; the rest are counted.</param>
/// <param name="Raw">Every point at the query step instead of the downsampled values.</param>
/// <param name="Context">Pods behind instance addresses and the limits series grow toward, when known.</param>
public sealed record RangeReportOptions(int MaxPoints, int MaxSeries, bool Raw, SeriesContext? Context = null);

/// <summary>
/// Writes the answer of a range query: per series its labels (the labels all series share are written once),
/// first/last/min/max/mean, trend and departures from the baseline, then its values downsampled to a few
/// points. Series with departures come first; series beyond the cap are counted with a hint to narrow.
/// </summary>
public static class RangeReport
{
    private const int MaxDeparturesPerSeries = 3;
    private const int RawValuesPerLine = 20;

    // Content stops this far before the budget (on top of the builder's own reserve), so the closing note that
    // says what was left out always fits whole.
    private const int NoteRoom = 300;
    private const int MaxNoteBytes = 450;

    /// <summary>
    /// Writes the answer; with <paramref name="structured"/> also its structured part: per series shown its labels,
    /// min, max, mean, last, trend and departures count (the values themselves stay in the text).
    /// </summary>
    public static void Write(AnswerBuilder answer, RangePlan plan, IReadOnlyList<SampledSeries> series, RangeReportOptions options, StructuredAnswer? structured = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        var json = structured ?? new StructuredAnswer(0);
        json.Set("start", StructuredAnswer.Time(plan.Start)).Set("end", StructuredAnswer.Time(plan.End)).Set("step", PromDuration.Format(plan.Step));

        var step = PromDuration.Format(plan.Step) + (plan.StepChosen ? " (chosen)" : string.Empty);
        answer.AppendLine(Invariant($"{Ages.Timestamp(plan.Start)} to {Ages.Timestamp(plan.End)}, step {step}: {series.Count} series x {plan.Points} points"));
        if (series.Count == 0)
        {
            json.AddRows("series", series, 0, _ => []);
            answer.AppendLine("no series matched; check metric and label names with prom_list_metrics or prom_series.");
            return;
        }

        var context = options.Context ?? SeriesContext.Empty;
        var ranked = SeriesAnalysis.Rank(series.Select(s => SeriesAnalysis.Of(s, context.LimitOf(s.Labels))));
        var common = series.Count > 1 ? LabelSets.Common([.. series.Select(s => s.Labels)]) : new Dictionary<string, string>();
        if (common.Count > 0)
            answer.AppendLine($"common labels: {LabelSets.Format(common)}");

        var bucket = Downsampled.BucketSizeFor(plan.Points, options.MaxPoints);
        if (options.Raw)
            answer.AppendLine(Invariant($"raw values at each step from {Ages.Timestamp(plan.Start)} (_ = no value); series with departures first, then by peak"));
        else if (bucket == 1)
            answer.AppendLine("values at each step (_ = no value); series with departures first, then by peak");
        else
            answer.AppendLine(Invariant($"values: means of {bucket}-point buckets ({PromDuration.Format(plan.Step * bucket)} each) from {Ages.Timestamp(plan.Start)}; series with departures first, then by peak"));

        var written = 0;
        var budgetCut = false;
        string? rawCut = null;
        foreach (var analysis in ranked.Take(Math.Max(1, options.MaxSeries)))
        {
            if (options.Raw)
            {
                var (shown, cut) = WriteRaw(answer, analysis, common, context);
                written += shown ? 1 : 0;
                rawCut = cut;
                budgetCut = cut is not null || !shown;
            }
            else if (Fits(answer, Block(analysis, common, options.MaxPoints, context)))
            {
                written++;
            }
            else
            {
                budgetCut = true;
            }

            if (budgetCut)
                break;
        }

        json.AddRows("series", ranked, written, analysis => SeriesJson(analysis, context));
        var omitted = ranked.Skip(written).ToList();
        if (omitted.Count > 0 || rawCut is not null)
            answer.Note(ClosingNote(rawCut, omitted, budgetCut));
    }

    private static JsonObject SeriesJson(SeriesAnalysis analysis, SeriesContext context) => StructuredAnswer.Row(
        ("labels", InstantReport.Labels(analysis.Series.Labels)),
        ("pod", context.InstancePod(analysis.Series.Labels) is { } pod ? $"{pod.Namespace}/{pod.Name}" : null),
        ("min", analysis.Statistics is { } min ? InstantReport.Value(min.Min) : null),
        ("max", analysis.Statistics is { } max ? InstantReport.Value(max.Max) : null),
        ("mean", analysis.Statistics is { } mean ? InstantReport.Value(mean.Mean) : null),
        ("last", analysis.Statistics is { } last ? InstantReport.Value(last.Last) : null),
        ("trend", analysis.Statistics is null ? null : analysis.Trend.Direction.ToString().ToLowerInvariant()),
        ("departures", analysis.Departures.Count));

    /// <summary>Adds <paramref name="text"/> when it leaves room for the closing note.</summary>
    private static bool Fits(AnswerBuilder answer, string text) =>
        Encoding.UTF8.GetByteCount(text) + 1 + NoteRoom <= answer.RemainingBytes && answer.TryAppendLine(text);

    private static string Block(SeriesAnalysis analysis, IReadOnlyDictionary<string, string> common, int maxPoints, SeriesContext context)
    {
        var text = new StringBuilder();
        text.Append(LabelSets.Format(analysis.Series.Labels, common)).Append(context.Annotation(analysis.Series.Labels));
        if (analysis.Statistics is null)
            return text.Append("\n  no values in the window").ToString();
        text.Append("\n  ").Append(Summary(analysis, listedDepartures: Math.Min(analysis.Departures.Count, MaxDeparturesPerSeries)));
        foreach (var line in DepartureLines(analysis))
            text.Append("\n  ").Append(line);
        var downsampled = Downsampled.Of(analysis.Series.Values, maxPoints);
        text.Append("\n  ").AppendJoin(' ', downsampled.Values.Select(v => double.IsFinite(v) ? Numbers.Compact(v) : "_"));
        return text.ToString();
    }

    /// <summary>Writes a series' raw values; returns whether it was shown and, when cut, what was cut.</summary>
    private static (bool Shown, string? Cut) WriteRaw(AnswerBuilder answer, SeriesAnalysis analysis, IReadOnlyDictionary<string, string> common, SeriesContext context)
    {
        var header = new StringBuilder(LabelSets.Format(analysis.Series.Labels, common)).Append(context.Annotation(analysis.Series.Labels));
        if (analysis.Statistics is not null)
            header.Append("\n  ").Append(Summary(analysis, listedDepartures: 0));
        if (!Fits(answer, header.ToString()))
            return (false, null);

        var values = analysis.Series.Values;
        for (var offset = 0; offset < values.Count; offset += RawValuesPerLine)
        {
            var line = "  " + string.Join(' ', values.Skip(offset).Take(RawValuesPerLine).Select(v => double.IsFinite(v) ? Numbers.Exact(v) : "_"));
            if (!Fits(answer, line))
                return (true, Invariant($"raw values of {LabelSets.Format(analysis.Series.Labels, common)} cut after point {offset} of {values.Count}; narrow the range or raise step"));
        }

        return (true, null);
    }

    /// <param name="listedDepartures">How many departures the lines under the summary list (raw values list none).</param>
    private static string Summary(SeriesAnalysis analysis, int listedDepartures)
    {
        var stats = analysis.Statistics!;
        var series = analysis.Series;
        var text = new StringBuilder(Invariant(
            $"first {Numbers.Compact(stats.First)} last {Numbers.Compact(stats.Last)} min {Numbers.Compact(stats.Min)} max {Numbers.Compact(stats.Max)} mean {Numbers.Compact(stats.Mean)}; trend {Describe(analysis.Trend, series, analysis.Departures.Count, listedDepartures)}"));
        if (analysis.Limit is { } limit)
            text.Append("; ").Append(LimitText(analysis.Trend, limit, stats.Last, series));
        if (stats.FirstIndex > 0)
            text.Append("; starts ").Append(Ages.Timestamp(series.TimeAt(stats.FirstIndex)));
        if (stats.LastIndex < stats.Total - 1)
            text.Append("; ends ").Append(Ages.Timestamp(series.TimeAt(stats.LastIndex)));
        var gaps = stats.Missing - stats.FirstIndex - (stats.Total - 1 - stats.LastIndex);
        if (gaps > 0)
            text.Append(Invariant($"; {gaps} points missing"));
        if (analysis.Departures.Count == 0)
            text.Append("; no sharp departures");
        return text.ToString();
    }

    private static string Describe(Trend trend, SampledSeries series, int departures, int listed)
    {
        // A step change is not a climb, but "steady" beside "rise ... x55" reads as a contradiction (issue 19's blind
        // rerun). Only the departures actually listed are said to be below.
        if (trend.Direction == TrendDirection.Steady)
        {
            return departures == 0 ? "steady"
                : listed >= departures ? "level apart from the departures below"
                : listed == 0 ? Invariant($"level apart from {departures} departures")
                : Invariant($"level apart from {departures} departures, the {listed} largest below");
        }

        var span = series.Step * (series.Values.Count - 1);
        var (perSeconds, unit) = span >= TimeSpan.FromHours(2) ? (3600.0, "h") : (60.0, "min");
        var slope = trend.SlopePerSecond * perSeconds;
        var sign = slope >= 0 ? "+" : string.Empty;
        var word = trend.Direction == TrendDirection.Rising ? "rising" : "falling";
        return Invariant($"{word} {sign}{Numbers.Compact(slope)}/{unit} ({sign}{trend.RelativeChange * 100:0}% over the window)");
    }

    /// <summary><c>memory limit 1.07G reached in ~8h48m (at 2026-…)</c>, or how close the last value is to it.</summary>
    private static string LimitText(Trend trend, SeriesLimit limit, double last, SampledSeries series)
    {
        var described = SeriesContext.Describe(limit);
        if (trend.TimeToLimit is { } left)
        {
            var end = series.TimeAt(series.Values.Count - 1);
            return left == TimeSpan.Zero
                ? $"{described} reached"
                : $"{described} reached in ~{Ages.Format(left)} at this rate (about {Ages.Timestamp(end + left)})";
        }

        return limit.Value > 0 ? Invariant($"{last / limit.Value * 100:0}% of {described}") : described;
    }

    private static IEnumerable<string> DepartureLines(SeriesAnalysis analysis)
    {
        var series = analysis.Series;
        var largest = analysis.Departures
            .OrderByDescending(d => d.Magnitude)
            .Take(MaxDeparturesPerSeries)
            .OrderBy(d => d.StartIndex);
        foreach (var departure in largest)
        {
            var start = series.TimeAt(departure.StartIndex);
            // An ongoing departure lasts until the end of the window; a finished one covers its last step too.
            var length = Ages.Format(series.TimeAt(departure.EndIndex) - start + (departure.Ongoing ? TimeSpan.Zero : series.Step));
            var until = departure.Ongoing ? $"to the end (ongoing, {length})" : $"to {Ages.Timestamp(series.TimeAt(departure.EndIndex))} ({length})";
            var peakWord = departure.IsRise ? "peak" : "low";
            var factor = departure.IsRise && departure.Baseline > 0 ? Invariant($" (x{Numbers.Compact(departure.Peak / departure.Baseline)})") : string.Empty;
            yield return Invariant(
                $"{(departure.IsRise ? "rise" : "drop")} from {Ages.Timestamp(start)} {until}: {peakWord} {Numbers.Compact(departure.Peak)} at {Ages.Timestamp(series.TimeAt(departure.PeakIndex))}, baseline {Numbers.Compact(departure.Baseline)}{factor}");
        }

        var more = analysis.Departures.Count - MaxDeparturesPerSeries;
        if (more > 0)
            yield return Invariant($"and {more} smaller departures");
    }

    /// <summary>One note for everything left out, at most <see cref="MaxNoteBytes"/> long.</summary>
    private static string ClosingNote(string? rawCut, IReadOnlyList<SeriesAnalysis> omitted, bool budgetCut)
    {
        var parts = new List<string>();
        if (rawCut is not null)
            parts.Add(rawCut);
        if (omitted.Count > 0)
            parts.Add(OmittedNote(omitted, budgetCut, withBreakdown: true));
        var note = "… " + string.Join("; ", parts);
        if (Encoding.UTF8.GetByteCount(note) > MaxNoteBytes && omitted.Count > 0)
            note = "… " + string.Join("; ", parts.SkipLast(1).Append(OmittedNote(omitted, budgetCut, withBreakdown: false)));
        if (Encoding.UTF8.GetByteCount(note) <= MaxNoteBytes)
            return note;
        var chars = MaxNoteBytes - 1;
        while (Encoding.UTF8.GetByteCount(note.AsSpan(0, chars)) > MaxNoteBytes - 3)
            chars--;
        return string.Concat(note.AsSpan(0, chars), "…");
    }

    private static string OmittedNote(IReadOnlyList<SeriesAnalysis> omitted, bool budgetCut, bool withBreakdown)
    {
        var withDepartures = omitted.Count(a => a.Departures.Count > 0);
        var peaks = omitted.Where(a => a.Statistics is not null).Select(a => a.Statistics!.Max).ToList();
        var range = peaks.Count == 0 ? "no values" : $"peaks {Numbers.Compact(peaks.Min())} to {Numbers.Compact(peaks.Max())}";
        var breakdown = withBreakdown ? LabelSets.Breakdown([.. omitted.Select(a => a.Series.Labels)]) : null;
        var why = budgetCut ? "cut to fit the answer budget" : "not shown";
        var text = new StringBuilder(Invariant($"{omitted.Count} more series {why} ({withDepartures} with departures, {range})"));
        if (breakdown is not null)
            text.Append("; by ").Append(breakdown);
        text.Append("; narrow with a label matcher or aggregate, e.g. sum by (label) (...).");
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
