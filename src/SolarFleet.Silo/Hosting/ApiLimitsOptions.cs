namespace SolarFleet.Silo.Hosting;

/// <summary>SolarFleet:Api — request size limits and reporting range limits.</summary>
public sealed class ApiLimitsOptions
{
    /// <summary>Largest body of a single site or inverter request.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest fleet document (PUT /api/fleet). 100,000 inverters take about 10 MB.</summary>
    public int MaxFleetDocumentBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Longest range of one energy report.</summary>
    public int MaxReportDays { get; set; } = 3 * 366;
}
