using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace SreSuite.IncidentTools.Tests;

/// <summary>Structured results agree with the text, fit the declared schema, and runbook answers link the resource.</summary>
public sealed class StructuredOutputTests(IncidentServer server) : IClassFixture<IncidentServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runbook_lookup_returns_the_runbook_as_data_and_links_its_resource()
    {
        var result = await server.Client.CallToolAsync("runbook_lookup", new Dictionary<string, object?> { ["runbook_url"] = "https://runbooks.example.com/payments-api-high-error-rate" }, cancellationToken: Ct);

        Assert.NotEqual(true, result.IsError);
        var structured = Assert.IsType<JsonElement>(result.StructuredContent);
        Assert.Equal("runbook://payments-api/payments-api-high-error-rate", structured.GetProperty("runbook").GetProperty("uri").GetString());
        var link = Assert.Single(result.Content.OfType<ResourceLinkBlock>(), block => block.Uri == "runbook://payments-api/payments-api-high-error-rate");
        Assert.Equal("text/markdown", link.MimeType);
        var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));
        Assert.Contains("resource: runbook://payments-api/payments-api-high-error-rate", text, StringComparison.Ordinal);
        await AssertFitsDeclaredSchemaAsync("runbook_lookup", structured);
    }

    [Fact]
    public async Task Incident_list_rows_are_the_incidents_the_text_shows()
    {
        var result = await server.Client.CallToolAsync("incident_list", new Dictionary<string, object?> { ["status"] = "any" }, cancellationToken: Ct);

        Assert.NotEqual(true, result.IsError);
        var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));
        var structured = Assert.IsType<JsonElement>(result.StructuredContent);
        var rows = structured.GetProperty("incidents").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
            Assert.Contains(row.GetProperty("id").GetString()!, text, StringComparison.Ordinal);
        await AssertFitsDeclaredSchemaAsync("incident_list", structured);
    }

    [Fact]
    public async Task Timeline_and_deploys_carry_structured_rows_within_one_budget()
    {
        foreach (var (tool, arguments, list) in new (string, Dictionary<string, object?>, string)[]
        {
            ("incident_timeline", new() { ["service"] = "payments-api", ["hours_before"] = 72 }, "events"),
            ("deploys_recent", new() { ["service"] = "payments-api", ["since"] = "7d" }, "deploys"),
        })
        {
            var result = await server.Client.CallToolAsync(tool, arguments, cancellationToken: Ct);
            var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));
            Assert.NotEqual(true, result.IsError);
            var structured = Assert.IsType<JsonElement>(result.StructuredContent);
            Assert.Equal(JsonValueKind.Array, structured.GetProperty(list).ValueKind);
            // The default budget, 2,000 tokens of about four bytes, covers the text and the structured part together.
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(text) + System.Text.Encoding.UTF8.GetByteCount(structured.GetRawText()) <= 8000, tool);
            await AssertFitsDeclaredSchemaAsync(tool, structured);
        }
    }

    /// <summary>
    /// Every top-level field the answer has is named in the output schema (which names fields, not types, to keep
    /// tools/list small), except <c>omitted</c>, the per-list counts of rows left out; no value is null.
    /// </summary>
    private async Task AssertFitsDeclaredSchemaAsync(string tool, JsonElement structured)
    {
        var tools = await server.Client.ListToolsAsync(cancellationToken: Ct);
        var schema = Assert.IsType<JsonElement>(tools.Single(t => t.Name == tool).ProtocolTool.OutputSchema);
        Assert.Equal("object", schema.GetProperty("type").GetString());
        var properties = schema.GetProperty("properties");
        foreach (var field in structured.EnumerateObject())
        {
            Assert.NotEqual(JsonValueKind.Null, field.Value.ValueKind);
            if (field.Name == "omitted")
            {
                foreach (var count in field.Value.EnumerateObject())
                {
                    Assert.True(properties.TryGetProperty(count.Name, out _), $"{tool}: omitted counts '{count.Name}', which is not a declared list");
                    Assert.True(count.Value.TryGetInt32(out var left) && left > 0, $"{tool}: omitted.{count.Name} is {count.Value}");
                }

                continue;
            }

            Assert.True(properties.TryGetProperty(field.Name, out _), $"{tool}: '{field.Name}' is not in the output schema");
        }
    }
}
