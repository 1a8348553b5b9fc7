namespace SreSuite.ObservabilityTools;

/// <summary>What the model is told about this server at <c>initialize</c>.</summary>
internal static class ObservabilityInstructions
{
    public const string Text =
        "Prometheus and Alertmanager for incident triage. " +
        "Call prom_status first to confirm which Prometheus and Alertmanager you are querying.";
}
