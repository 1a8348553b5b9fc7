namespace SreSuite.MonitoringFixture;

/// <summary>The queries the tests and the benchmark send against the demo data.</summary>
public static class DemoQueries
{
    /// <summary>5xx rate per service: five series, payments-api jumps at T_deploy.</summary>
    public const string ErrorRateByService = "sum by (service) (rate(http_requests_total{code=~\"5..\"}[5m]))";

    /// <summary>Every request-rate series: forty series.</summary>
    public const string AllRequestRates = "rate(http_requests_total[5m])";

    /// <summary>Resident memory of every instance: ten series, inventory-service climbs.</summary>
    public const string Memory = "process_resident_memory_bytes";
}
