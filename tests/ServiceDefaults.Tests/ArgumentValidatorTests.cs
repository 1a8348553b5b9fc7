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
