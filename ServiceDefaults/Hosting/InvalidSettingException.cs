namespace SreSuite.ServiceDefaults.Hosting;

/// <summary>A setting is present but unusable. The message always names the setting and how to fix it.</summary>
public sealed class InvalidSettingException : Exception
{
    public InvalidSettingException(string setting, string problem)
        : base($"{setting}: {problem}")
    {
        Setting = setting;
    }

    public InvalidSettingException()
    {
        Setting = string.Empty;
    }

    public InvalidSettingException(string message)
        : base(message)
    {
        Setting = string.Empty;
    }

    public InvalidSettingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Setting = string.Empty;
    }

    /// <summary>The setting as an operator writes it, e.g. <c>KUBECONFIG</c> or <c>Runbooks__Path</c>.</summary>
    public string Setting { get; }
}
