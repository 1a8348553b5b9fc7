namespace SreSuite.ServiceDefaults.Hosting;

/// <summary>A setting is present but unusable. The message always names the setting and how to fix it.</summary>
public sealed class InvalidSettingException : Exception
{
    public InvalidSettingException(string setting, string problem)
        : base($"{setting}: {problem}")
    {
        Setting = setting;
    }

    /// <summary>The setting as an operator writes it, e.g. <c>KUBECONFIG</c> or <c>Runbooks__Path</c>.</summary>
    public string Setting { get; }
}
