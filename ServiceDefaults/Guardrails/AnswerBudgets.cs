using Microsoft.Extensions.Options;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>Hands each tool an <see cref="AnswerBuilder"/> sized by its configured budget.</summary>
public sealed class AnswerBudgets(IOptionsMonitor<AnswerBudgetOptions> options)
{
    /// <summary>Starts the answer of <paramref name="tool"/> (its MCP name) within its budget.</summary>
    public AnswerBuilder Start(string tool) => new(options.CurrentValue.BytesFor(tool));

    /// <summary>
    /// Starts an answer with <c>structuredContent</c>: one budget for both, the text gets two thirds and the
    /// structured part the rest (<see cref="StructuredAnswer.ShareOf"/>).
    /// </summary>
    public (AnswerBuilder Text, StructuredAnswer Data) StartStructured(string tool)
    {
        var bytes = options.CurrentValue.BytesFor(tool);
        var data = StructuredAnswer.ShareOf(bytes);
        return (new AnswerBuilder(bytes - data), new StructuredAnswer(data));
    }

    /// <summary>The budget of <paramref name="tool"/> in bytes.</summary>
    public int BytesFor(string tool) => options.CurrentValue.BytesFor(tool);
}
