using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SreSuite.ObservabilityTools.Prometheus;

/// <summary>
/// Reads <see cref="QueryData"/> straight into the typed result named by <c>resultType</c>, without building a
/// document first: a 24-hour matrix can be megabytes.
/// </summary>
public sealed class QueryDataConverter : JsonConverter<QueryData>
{
    public override QueryData Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("query data must be an object");
        string? resultType = null;
        JsonElement? earlyResult = null;
        var data = new QueryData();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "resultType":
                    resultType = reader.GetString();
                    break;
                case "result" when resultType is null:
                    // Prometheus writes resultType first; other implementations may not.
                    earlyResult = JsonElement.ParseValue(ref reader);
                    break;
                case "result":
                    data = ReadResult(ref reader, resultType);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (earlyResult is { } element)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(element.GetRawText());
            var late = new Utf8JsonReader(bytes);
            late.Read();
            data = ReadResult(ref late, resultType);
        }

        return resultType is null ? data : new QueryData
        {
            ResultType = resultType,
            Matrix = data.Matrix,
            Vector = data.Vector,
            Scalar = data.Scalar,
            Text = data.Text,
        };
    }

    public override void Write(Utf8JsonWriter writer, QueryData value, JsonSerializerOptions options) =>
        throw new NotSupportedException("query data is only read");

    private static QueryData ReadResult(ref Utf8JsonReader reader, string? resultType) => resultType switch
    {
        "matrix" => new QueryData { Matrix = JsonSerializer.Deserialize(ref reader, PrometheusJsonContext.Default.IReadOnlyListMatrixSeries) ?? [] },
        "vector" => new QueryData { Vector = JsonSerializer.Deserialize(ref reader, PrometheusJsonContext.Default.IReadOnlyListVectorSample) ?? [] },
        "scalar" => new QueryData { Scalar = SampleConverter.ReadPair(ref reader) },
        "string" => new QueryData { Text = StringSampleConverter.ReadPair(ref reader) },
        _ => Skipped(ref reader),
    };

    private static QueryData Skipped(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return new QueryData();
    }
}

/// <summary>Reads <c>[1435781451.781, "1"]</c>; the value may be <c>NaN</c>, <c>+Inf</c> or <c>-Inf</c>.</summary>
public sealed class SampleConverter : JsonConverter<Sample>
{
    public override Sample Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadPair(ref reader);

    public override void Write(Utf8JsonWriter writer, Sample value, JsonSerializerOptions options) =>
        throw new NotSupportedException("samples are only read");

    internal static Sample ReadPair(ref Utf8JsonReader reader)
    {
        var timestamp = ReadTimestamp(ref reader);
        reader.Read();
        var value = ParseValue(reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.GetDouble().ToString("R", CultureInfo.InvariantCulture));
        ReadEnd(ref reader);
        return new Sample(timestamp, value);
    }

    public static double ParseValue(string? text) => text switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" or null => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN,
    };

    internal static double ReadTimestamp(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("a sample must be a [time, value] array");
        reader.Read();
        return reader.GetDouble();
    }

    internal static void ReadEnd(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.EndArray)
            throw new JsonException("a sample must be a [time, value] array");
    }
}

public sealed class StringSampleConverter : JsonConverter<StringSample>
{
    public override StringSample Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadPair(ref reader);

    public override void Write(Utf8JsonWriter writer, StringSample value, JsonSerializerOptions options) =>
        throw new NotSupportedException("samples are only read");

    internal static StringSample ReadPair(ref Utf8JsonReader reader)
    {
        var timestamp = SampleConverter.ReadTimestamp(ref reader);
        reader.Read();
        var text = reader.GetString() ?? string.Empty;
        SampleConverter.ReadEnd(ref reader);
        return new StringSample(timestamp, text);
    }
}

public sealed class HistogramSampleConverter : JsonConverter<HistogramSample>
{
    public override HistogramSample Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var timestamp = SampleConverter.ReadTimestamp(ref reader);
        reader.Read();
        var histogram = JsonSerializer.Deserialize(ref reader, PrometheusJsonContext.Default.NativeHistogram) ?? new NativeHistogram(null, null);
        SampleConverter.ReadEnd(ref reader);
        return new HistogramSample(timestamp, histogram);
    }

    public override void Write(Utf8JsonWriter writer, HistogramSample value, JsonSerializerOptions options) =>
        throw new NotSupportedException("samples are only read");
}

/// <summary>Alert values are strings (<c>"1e+00"</c>) in current Prometheus and numbers in some compatible APIs.</summary>
public sealed class NumberOrStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonTokenType.Null => null,
        _ => throw new JsonException("expected a number or a string"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
