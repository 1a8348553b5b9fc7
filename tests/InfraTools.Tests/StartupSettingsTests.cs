namespace SreSuite.InfraTools.Tests;

public sealed class StartupSettingsTests
{
    [Fact]
    public Task Missing_kubeconfig_file_is_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-kubeconfig-{Guid.NewGuid():N}");
        return StartupAssertions.RefusesToStartNamingAsync("InfraTools", "KUBECONFIG", new Dictionary<string, string?> { ["KUBECONFIG"] = missing });
    }

    [Fact]
    public async Task Unparseable_kubeconfig_is_named()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "apiVersion: v1\nkind: Config\nclusters: [ this is not: valid", TestContext.Current.CancellationToken);
        try
        {
            await StartupAssertions.RefusesToStartNamingAsync("InfraTools", "KUBECONFIG", new Dictionary<string, string?> { ["KUBECONFIG"] = file });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Unknown_context_is_named_with_the_contexts_that_exist()
    {
        var file = await Kubeconfigs.WriteAsync("https://127.0.0.1:1", TestContext.Current.CancellationToken);
        try
        {
            await StartupAssertions.RefusesToStartNamingAsync("InfraTools", "Kubernetes__Context", new Dictionary<string, string?>
            {
                ["KUBECONFIG"] = file,
                ["Kubernetes__Context"] = "production",
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public Task Unknown_transport_is_named() =>
        StartupAssertions.RefusesToStartNamingAsync("InfraTools", "Mcp__Transport", new Dictionary<string, string?> { ["Mcp__Transport"] = "carrier-pigeon" });
}
