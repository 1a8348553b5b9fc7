using System.Diagnostics;
using System.Globalization;
using SreSuite.IncidentTools.Runbooks;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.IncidentTools.Tests;

public sealed class RunbookLibraryTests
{
    private static readonly string SampleFolder = Path.Combine(Repository.Samples, "runbooks");

    private static RunbookLibrary Samples() => RunbookLibrary.Load(SampleFolder, "https://runbooks.example.com", 256);

    [Fact]
    public void Samples_are_indexed_without_warnings()
    {
        var library = Samples();

        Assert.Equal(5, library.Runbooks.Count);
        Assert.Empty(library.Warnings);
        var runbook = Assert.Single(library.Runbooks, r => r.Slug == "payments-api-high-error-rate");
        Assert.Equal("Payments API high 5xx error rate", runbook.Title);
        Assert.Equal("payments-api", runbook.Service);
        Assert.Equal(["PaymentsApiHighErrorRate", "HighHttp5xxRate"], runbook.Alerts);
        Assert.Equal("team-payments", runbook.Owner);
        Assert.Equal(["## Check first", "## Mitigate", "## Escalate"], runbook.Sections.Select(s => s.Split('\n')[0]));
        Assert.Equal("runbook://payments-api/payments-api-high-error-rate", runbook.ResourceUri);
    }

    [Fact]
    public void Demo_alert_runbook_url_resolves_to_its_file()
    {
        var result = Samples().Lookup(null, null, "https://runbooks.example.com/payments-api-high-error-rate");

        Assert.Equal("payments-api-high-error-rate.md", result.Best?.Runbook.RelativePath);
        Assert.Contains("runbook_url", result.Best!.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runbook_file_is_named_by_its_resource_and_its_path_in_the_folder_never_by_the_servers_own_path()
    {
        var runbook = Samples().Lookup(null, "PaymentsApiHighErrorRate", null).Best!.Runbook;
        var answer = new AnswerBuilder(8000);

        answer.AppendRunbook(runbook, "alert listed in front matter");
        var text = answer.ToString();

        Assert.Null(runbook.Source);
        Assert.DoesNotContain(Path.GetFullPath(SampleFolder), text, StringComparison.Ordinal);
        Assert.DoesNotContain("\nsource: ", text, StringComparison.Ordinal);
        Assert.Contains("\nresource: runbook://payments-api/payments-api-high-error-rate\n", text, StringComparison.Ordinal);
        Assert.Matches("\n--- begin untrusted text [0-9a-f]{12} from runbook payments-api-high-error-rate.md", text);
    }

    [Fact]
    public void Runbook_url_outside_the_base_url_is_explained_and_the_alert_name_still_matches()
    {
        var result = Samples().Lookup(null, "PaymentsApiHighErrorRate", "https://wiki.example.com/payments-api-high-error-rate");

        Assert.Equal("payments-api-high-error-rate", result.Best?.Runbook.Slug);
        Assert.Contains(result.Notes, note => note.Contains("does not point into Runbooks__BaseUrl", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("PaymentsApiHighErrorRate", "payments-api-high-error-rate", "listed in front matter")]
    [InlineData("paymentsapihigherrorrate", "payments-api-high-error-rate", "ignoring case")]
    [InlineData("payment failures", "payments-api-high-error-rate", "alias")]
    [InlineData("node-not-ready", "node-not-ready", "file name")]
    [InlineData("CheckoutLatencyHigh", "checkout-high-latency", "fuzzy")]
    public void Alert_names_match_exactly_then_by_case_alias_file_name_and_words(string alert, string slug, string rule)
    {
        var result = Samples().Lookup(null, alert, null);

        Assert.Equal(slug, result.Best?.Runbook.Slug);
        Assert.Contains(rule, result.Best!.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_alert_finds_nothing_rather_than_a_guess()
    {
        var result = Samples().Lookup(null, "DiskAlmostFullOnBackupVolume", null);

        Assert.Null(result.Best);
        Assert.Empty(result.Candidates);
    }

    [Fact]
    public void A_service_with_several_runbooks_gives_ranked_candidates()
    {
        var result = Samples().Lookup("payments-api", null, null);

        Assert.Null(result.Best);
        Assert.Equal(2, result.Candidates.Count);
    }

    [Fact]
    public void Search_ranks_titles_and_tags_above_bodies()
    {
        var hits = Samples().Search("crashloop payments", null);

        Assert.Equal("payments-api-crashloop", hits[0].Runbook.Slug);
        Assert.NotNull(hits[0].Snippet);
    }

    [Fact]
    public void Malformed_duplicate_and_huge_files_give_one_clear_warning_each_and_no_crash()
    {
        using var folder = new TempFolder();
        folder.Write("good.md", "---\ntitle: Good\nservice: svc\nalerts: [SharedAlert]\n---\n# Good\n\n## Diagnose\n\nLook.\n");
        folder.Write("other-team.md", "---\ntitle: Duplicate\nservice: other\nalerts:\n  - SharedAlert\n---\n# Duplicate\n");
        folder.Write("tabs.md", "---\ntitle: Tabs\n\tservice: svc\n---\n# Tabs\n");
        folder.Write("broken.md", "---\ntitle: Broken\nalerts: [Unclosed\nservice: svc\n---\n# Broken runbook\n\nStill searchable.\n");
        folder.Write("unclosed.md", "---\ntitle: Never closed\n# Heading\n");
        folder.Write("nested/lists.md", "---\nalerts:\n  nested: value\ntags: a, b\n---\n# Lists\n");
        folder.Write("huge.md", "---\ntitle: Huge\n---\n" + new string('x', 300 * 1024));

        var library = RunbookLibrary.Load(folder.Path, null, 256);

        Assert.Contains(library.Warnings, w => w.File == "broken.md" && w.Problem.StartsWith("front matter is not valid YAML (", StringComparison.Ordinal));
        Assert.Contains(library.Warnings, w => w.File == "other-team.md" && w.Problem.Contains("alert 'SharedAlert' is also listed by good.md", StringComparison.Ordinal));
        Assert.Contains(library.Warnings, w => w.File == "huge.md" && w.Problem.Contains("over the 256 KB limit (Runbooks__MaxFileKilobytes)", StringComparison.Ordinal));
        Assert.Contains(library.Warnings, w => w.File == "unclosed.md" && w.Problem.Contains("not closed", StringComparison.Ordinal));
        Assert.Contains(library.Warnings, w => w.File == "nested/lists.md" && w.Problem.Contains("'alerts' should be a list", StringComparison.Ordinal));
        Assert.Contains(library.Warnings, w => w.File == "tabs.md" && w.Problem.StartsWith("front matter is not valid YAML (line ", StringComparison.Ordinal));
        Assert.Equal(6, library.Runbooks.Count);

        var broken = Assert.Single(library.Runbooks, r => r.Slug == "broken");
        Assert.Equal("Broken runbook", broken.Title);
        Assert.Equal("nested", Assert.Single(library.Runbooks, r => r.Slug == "lists").Service);
        Assert.Equal(["a", "b"], Assert.Single(library.Runbooks, r => r.Slug == "lists").Tags);

        var ambiguous = library.Lookup(null, "SharedAlert", null);
        Assert.Null(ambiguous.Best);
        Assert.Equal(2, ambiguous.Candidates.Count);
        Assert.Equal("other-team", library.Lookup("other", "SharedAlert", null).Best?.Runbook.Slug);
    }

    [Fact]
    public void A_runbook_linked_to_a_file_outside_the_folder_is_skipped_with_a_warning()
    {
        // The red team's passwd.md -> /etc/passwd, which runbook_lookup served.
        using var folder = new TempFolder();
        using var outside = new TempFolder();
        folder.Write("good.md", "# Good\n");
        var planted = outside.Write("planted.md", "---\ntitle: Planted\nalerts: [Planted]\n---\n# Planted\n\nroot:x:0:0:root:/root:/bin/bash\n");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "passwd.md"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "planted.md"), planted);

        var library = RunbookLibrary.Load(folder.Path, null, 256);

        Assert.Equal(["good"], library.Runbooks.Select(r => r.Slug));
        Assert.Null(library.Lookup(null, "passwd", null).Best);
        Assert.Null(library.Lookup(null, "Planted", null).Best);
        Assert.Empty(library.Search("root bash", null));
        var passwd = Assert.Single(library.Warnings, w => w.File == "passwd.md");
        Assert.Equal("skipped: a symbolic link to a file outside the runbook folder", passwd.Problem);
        Assert.Single(library.Warnings, w => w.File == "planted.md");
        Assert.DoesNotContain(library.Warnings, w => w.Problem.Contains("/etc/passwd", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_linked_out_of_the_runbook_folder_is_not_indexed()
    {
        using var folder = new TempFolder();
        using var outside = new TempFolder();
        folder.Write("good.md", "# Good\n");
        outside.Write("secret.md", "---\ntitle: Secret\nalerts: [Secret]\n---\n# Secret\n");
        outside.Write("deeper/more.md", "# More\n");
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "elsewhere"), outside.Path);

        var library = RunbookLibrary.Load(folder.Path, null, 256);

        Assert.Equal(["good"], library.Runbooks.Select(r => r.Slug));
        var warning = Assert.Single(library.Warnings);
        Assert.Equal("elsewhere", warning.File);
        Assert.Equal("skipped: a symbolic link to a folder outside the runbook folder", warning.Problem);
    }

    [Fact]
    public void Links_that_stay_inside_the_folder_are_followed_and_the_folder_itself_may_be_a_link()
    {
        // git-sync points its "current" link at the checked-out worktree; a ConfigMap volume links each file to
        // "..data/<file>", and "..data" to the timestamped folder beside it.
        using var root = new TempFolder();
        root.Write("worktree/runbooks/..2026_01_31/disk.md", "---\ntitle: Disk full\nalerts: [DiskFull]\n---\n# Disk full\n");
        var runbooks = Path.Combine(root.Path, "worktree", "runbooks");
        Directory.CreateSymbolicLink(Path.Combine(runbooks, "..data"), "..2026_01_31");
        File.CreateSymbolicLink(Path.Combine(runbooks, "disk-link.md"), "..data/disk.md");
        Directory.CreateSymbolicLink(Path.Combine(root.Path, "current"), "worktree");

        var library = RunbookLibrary.Load(Path.Combine(root.Path, "current", "runbooks"), null, 256);

        Assert.Contains(library.Runbooks, r => r.RelativePath == "disk-link.md" && r.Title == "Disk full");
        Assert.DoesNotContain(library.Warnings, w => w.Problem.StartsWith("skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void A_link_loop_is_skipped_without_hanging()
    {
        using var folder = new TempFolder();
        folder.Write("good.md", "# Good\n");
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "loop"), ".");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "self.md"), "self.md");

        var library = RunbookLibrary.Load(folder.Path, null, 256);

        Assert.Equal(["good"], library.Runbooks.Select(r => r.Slug));
        Assert.Contains(library.Warnings, w => w.File == "self.md" && w.Problem.StartsWith("skipped: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Lookup_over_a_thousand_runbooks_is_correct_after_indexing()
    {
        using var folder = new TempFolder();
        string[] components = ["kubernetes", "payments", "storage", "network", "database"];
        for (var i = 0; i < 1000; i++)
        {
            var component = components[i % components.Length];
            folder.Write($"{component}/{component}-alert-{i:D4}.md", string.Create(CultureInfo.InvariantCulture, $"""
                ---
                title: {component} condition number {i}
                service: {component}-service
                alerts:
                  - {Pascal(component)}Condition{i:D4}Firing
                aliases: ["{component} condition {i}"]
                severity: {(i % 3 == 0 ? "critical" : "warning")}
                tags: [{component}, generated]
                ---
                # {component} condition number {i}

                Fires when condition {i} of {component} holds for 5 minutes.

                ## Diagnose

                1. Check the {component} dashboard for condition {i}.

                ## Mitigate

                - Restart the {component} component {i % 17}.
                """));
        }

        var library = RunbookLibrary.Load(folder.Path, "https://runbooks.example.com", 256);
        Assert.Equal(1000, library.Runbooks.Count);
        Assert.Empty(library.Warnings);

        var timer = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            var component = components[i % components.Length];
            var result = library.Lookup(null, $"{Pascal(component)}Condition{i:D4}Firing", null);
            Assert.Equal($"{component}-alert-{i:D4}", result.Best?.Runbook.Slug);
        }

        timer.Stop();
        var byUrl = library.Lookup(null, null, "https://runbooks.example.com/payments/payments-alert-0421");
        Assert.Equal("payments-alert-0421", byUrl.Best?.Runbook.Slug);
        var fuzzy = Stopwatch.StartNew();
        var byWords = library.Lookup("storage-service", "StorageCondition0422", null);
        fuzzy.Stop();
        Assert.Equal("storage-alert-0422", byWords.Best?.Runbook.Slug);

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"runbook index: 1000 runbooks indexed in {library.IndexTime.TotalMilliseconds:0} ms; 1000 exact lookups in {timer.Elapsed.TotalMilliseconds:0.0} ms ({timer.Elapsed.TotalMilliseconds:0.000} µs per lookup); one fuzzy lookup {fuzzy.Elapsed.TotalMilliseconds:0.000} ms"));
    }

    private static string Pascal(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    [Fact]
    public void Text_tokens_split_names_the_same_way_however_they_are_written()
    {
        Assert.Equal(["payments", "api", "high", "error", "rate"], TextTokens.Split("PaymentsApiHighErrorRate"));
        Assert.Equal(["payments", "api", "high", "error", "rate"], TextTokens.Split("payments-api-high-error-rate"));
        Assert.Equal(["kube", "pod", "crash", "looping"], TextTokens.Split("KubePodCrashLooping"));
        Assert.Equal(["storage", "condition", "0422", "firing"], TextTokens.Split("StorageCondition0422Firing"));
        Assert.Equal(["k8s", "v2"], TextTokens.Split("k8s v2"));
        Assert.Equal(["http", "5xx", "rate"], TextTokens.Split("HTTP 5xx rate"));
        Assert.Equal("payments 5xx", TextTokens.Normalize("Payments  5XX"));
    }
}
