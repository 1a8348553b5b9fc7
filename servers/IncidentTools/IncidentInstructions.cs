namespace SreSuite.IncidentTools;

/// <summary>What the model is told about this server at <c>initialize</c>.</summary>
internal static class IncidentInstructions
{
    public const string Text =
        "Runbooks, the service catalog, incidents and on-call, and recent deploys. " +
        "Call incident_status first to see which sources are configured.";
}
