namespace SreSuite.AppHost;

/// <summary>The AppHost's own options (<c>--scenario</c>, <c>--clusters</c>), taken out of the arguments before Aspire reads them.</summary>
internal static class CommandLineOption
{
    /// <summary>
    /// Removes <paramref name="name"/> (<c>--name value</c> or <c>--name=value</c>) from <paramref name="args"/>.
    /// Returns whether it was there; <paramref name="value"/> is null when it was given without one.
    /// </summary>
    public static bool Take(ref string[] args, string name, out string? value)
    {
        var index = Array.FindIndex(args, a => a == name || a.StartsWith(name + "=", StringComparison.Ordinal));
        value = null;
        if (index < 0)
            return false;
        var inline = args[index].StartsWith(name + "=", StringComparison.Ordinal);
        value = inline ? args[index][(name.Length + 1)..] : index + 1 < args.Length ? args[index + 1] : null;
        args = [.. args.Take(index), .. args.Skip(index + (inline || value is null ? 1 : 2))];
        return true;
    }
}
