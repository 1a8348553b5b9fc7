using System.Globalization;
using SreSuite.ObservabilityTools.Prometheus;
using System.Text.Json.Nodes;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>
/// Writes the answer of an instant query: a vector sorted by value (largest first) and capped, with how many
/// series were left out; scalars and strings as they are; a range-vector selector as one line per series.
/// </summary>
public static class InstantReport
{
    /// <summary>
    /// Writes the answer; with <paramref name="structured"/> also its structured part: each sample shown as
    /// <c>{"labels":{…},"value":1.5}</c> (a value that is not finite as its text, e.g. <c>"NaN"</c>), with the
    /// <c>pod</c> an instance address belongs to when <paramref name="context"/> knows it, as the text names it.
    /// </summary>
    public static void Write(AnswerBuilder answer, QueryData data, int limit, SeriesContext? context = null, StructuredAnswer? structured = null)
    {
        context ??= SeriesContext.Empty;
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(data);
        var json = structured ?? new StructuredAnswer(0);
        json.Set("resultType", data.ResultType);
        switch (data.ResultType)
        {
            case "scalar" when data.Scalar is { } scalar:
                answer.AppendLine($"scalar {Numbers.Exact(scalar.Value)} at {Ages.Timestamp(PromTime.FromUnixSeconds(scalar.Timestamp))}");
                // The schema's scalar is a number: NaN and infinities are left to the text.
                if (double.IsFinite(scalar.Value))
                    json.Set("scalar", scalar.Value);
                break;
            case "string" when data.Text is { } text:
                answer.AppendLine($"string at {Ages.Timestamp(PromTime.FromUnixSeconds(text.Timestamp))}: \"{LabelSets.Escape(text.Text)}\"");
                break;
            case "vector":
                WriteVector(answer, json, data.Vector ?? [], limit, context);
                break;
            case "matrix":
                WriteMatrix(answer, json, data.Matrix ?? [], limit);
                break;
            default:
                answer.AppendLine($"Prometheus returned a result of type '{LabelSets.Escape(data.ResultType)}', which this tool does not read.");
                break;
        }
    }

    private static void WriteVector(AnswerBuilder answer, StructuredAnswer json, IReadOnlyList<VectorSample> vector, int limit, SeriesContext context)
    {
        json.Set("series", vector.Count);
        if (vector.Count == 0)
        {
            json.AddRows("samples", vector, 0, sample => SampleJson(sample, context));
            answer.AppendLine("empty vector: no series matched at that time; check names with prom_list_metrics or prom_series, or widen a range window.");
            return;
        }

        var sorted = vector
            .OrderByDescending(sample => SortKey(sample))
            .ThenBy(sample => LabelSets.Format(sample.Metric), StringComparer.Ordinal)
            .ToList();
        var time = sorted.Select(s => s.Value?.Timestamp ?? s.Histogram?.Timestamp).FirstOrDefault(t => t is not null);
        var shown = sorted.Take(limit).ToList();
        var when = time is { } t ? $" at {Ages.Timestamp(PromTime.FromUnixSeconds(t))}" : string.Empty;
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"vector{when}: {vector.Count} series{(vector.Count > shown.Count ? $", top {shown.Count} by value" : string.Empty)}"));
        var common = vector.Count > 1 ? LabelSets.Common([.. vector.Select(s => s.Metric)]) : new Dictionary<string, string>();
        if (common.Count > 0)
            answer.AppendLine($"common labels: {LabelSets.Format(common)}");

        var written = 0;
        foreach (var sample in shown)
        {
            if (!answer.TryAppendLine($"{Describe(sample)} {LabelSets.Format(sample.Metric, common)}{context.Annotation(sample.Metric)}"))
                break;
            written++;
        }

        json.AddRows("samples", sorted, written, sample => SampleJson(sample, context));
        var left = sorted.Skip(written).ToList();
        if (left.Count > 0)
        {
            var values = left.Where(s => s.Value is not null).Select(s => s.Value!.Value.Value).Where(double.IsFinite).ToList();
            var range = values.Count == 0 ? string.Empty : $" (values {Numbers.Compact(values.Min())} to {Numbers.Compact(values.Max())})";
            answer.Note(string.Create(CultureInfo.InvariantCulture, $"… {left.Count} more series left out{range}; narrow with label matchers, use topk(k, ...), or raise limit."));
        }
    }

    private static void WriteMatrix(AnswerBuilder answer, StructuredAnswer json, IReadOnlyList<MatrixSeries> matrix, int limit)
    {
        json.Set("series", matrix.Count);
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture, $"range vector: {matrix.Count} series (use prom_query_range to see how they move)"));
        var common = matrix.Count > 1 ? LabelSets.Common([.. matrix.Select(s => s.Metric)]) : new Dictionary<string, string>();
        if (common.Count > 0)
            answer.AppendLine($"common labels: {LabelSets.Format(common)}");
        var sorted = matrix.OrderByDescending(s => s.Values is { Count: > 0 } v ? v[^1].Value : double.NegativeInfinity).ToList();
        var written = 0;
        foreach (var series in sorted.Take(limit))
        {
            var values = series.Values ?? [];
            var line = values.Count == 0
                ? $"no float samples {LabelSets.Format(series.Metric, common)}"
                : string.Create(CultureInfo.InvariantCulture,
                    $"{values.Count} samples {Ages.Timestamp(PromTime.FromUnixSeconds(values[0].Timestamp))} to {Ages.Timestamp(PromTime.FromUnixSeconds(values[^1].Timestamp))}, last {Numbers.Compact(values[^1].Value)} {LabelSets.Format(series.Metric, common)}");
            if (!answer.TryAppendLine(line))
                break;
            written++;
        }

        json.AddRows("samples", sorted, written, series => StructuredAnswer.Row(
            ("labels", Labels(series.Metric)), ("samples", (series.Values ?? []).Count),
            ("value", series.Values is { Count: > 0 } values ? Value(values[^1].Value) : null)));
        if (sorted.Count > written)
            answer.Note(string.Create(CultureInfo.InvariantCulture, $"… {sorted.Count - written} more series left out; narrow with label matchers or raise limit."));
    }

    private static JsonObject SampleJson(VectorSample sample, SeriesContext context) => StructuredAnswer.Row(
        ("labels", Labels(sample.Metric)),
        ("pod", context.InstancePod(sample.Metric) is { } pod ? $"{pod.Namespace}/{pod.Name}" : null),
        ("value", sample.Value is { } value ? Value(value.Value) : null),
        ("count", sample.Histogram is { } histogram ? Value(SampleConverter.ParseValue(histogram.Histogram.Count)) : null));

    /// <summary>A series' labels as an object.</summary>
    public static JsonObject Labels(IReadOnlyDictionary<string, string>? labels)
    {
        var json = new JsonObject();
        foreach (var (name, value) in (labels ?? new Dictionary<string, string>()).OrderBy(pair => pair.Key, StringComparer.Ordinal))
            json[name] = value;
        return json;
    }

    /// <summary>A sample value: a number when finite, else Prometheus' text for it (<c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>).</summary>
    public static JsonNode Value(double value) => double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(Numbers.Exact(value));

    private static double SortKey(VectorSample sample)
    {
        if (sample.Value is { } value)
            return double.IsNaN(value.Value) ? double.NegativeInfinity : value.Value;
        return sample.Histogram is { } histogram ? SampleConverter.ParseValue(histogram.Histogram.Count) : double.NegativeInfinity;
    }

    private static string Describe(VectorSample sample)
    {
        if (sample.Value is { } value)
            return Numbers.Compact(value.Value);
        if (sample.Histogram is { } histogram)
            return $"histogram count {Numbers.Compact(SampleConverter.ParseValue(histogram.Histogram.Count))} sum {Numbers.Compact(SampleConverter.ParseValue(histogram.Histogram.Sum))}";
        return "no value";
    }
}
