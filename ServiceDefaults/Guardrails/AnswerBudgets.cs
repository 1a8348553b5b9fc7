using Microsoft.Extensions.Options;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>Hands each tool an <see cref="AnswerBuilder"/> sized by its configured budget.</summary>
public sealed class AnswerBudgets(IOptionsMonitor<AnswerBudgetOptions> options)
{
    /// <summary>Starts the answer of <paramref name="tool"/> (its MCP name) within its budget.</summary>
    public AnswerBuilder Start(string tool) => new(options.CurrentValue.BytesFor(tool));

    /// <summary>The budget of <paramref name="tool"/> in bytes.</summary>
    public int BytesFor(string tool) => options.CurrentValue.BytesFor(tool);
}
