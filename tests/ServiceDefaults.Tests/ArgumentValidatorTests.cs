using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ServiceDefaults.Tests;

public sealed class ArgumentValidatorTests
{
    private static readonly JsonElement LogsSchema = SchemaOf(
        ([Description("Namespace.")][MaxLength(63)][RegularExpression("^[a-z0-9-]+$")] string @namespace,
         [Description("Lines.")][Range(1, 2000)] int tail_lines = 200,
         [Description("Previous container.")] bool previous = false,
         [Description("Kind.")][AllowedValues("pod", "node")] string kind = "pod",
         [Description("Labels.")] string[]? labels = null) => "ok");

    private readonly ArgumentValidator _validator = new();

    [Fact]
    public void Valid_arguments_have_no_problems() =>
        Assert.Empty(Validate(new() { ["namespace"] = "payments", ["tail_lines"] = 50, ["previous"] = true }));

    [Fact]
    public void Missing_required_argument_is_named() =>
        Assert.Equal(["namespace: required"], Validate(new() { ["tail_lines"] = 50 }));

    [Fact]
    public void Out_of_range_number_says_the_bound_and_the_value() =>
        Assert.Equal(["tail_lines: must be ≤ 2000, got 50000"], Validate(new() { ["namespace"] = "a", ["tail_lines"] = 50000 }));

    [Fact]
    public void Below_minimum_says_the_bound() =>
        Assert.Equal(["tail_lines: must be ≥ 1, got 0"], Validate(new() { ["namespace"] = "a", ["tail_lines"] = 0 }));

    [Fact]
    public void Unknown_argument_is_named_with_the_known_ones() =>
        Assert.Equal(["foo: unknown argument (known: namespace, tail_lines, previous, kind, labels)"], Validate(new() { ["namespace"] = "a", ["foo"] = 1 }));

    [Fact]
    public void Wrong_type_says_expected_and_got()
    {
        Assert.Equal(["tail_lines: expected integer, got string \"50\""], Validate(new() { ["namespace"] = "a", ["tail_lines"] = "50" }));
        Assert.Equal(["previous: expected boolean, got string \"yes\""], Validate(new() { ["namespace"] = "a", ["previous"] = "yes" }));
        Assert.Equal(["namespace: expected string, got integer 42"], Validate(new() { ["namespace"] = 42 }));
    }

    [Fact]
    public void Fractional_number_for_an_integer_is_refused() =>
        Assert.Contains("tail_lines: expected integer, got 5.5", Validate(new() { ["namespace"] = "a", ["tail_lines"] = 5.5 }));

    [Fact]
    public void Pattern_and_length_are_enforced()
    {
        Assert.Equal(["namespace: must match ^[a-z0-9-]+$, got \"Bad_Name\""], Validate(new() { ["namespace"] = "Bad_Name" }));
        var problems = Validate(new() { ["namespace"] = new string('a', 5000) });
        Assert.Contains("namespace: must be at most 63 characters, got 5000", problems);
    }

    [Fact]
    public void Enum_lists_the_allowed_values() =>
        Assert.Equal(["kind: must be one of \"pod\", \"node\", got \"deployment\""], Validate(new() { ["namespace"] = "a", ["kind"] = "deployment" }));

    [Fact]
    public void Array_items_are_named_by_index() =>
        Assert.Equal(["labels[1]: expected string or null, got integer 7"], Validate(new() { ["namespace"] = "a", ["labels"] = new object[] { "x", 7 } }));

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var problems = Validate(new() { ["tail_lines"] = 99999, ["bogus"] = true, ["previous"] = 1 });
        Assert.Contains("namespace: required", problems);
        Assert.Contains("tail_lines: must be ≤ 2000, got 99999", problems);
        Assert.Contains(problems, p => p.StartsWith("bogus: unknown argument", StringComparison.Ordinal));
        Assert.Contains("previous: expected boolean, got integer 1", problems);
    }

    [Fact]
    public void Shown_values_are_shortened_and_sanitized()
    {
        var problems = Validate(new() { ["namespace"] = "a", ["kind"] = "x\u202Eevil" + new string('z', 500) });
        var line = Assert.Single(problems);
        Assert.DoesNotContain("\u202E", line, StringComparison.Ordinal);
        Assert.True(line.Length < 200, line);
    }

    [Fact]
    public void A_whole_number_written_with_a_fraction_is_refused_as_the_binder_would() =>
        Assert.Equal(["tail_lines: expected integer, got 5.0"], ValidateJson(LogsSchema, """{"namespace":"a","tail_lines":5.0}"""));

    [Fact]
    public void Lengths_count_code_points_not_utf16_units()
    {
        var schema = Parse("""{"type":"object","properties":{"name":{"type":"string","minLength":3,"maxLength":3}},"additionalProperties":false}""");
        Assert.Empty(ValidateJson(schema, """{"name":"\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00"}"""));
        Assert.Equal(["name: must be at least 3 characters, got 2"], ValidateJson(schema, """{"name":"\uD83D\uDE00\uD83D\uDE00"}"""));
    }

    [Fact]
    public void Pattern_is_unanchored_and_its_end_anchor_does_not_let_a_final_newline_through()
    {
        var schema = Parse("""{"type":"object","properties":{"id":{"type":"string","pattern":"[0-9]"},"name":{"type":"string","pattern":"^\\w+$"}}}""");
        Assert.Empty(ValidateJson(schema, """{"id":"abc7def","name":"payments"}"""));
        Assert.Equal(["name: must match ^\\w+$, got \"payments\\n\""], ValidateJson(schema, """{"name":"payments\n"}"""));
        // ECMA-262's \w is ASCII only.
        Assert.Single(ValidateJson(schema, """{"name":"платежи"}"""));
    }

    [Fact]
    public void A_pattern_that_runs_too_long_refuses_the_argument_naming_it()
    {
        var schema = Parse("""{"type":"object","properties":{"query":{"type":"string","pattern":"^(a|a?)+$"}}}""");
        var problems = ValidateJson(schema, $$"""{"query":"{{new string('a', 5000)}}!"}""");
        Assert.Equal(["query: refused, matching it against ^(a|a?)+$ took over 100 ms"], problems);
    }

    [Fact]
    public void Exclusive_bounds_const_and_array_sizes_are_enforced()
    {
        var schema = Parse("""
            {"type":"object","properties":{
              "ratio":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1},
              "mode":{"const":"dry-run"},
              "labels":{"type":"array","items":{"type":"string","maxLength":3},"minItems":1,"maxItems":2}}}
            """);
        Assert.Empty(ValidateJson(schema, """{"ratio":0.5,"mode":"dry-run","labels":["a"]}"""));
        Assert.Equal(
            ["ratio: must be > 0, got 0", "mode: must be \"dry-run\", got \"apply\"", "labels: needs at least 1 items, got 0"],
            ValidateJson(schema, """{"ratio":0,"mode":"apply","labels":[]}"""));
        Assert.Equal(
            ["ratio: must be < 1, got 1e400", "labels: takes at most 2 items, got 3", "labels[2]: must be at most 3 characters, got 4"],
            ValidateJson(schema, """{"ratio":1e400,"labels":["a","b","abcd"]}"""));
    }

    [Fact]
    public void Values_of_credential_arguments_are_redacted()
    {
        var schema = Parse("""{"type":"object","properties":{"api_token":{"type":"string","pattern":"^[a-f0-9]+$"}}}""");
        var line = Assert.Single(ValidateJson(schema, """{"api_token":"hunter2-secret"}"""));
        Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
        Assert.StartsWith("api_token: must match ^[a-f0-9]+$, got ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Shown_arrays_and_objects_escape_invisible_characters()
    {
        var line = Assert.Single(ValidateJson(LogsSchema, "{\"namespace\":[\"x\u202Ey\"]}"));
        Assert.StartsWith("namespace: expected string, got array [", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"n":{"type":"integer","multipleOf":5}}}""", "\"multipleOf\" at #/properties/n")]
    [InlineData("""{"type":"object","properties":{"n":{"oneOf":[{"type":"integer"},{"type":"string"}]}}}""", "\"oneOf\" at #/properties/n")]
    [InlineData("""{"type":"object","properties":{},"additionalProperties":{"type":"string"}}""", "\"additionalProperties\" at # as a schema")]
    [InlineData("""{"type":"object","properties":{"n":{"$ref":"#/$defs/n"}},"$defs":{"n":{"type":"string"}}}""", "\"$defs\" at #")]
    [InlineData("""{"type":"object","properties":{"n":{"type":"int"}}}""", "invalid \"type\" at #/properties/n")]
    public void A_schema_with_a_keyword_not_evaluated_is_refused_naming_the_tool_and_keyword(string schema, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => _validator.Validate("risky_tool", Parse(schema), null));
        Assert.Contains("risky_tool", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("InfraTools")]
    [InlineData("ObservabilityTools")]
    [InlineData("IncidentTools")]
    public void Every_advertised_input_schema_compiles(string server)
    {
        using var snapshot = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "tests", $"{server}.Tests", "Snapshots", "tools-list.json")));
        var validator = new ArgumentValidator();
        foreach (var tool in snapshot.RootElement.EnumerateArray())
        {
            var name = tool.GetProperty("name").GetString()!;
            var problems = validator.Validate(name, tool.GetProperty("inputSchema"), null);
            Assert.All(problems, line => Assert.EndsWith(": required", line, StringComparison.Ordinal));
        }
    }

    private List<string> ValidateJson(JsonElement schema, string arguments)
    {
        using var document = JsonDocument.Parse(arguments);
        var elements = document.RootElement.EnumerateObject().ToDictionary(member => member.Name, member => member.Value.Clone());
        return [.. _validator.Validate("test_tool", schema, elements)];
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private List<string> Validate(Dictionary<string, object?> arguments)
    {
        var elements = arguments.ToDictionary(pair => pair.Key, pair => JsonSerializer.SerializeToElement(pair.Value));
        return [.. _validator.Validate("test_tool", LogsSchema, elements)];
    }

    private static JsonElement SchemaOf(Delegate method)
    {
        var tool = McpServerTool.Create(method, new McpServerToolCreateOptions { Name = "test_tool" });
        return ToolSchemas.Close(tool.ProtocolTool.InputSchema);
    }
}
