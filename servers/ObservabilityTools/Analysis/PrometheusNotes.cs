using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Analysis;

internal static class PrometheusNotes
{
    /// <summary>
    /// Prometheus' warnings and infos, verbatim but stripped of invisible characters. Added before the content, so
    /// the content leaves room for them.
    /// </summary>
    public static void AddWarnings(this AnswerBuilder answer, IReadOnlyList<string> warnings)
    {
        foreach (var warning in warnings)
            answer.Note($"Prometheus warning: {UntrustedText.Line(warning)}");
    }
}
