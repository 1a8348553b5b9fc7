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
        Assert.Same(payments, catalog.FindByRepository("ACME/payments-api"));
        Assert.Equal(["component:payments-api"], catalog.Find("checkout-web")!.DependsOn);
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
