using SreSuite.IncidentTools.Catalog;

namespace SreSuite.IncidentTools.Tests;

public sealed class ServiceCatalogTests
{
    [Fact]
    public void Sample_catalog_maps_the_demo_service_to_its_team_repo_pagerduty_service_and_namespace()
    {
        var catalog = ServiceCatalog.Load(Path.Combine(Repository.Samples, "catalog.yaml"));

        Assert.Empty(catalog.Warnings);
        Assert.Equal(4, catalog.Services.Count);
        var payments = catalog.Find("payments-api")!;
        Assert.Equal("team-payments", payments.Owner);
        Assert.Equal("acme/payments-api", payments.Repository);
        Assert.Equal("PSVC001", payments.PagerDutyServiceId);
        Assert.Equal("payments", payments.Namespace);
        Assert.Equal("app=payments-api", payments.LabelSelector);
        Assert.Contains(payments.Links, link => link.Type == "dashboard" && link.Url.StartsWith("https://grafana.example.com/", StringComparison.Ordinal));
        Assert.Same(payments, catalog.FindByPagerDutyService("PSVC001"));
        Assert.Equal(["component:payments-api"], catalog.Find("checkout-web")!.DependsOn);
    }

    [Fact]
    public void A_catalog_linked_to_a_file_outside_its_folder_is_not_read()
    {
        using var folder = new TempFolder();
        using var outside = new TempFolder();
        var planted = outside.Write("planted.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: planted\nspec:\n  owner: team-x\n");
        var catalogPath = Path.Combine(folder.Path, "catalog.yaml");
        File.CreateSymbolicLink(catalogPath, planted);

        var catalog = ServiceCatalog.Load(catalogPath);

        Assert.Empty(catalog.Services);
        Assert.Equal("skipped: a symbolic link to a file outside its folder", Assert.Single(catalog.Warnings));
    }

    [Fact]
    public void A_catalog_reached_through_a_linked_folder_or_linked_within_its_folder_is_read()
    {
        using var root = new TempFolder();
        root.Write("worktree/..2026_01_31/catalog.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger\nspec:\n  owner: team-ledger\n");
        File.CreateSymbolicLink(Path.Combine(root.Path, "worktree", "catalog.yaml"), "..2026_01_31/catalog.yaml");
        Directory.CreateSymbolicLink(Path.Combine(root.Path, "current"), "worktree");

        var catalog = ServiceCatalog.Load(Path.Combine(root.Path, "current", "catalog.yaml"));

        Assert.Empty(catalog.Warnings);
        Assert.Equal("ledger", Assert.Single(catalog.Services).Name);
    }

    [Fact]
    public void Bad_documents_are_skipped_with_a_warning_and_the_rest_is_read()
    {
        using var folder = new TempFolder();
        var file = folder.Write("catalog.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: ledger
              annotations:
                pagerduty.com/integration-key: 8f0e1c2d3b4a596877665544332211ff
            spec:
              owner: group:default/team-ledger
            ---
            - just
            - a list
            ---
            kind: Component
            metadata:
              title: no name
            ---
            kind: Component
            metadata:
              name: ledger
            ---
            kind: Component
            metadata: {name: broken, annotations: [
            """);

        var catalog = ServiceCatalog.Load(file);

        var ledger = Assert.Single(catalog.Services, s => s.Name == "ledger" && s.Owner is not null);
        Assert.Equal("team-ledger", ledger.Owner);
        Assert.Null(ledger.PagerDutyServiceId);
        Assert.Contains(catalog.Warnings, w => w == "document 2 is not a mapping; skipped");
        Assert.Contains(catalog.Warnings, w => w == "document 3 has no metadata.name; skipped");
        Assert.Contains(catalog.Warnings, w => w.Contains("'ledger' is defined twice", StringComparison.Ordinal));
        Assert.Contains(catalog.Warnings, w => w.StartsWith("not valid YAML", StringComparison.Ordinal));
    }
}
