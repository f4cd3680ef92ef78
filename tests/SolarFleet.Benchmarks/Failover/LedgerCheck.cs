using System.Globalization;
using System.Text.Json;
using SolarFleet.Benchmarks.Fleet;
using SolarFleet.Benchmarks.Processes;

namespace SolarFleet.Benchmarks.Failover;

/// <summary>
/// Compares a day's ledger, as the API reports it, with the simulators' frozen truth: site by site in one request
/// (GET /api/fleet/energy), then inverter by inverter for the sites that differ. The document groups the Pis into
/// sites in fleet order, <paramref name="perSite"/> at a time, as <see cref="FleetDocumentWriter"/> wrote them.
/// </summary>
public sealed class LedgerCheck(HttpClient api, IReadOnlyList<PiStats> truth, int perSite, DateOnly day)
{
    public long TruthWh => truth.Sum(pi => pi.EnergyTodayWh);

    /// <summary>The sites whose ledger differs from the truth, with what the ledger says (null: no row), and its total.</summary>
    public async Task<(List<int> Differing, long LedgerWh)> CompareSitesAsync(CancellationToken cancellationToken)
    {
        var ledger = (await FleetEnergyDay.ReadAsync(api, day, cancellationToken)).EnergyBySite;
        var differing = new List<int>();
        for (var site = 0; site * perSite < truth.Count; site++)
        {
            var expected = SitePis(site).Sum(i => truth[i].EnergyTodayWh);
            if (ledger.GetValueOrDefault(FleetDocumentWriter.SiteId(site)) != expected)
            {
                differing.Add(site);
            }
        }

        return (differing, ledger.Values.Sum());
    }

    /// <summary>Inverters of <paramref name="sites"/> whose ledger differs, and the sum of |ledger - truth| over them.</summary>
    public async Task<(int Inverters, long DifferenceWh)> CompareInvertersAsync(IEnumerable<int> sites, CancellationToken cancellationToken)
    {
        var (inverters, difference) = (0, 0L);
        foreach (var site in sites)
        {
            foreach (var i in SitePis(site))
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"/api/sites/{FleetDocumentWriter.SiteId(site)}/inverters/inv-{i - (site * perSite):00}/energy?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}&interval=day");
                using var days = JsonDocument.Parse(await api.GetStringAsync(Uri(path), cancellationToken));
                var ledger = days.RootElement.EnumerateArray().Select(d => d.GetProperty("energyWh")).Where(e => e.ValueKind == JsonValueKind.Number).Sum(e => e.GetInt64());
                if (ledger != truth[i].EnergyTodayWh)
                {
                    inverters++;
                    difference += Math.Abs(ledger - truth[i].EnergyTodayWh);
                }
            }
        }

        return (inverters, difference);
    }

    private IEnumerable<int> SitePis(int site) => Enumerable.Range(site * perSite, Math.Min(perSite, truth.Count - (site * perSite)));

    private static Uri Uri(string path) => new(path, UriKind.Relative);
}
