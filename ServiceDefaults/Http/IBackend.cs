namespace SreSuite.ServiceDefaults.Http;

/// <summary>
/// A system a server reads (Prometheus, PagerDuty, a Kubernetes API server …) as the health check and the status
/// tools see it: configured or not, and a probe that says who answers.
/// </summary>
public interface IBackend
{
    /// <summary>What the health check calls it when it does not answer, e.g. <c>Prometheus</c>.</summary>
    string DisplayName { get; }

    bool IsConfigured { get; }

    /// <summary>What to set when <see cref="IsConfigured"/> is false.</summary>
    string NotConfiguredMessage { get; }

    /// <summary>Asks the backend who it is; returns a short description such as its version.</summary>
    Task<string> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>One line saying why a call got no usable answer.</summary>
    string DescribeFailure(Exception exception) => BackendErrors.Describe(exception);
}
