namespace SolarFleet.Silo.Api.Energy;

/// <summary>A site as a report needs it: its calendar, how many inverters it has now, and whether it was removed.</summary>
public sealed record ReportSite(string SiteId, string TimeZone, int Inverters, DateTimeOffset? RemovedAt)
{
    public bool IsLive => RemovedAt is null;
}
