using System.Diagnostics;
using System.Text.Json;

namespace SreSuite.Deploy.Tests;

/// <summary>
/// Base images cannot be pulled here, so the container configuration the SDK would publish is checked
/// offline through its ComputeContainerConfig target: non-root user, HTTP port, base image, entrypoint.
/// </summary>
public sealed class ContainerImageTests
{
    [Theory]
    [InlineData("InfraTools")]
    [InlineData("ObservabilityTools")]
    [InlineData("IncidentTools")]
    public async Task Image_runs_as_a_numeric_non_root_user_on_port_8080(string server)
    {
        var ct = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var arg in new[]
        {
            "msbuild", Path.Combine("servers", server, $"{server}.csproj"), "-t:ComputeContainerConfig", "-nologo",
            "-getProperty:ContainerUser", "-getProperty:ContainerRepository", "-getProperty:ContainerBaseImage",
            "-getItem:ContainerPort", "-getItem:ContainerEnvironmentVariable", "-getItem:ContainerAppCommand",
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, output + await process.StandardError.ReadToEndAsync(ct));

        using var config = JsonDocument.Parse(output);
        var properties = config.RootElement.GetProperty("Properties");
        var items = config.RootElement.GetProperty("Items");
        Assert.Equal("1654", properties.GetProperty("ContainerUser").GetString());
        Assert.Equal($"sresuite/{server.ToLowerInvariant()}", properties.GetProperty("ContainerRepository").GetString());
        Assert.Contains("noble-chiseled", properties.GetProperty("ContainerBaseImage").GetString(), StringComparison.Ordinal);
        Assert.Equal("8080", items.GetProperty("ContainerPort")[0].GetProperty("Identity").GetString());
        Assert.Contains(items.GetProperty("ContainerEnvironmentVariable").EnumerateArray(),
            variable => variable.GetProperty("Identity").GetString() == "ASPNETCORE_HTTP_PORTS" && variable.GetProperty("Value").GetString() == "8080");
        var command = items.GetProperty("ContainerAppCommand").EnumerateArray().Select(part => part.GetProperty("Identity").GetString()).ToList();
        Assert.Contains(command, part => part!.EndsWith(server, StringComparison.Ordinal) || part.EndsWith($"{server}.dll", StringComparison.Ordinal));
        Assert.DoesNotContain("--stdio", command);
    }
}
