namespace SreSuite.InfraTools;

/// <summary>What the model is told about this server at <c>initialize</c>.</summary>
internal static class InfraInstructions
{
    public const string Text =
        "Read-only Kubernetes triage for one pinned cluster context. " +
        "Call k8s_context first to confirm which cluster you are looking at before drawing conclusions.";
}
