namespace SreSuite.IncidentTools;

/// <summary>
/// Where a path really leads once every symbolic link in it is followed, and whether that stays inside a folder.
/// Runbooks and the catalog are read from the real path and only when it stays inside their folder, so a link
/// such as <c>passwd.md → /etc/passwd</c> is never read.
/// </summary>
public static class RealPaths
{
    // Linux's own limit (MAXSYMLINKS): a loop ends in a refusal, not a hang.
    private const int MaxLinks = 40;

    /// <summary>The absolute path with every link in it followed, or null when links loop or one cannot be read.</summary>
    public static string? Resolve(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    /// <summary>True when <paramref name="realPath"/> is <paramref name="realFolder"/> or lies below it (both resolved).</summary>
    public static bool IsInside(string realPath, string realFolder)
    {
        ArgumentNullException.ThrowIfNull(realPath);
        var folder = Path.TrimEndingDirectorySeparator(realFolder);
        return realPath == folder || realPath.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static string? Resolve(string fullPath, ref int links)
    {
        var root = Path.GetPathRoot(fullPath) ?? string.Empty;
        var current = root;
        foreach (var part in fullPath[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            if (target is not null)
            {
                if (++links > MaxLinks)
                    return null;
                // A relative target is relative to the folder that holds the link, which is already resolved.
                var resolved = Resolve(Path.GetFullPath(target, current), ref links);
                if (resolved is null)
                    return null;
                next = resolved;
            }

            current = next;
        }

        return current;
    }
}
