using System.Globalization;

namespace SreSuite.IncidentTools.Runbooks;

/// <summary>A problem with one runbook file, reported at start and by <c>incident_status</c>.</summary>
public sealed record RunbookWarning(string File, string Problem)
{
    public override string ToString() => $"{File}: {Problem}";
}

/// <summary>A runbook that may answer a lookup, with the rule that found it.</summary>
public sealed record RunbookCandidate(Runbook Runbook, string Rule, double Score);

/// <summary>
/// The answer to a lookup: the best runbook and the rule that matched, or ranked candidates when no single
/// runbook stands out, and notes about what was tried.
/// </summary>
public sealed record RunbookLookupResult(RunbookCandidate? Best, IReadOnlyList<RunbookCandidate> Candidates, IReadOnlyList<string> Notes);

/// <summary>A search hit: the runbook, its score and the first body line that mentions a query word.</summary>
public sealed record RunbookHit(Runbook Runbook, double Score, string? Snippet);

/// <summary>
/// Every runbook of the folder, indexed once at start: by alert name (exact and case-insensitive), alias,
/// file name, published URL, service and words, so a lookup is a few dictionary reads.
/// </summary>
public sealed class RunbookLibrary
{
    private const double FuzzyThreshold = 0.5;
    private const double ClearLead = 0.15;

    private readonly Dictionary<string, List<Runbook>> _byAlert = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Runbook>> _byAlertIgnoreCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Runbook>> _byAlias = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Runbook>> _bySlug = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Runbook> _byPath = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Runbook>> _byService = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Runbook> _byResource = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<int>> _nameWords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<int, double>> _searchWords = new(StringComparer.Ordinal);
    private readonly List<Runbook> _runbooks;
    private readonly Uri? _baseUrl;

    private RunbookLibrary(string folder, Uri? baseUrl, List<Runbook> runbooks, List<RunbookWarning> warnings, TimeSpan indexTime)
    {
        Folder = folder;
        _baseUrl = baseUrl;
        _runbooks = runbooks;
        Warnings = warnings;
        IndexTime = indexTime;
        for (var i = 0; i < runbooks.Count; i++)
            Index(i, runbooks[i], warnings);
    }

    public string Folder { get; }

    public IReadOnlyList<Runbook> Runbooks => _runbooks;

    public IReadOnlyList<RunbookWarning> Warnings { get; }

    /// <summary>How long reading and indexing the folder took.</summary>
    public TimeSpan IndexTime { get; }

    /// <summary>
    /// Reads every <c>*.md</c> file under <paramref name="folder"/>. Files that cannot be read, are larger than the
    /// limit, or are symbolic links that lead out of the folder are skipped with a warning; nothing here throws for
    /// a bad file.
    /// </summary>
    public static RunbookLibrary Load(string folder, string? baseUrl, int maxFileKilobytes)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var warnings = new List<RunbookWarning>();
        var runbooks = new List<Runbook>();
        var maxBytes = Math.Max(1, maxFileKilobytes) * 1024L;
        foreach (var (relative, realPath) in FindFiles(folder, warnings))
        {
            string text;
            try
            {
                var length = new FileInfo(realPath).Length;
                if (length > maxBytes)
                {
                    warnings.Add(new(relative, $"skipped: {Size(length)} is over the {maxFileKilobytes} KB limit (Runbooks__MaxFileKilobytes); split it or raise the limit"));
                    continue;
                }

                text = File.ReadAllText(realPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                warnings.Add(new(relative, $"skipped: cannot be read ({ex.Message})"));
                continue;
            }

            var problems = new List<string>();
            runbooks.Add(RunbookParser.Parse(relative, null, text, problems));
            warnings.AddRange(problems.Select(problem => new RunbookWarning(relative, problem)));
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return new RunbookLibrary(folder, ParseBaseUrl(baseUrl), runbooks, warnings, elapsed);
    }

    /// <summary>
    /// The <c>*.md</c> files under the folder, each with its path inside the folder and the real path it is read
    /// from. Links are followed only while they stay inside the folder's real path; each folder is read once, so a
    /// link back up the tree cannot loop.
    /// </summary>
    private static List<(string Relative, string RealPath)> FindFiles(string folder, List<RunbookWarning> warnings)
    {
        var files = new List<(string Relative, string RealPath)>();
        var realFolder = RealPaths.Resolve(folder);
        if (realFolder is null || !Directory.Exists(realFolder))
            return files;

        var visited = new HashSet<string>(StringComparer.Ordinal) { realFolder };
        var pending = new Stack<(string Relative, string RealPath)>([(string.Empty, realFolder)]);
        while (pending.Count > 0)
        {
            var (directory, realDirectory) = pending.Pop();
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. new DirectoryInfo(realDirectory).EnumerateFileSystemInfos()];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                warnings.Add(new(directory.Length == 0 ? "." : directory, $"skipped: cannot be read ({ex.Message})"));
                continue;
            }

            foreach (var entry in entries)
            {
                var relative = directory.Length == 0 ? entry.Name : $"{directory}/{entry.Name}";
                var realPath = entry.FullName;
                var isDirectory = entry is DirectoryInfo;
                if (entry.LinkTarget is not null)
                {
                    var resolved = RealPaths.Resolve(entry.FullName);
                    isDirectory = resolved is not null && Directory.Exists(resolved);
                    if (!isDirectory && !IsRunbookName(entry.Name))
                        continue;
                    if (resolved is null)
                    {
                        warnings.Add(new(relative, "skipped: a symbolic link that loops or cannot be followed"));
                        continue;
                    }

                    if (!RealPaths.IsInside(resolved, realFolder))
                    {
                        warnings.Add(new(relative, $"skipped: a symbolic link to a {(isDirectory ? "folder" : "file")} outside the runbook folder"));
                        continue;
                    }

                    realPath = resolved;
                }

                if (isDirectory)
                {
                    if (visited.Add(realPath))
                        pending.Push((relative, realPath));
                }
                else if (IsRunbookName(entry.Name))
                {
                    files.Add((relative, realPath));
                }
            }
        }

        files.Sort((a, b) => StringComparer.Ordinal.Compare(a.Relative, b.Relative));
        return files;
    }

    private static bool IsRunbookName(string name) => name.EndsWith(".md", StringComparison.Ordinal);

    public IReadOnlyList<Runbook> ForService(string service) =>
        _byService.TryGetValue(service, out var runbooks) ? runbooks : [];

    /// <summary>The runbook served as <c>runbook://{service}/{slug}</c>, or null.</summary>
    public Runbook? Find(string service, string slug) =>
        _byResource.GetValueOrDefault(RunbookUris.For(service, slug));

    /// <summary>
    /// Finds the runbook for an alert: its <c>runbook_url</c> first, then the alert name exactly, then
    /// ignoring case or as a file name, then an alias, then by shared words. A service narrows each step.
    /// </summary>
    public RunbookLookupResult Lookup(string? service, string? alert, string? runbookUrl)
    {
        var notes = new List<string>();
        if (!string.IsNullOrWhiteSpace(runbookUrl))
        {
            var resolved = ResolveUrl(runbookUrl, notes);
            if (resolved is not null)
                return Single(resolved, $"runbook_url points to {resolved.RelativePath}", notes);
        }

        if (!string.IsNullOrWhiteSpace(alert))
        {
            alert = alert.Trim();
            if (Pick(_byAlert.GetValueOrDefault(alert), service, $"alert '{alert}' listed in front matter", notes) is { } exact)
                return exact;
            if (Pick(_byAlertIgnoreCase.GetValueOrDefault(alert), service, $"alert '{alert}' listed in front matter (ignoring case)", notes) is { } ignoringCase)
                return ignoringCase;
            if (Pick(_bySlug.GetValueOrDefault(alert), service, $"file name matches alert '{alert}'", notes) is { } fileName)
                return fileName;
            if (Pick(_byAlias.GetValueOrDefault(TextTokens.Normalize(alert)), service, $"alias matches '{alert}'", notes) is { } alias)
                return alias;
            return Fuzzy(alert, service, notes);
        }

        if (!string.IsNullOrWhiteSpace(service))
        {
            var runbooks = ForService(service);
            if (runbooks.Count == 1)
                return Single(runbooks[0], $"the only runbook of service '{service}'", notes);
            return new RunbookLookupResult(null, [.. runbooks.Select(r => new RunbookCandidate(r, $"runbook of service '{service}'", 1))], notes);
        }

        return new RunbookLookupResult(null, [], notes);
    }

    /// <summary>Ranks runbooks by the query's words in titles, alerts, aliases and tags (weighted) and bodies.</summary>
    public IReadOnlyList<RunbookHit> Search(string query, string? service)
    {
        var words = TextTokens.Split(query).Distinct(StringComparer.Ordinal).ToList();
        var scores = new Dictionary<int, double>();
        foreach (var word in words)
        {
            if (!_searchWords.TryGetValue(word, out var postings))
                continue;
            var rarity = Math.Log(1 + (_runbooks.Count / (double)postings.Count));
            foreach (var (index, weight) in postings)
                scores[index] = scores.GetValueOrDefault(index) + (weight * rarity);
        }

        return [.. scores
            .Where(pair => string.IsNullOrWhiteSpace(service) || string.Equals(_runbooks[pair.Key].Service, service, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => _runbooks[pair.Key].RelativePath, StringComparer.Ordinal)
            .Select(pair => new RunbookHit(_runbooks[pair.Key], Math.Round(pair.Value, 2), Snippet(_runbooks[pair.Key], words)))];
    }

    private static RunbookLookupResult? Pick(List<Runbook>? matches, string? service, string rule, List<string> notes)
    {
        if (matches is null || matches.Count == 0)
            return null;
        var narrowed = string.IsNullOrWhiteSpace(service)
            ? matches
            : matches.Where(r => string.Equals(r.Service, service, StringComparison.OrdinalIgnoreCase)).ToList();
        if (narrowed.Count == 0)
        {
            notes.Add($"{rule}, but for another service ({string.Join(", ", matches.Select(r => r.Service).Distinct())})");
            narrowed = matches;
        }

        if (narrowed.Count == 1)
            return Single(narrowed[0], rule, notes);
        return new RunbookLookupResult(null, [.. narrowed.Select(r => new RunbookCandidate(r, rule, 1))], notes);
    }

    private RunbookLookupResult Fuzzy(string alert, string? service, List<string> notes)
    {
        var words = TextTokens.Split(alert).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count == 0)
            return new RunbookLookupResult(null, [], notes);
        var hits = new Dictionary<int, int>();
        foreach (var word in words)
        {
            foreach (var index in _nameWords.GetValueOrDefault(word) ?? [])
                hits[index] = hits.GetValueOrDefault(index) + 1;
        }

        var ranked = hits
            .Select(pair =>
            {
                var runbook = _runbooks[pair.Key];
                var score = (double)pair.Value / words.Count;
                if (!string.IsNullOrWhiteSpace(service) && string.Equals(runbook.Service, service, StringComparison.OrdinalIgnoreCase))
                    score += 0.25;
                return new RunbookCandidate(runbook, $"{pair.Value} of {words.Count} words of '{alert}' match", Math.Round(score, 2));
            })
            .Where(candidate => candidate.Score >= FuzzyThreshold)
            .OrderByDescending(candidate => candidate.Score)
            .ThenBy(candidate => candidate.Runbook.RelativePath, StringComparer.Ordinal)
            .ToList();
        if (ranked.Count == 1 || (ranked.Count > 1 && ranked[0].Score - ranked[1].Score >= ClearLead))
            return new RunbookLookupResult(ranked[0] with { Rule = $"fuzzy: {ranked[0].Rule}" }, ranked.Skip(1).ToList(), notes);
        return new RunbookLookupResult(null, ranked, notes);
    }

    /// <summary>The local runbook a published URL (under <c>Runbooks__BaseUrl</c>) points to, if any.</summary>
    public Runbook? FindByUrl(string url) => ResolveUrl(url, []);

    private Runbook? ResolveUrl(string url, List<string> notes)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            notes.Add($"runbook_url '{url}' is not an absolute URL");
            return null;
        }

        if (_baseUrl is null)
        {
            notes.Add("runbook_url not resolved: Runbooks__BaseUrl is not set");
            return null;
        }

        var basePath = _baseUrl.AbsolutePath.TrimEnd('/');
        if (!string.Equals(uri.Host, _baseUrl.Host, StringComparison.OrdinalIgnoreCase)
            || !uri.AbsolutePath.StartsWith(basePath + "/", StringComparison.OrdinalIgnoreCase))
        {
            notes.Add($"runbook_url does not point into Runbooks__BaseUrl ({_baseUrl})");
            return null;
        }

        var path = Uri.UnescapeDataString(uri.AbsolutePath[(basePath.Length + 1)..]).Trim('/');
        if (path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
            path = path[..path.LastIndexOf('.')];
        if (_byPath.TryGetValue(path, out var runbook))
            return runbook;
        var slug = path.Split('/')[^1];
        if (_bySlug.TryGetValue(slug, out var bySlug) && bySlug.Count == 1)
            return bySlug[0];
        notes.Add($"runbook_url points to '{path}', which is not a file in the runbook folder");
        return null;
    }

    private static RunbookLookupResult Single(Runbook runbook, string rule, List<string> notes) =>
        new(new RunbookCandidate(runbook, rule, 1), [], notes);

    private void Index(int index, Runbook runbook, List<RunbookWarning> warnings)
    {
        foreach (var alert in runbook.Alerts.Distinct(StringComparer.Ordinal))
        {
            if (_byAlert.TryGetValue(alert, out var owners) && owners.Count > 0)
                warnings.Add(new(runbook.RelativePath, $"alert '{alert}' is also listed by {owners[0].RelativePath}; a lookup returns both as candidates unless service narrows it"));
            Add(_byAlert, alert, runbook);
            Add(_byAlertIgnoreCase, alert, runbook);
        }

        foreach (var alias in runbook.Aliases)
            Add(_byAlias, TextTokens.Normalize(alias), runbook);
        Add(_bySlug, runbook.Slug, runbook);
        _byPath[Path.ChangeExtension(runbook.RelativePath, null)] = runbook;
        Add(_byService, runbook.Service, runbook);
        if (!_byResource.TryAdd(runbook.ResourceUri, runbook))
            warnings.Add(new(runbook.RelativePath, $"has the same service and file name as {_byResource[runbook.ResourceUri].RelativePath}; {runbook.ResourceUri} serves the other one"));

        var nameText = string.Join(' ', runbook.Alerts.Concat(runbook.Aliases).Concat(runbook.Tags).Append(runbook.Title).Append(runbook.Slug));
        foreach (var word in TextTokens.Split(nameText).Distinct(StringComparer.Ordinal))
        {
            if (!_nameWords.TryGetValue(word, out var list))
                _nameWords[word] = list = [];
            list.Add(index);
        }

        foreach (var word in TextTokens.Split(nameText))
            AddSearch(word, index, 3);
        foreach (var word in TextTokens.Split(runbook.Body))
            AddSearch(word, index, 1);
    }

    private void AddSearch(string word, int index, double weight)
    {
        if (!_searchWords.TryGetValue(word, out var postings))
            _searchWords[word] = postings = [];
        // Repeats count, but with diminishing weight, so a long body cannot outrank a title.
        var current = postings.GetValueOrDefault(index);
        postings[index] = current + (weight / (1 + (current / 3)));
    }

    private static void Add(Dictionary<string, List<Runbook>> map, string key, Runbook runbook)
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = [];
        if (!list.Contains(runbook))
            list.Add(runbook);
    }

    private static string? Snippet(Runbook runbook, List<string> words)
    {
        foreach (var line in runbook.Body.Split('\n'))
        {
            var trimmed = line.Trim().TrimStart('#', '-', '*', ' ');
            if (trimmed.Length == 0)
                continue;
            var lineWords = TextTokens.Split(trimmed);
            if (words.Any(lineWords.Contains))
                return trimmed.Length <= 160 ? trimmed : string.Concat(trimmed.AsSpan(0, 157), "...");
        }

        return null;
    }

    private static Uri? ParseBaseUrl(string? baseUrl) =>
        Uri.TryCreate(baseUrl?.Trim(), UriKind.Absolute, out var uri) ? uri : null;

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB");
}
