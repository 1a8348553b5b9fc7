namespace SreSuite.InfraTools.Kubernetes;

/// <summary>
/// A failure Status the API server answered with (404, 410, 400, …), kept as the inner exception of the
/// <see cref="ServiceDefaults.Guardrails.ToolFailureException"/> a tool sees, for tools that answer some codes specially.
/// </summary>
public sealed class KubernetesStatusException : Exception
{
    public KubernetesStatusException(int code, string reason, string message, KubernetesRequest? request)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Request = request;
    }

    public int Code { get; }

    /// <summary>The Status reason, e.g. <c>NotFound</c>, <c>Expired</c>, <c>Forbidden</c>.</summary>
    public string Reason { get; }

    public KubernetesRequest? Request { get; }
}
