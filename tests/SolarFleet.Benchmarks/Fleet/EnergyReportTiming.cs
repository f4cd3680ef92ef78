namespace SolarFleet.Benchmarks.Fleet;

/// <summary>
/// The fleet's energy report for today, asked for once after the window as a billing tool would, the fleet still
/// polling: how long the whole report took, and what it held.
/// </summary>
public sealed record EnergyReportTiming(double Seconds, int Rows, int SitesWithEnergy, long EnergyWh, long Bytes)
{
    public static async Task<EnergyReportTiming> MeasureAsync(HttpClient api, DateOnly today, CancellationToken cancellationToken)
    {
        var report = await FleetEnergyDay.ReadAsync(api, today, cancellationToken);
        return new EnergyReportTiming(
            report.Seconds, report.Rows, report.EnergyBySite.Values.Count(wh => wh > 0), report.EnergyBySite.Values.Sum(), report.Bytes);
    }
}
