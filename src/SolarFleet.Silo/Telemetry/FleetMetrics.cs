using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Telemetry;
using SolarFleet.Silo.Api;
using SolarFleet.Silo.Hosting;

namespace SolarFleet.Silo.Telemetry;

/// <summary>
/// Fleet, site and (opt-in, capped) inverter gauges. A background loop reads the fleet grain's roll-up every
/// refresh interval; scrapes read that cached copy, so a scrape never calls into the grains.
/// </summary>
public sealed class FleetMetrics : BackgroundService
{

    private readonly IGrainFactory _grains;
    private readonly MetricsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FleetMetrics> _logger;
    private volatile FleetGaugeSnapshot _snapshot = FleetGaugeSnapshot.Empty;

    public FleetMetrics(IGrainFactory grains, IOptions<SolarFleetOptions> options, IMeterFactory meters, TimeProvider time, ILogger<FleetMetrics> logger)
    {
        _grains = grains;
        _options = options.Value.Metrics;
        _time = time;
        _logger = logger;
        var meter = meters.Create(SolarFleetMetrics.MeterName);
        meter.CreateObservableGauge("solarfleet.fleet.power", () => _snapshot.Fleet?.PowerW ?? 0, "W", "Live AC power of the whole fleet (asleep and stale inverters count 0).");
        meter.CreateObservableGauge("solarfleet.fleet.energy.today", () => _snapshot.Fleet?.EnergyTodayWh ?? 0, "Wh", "Energy produced today, each site on its own local day.");
        meter.CreateObservableGauge("solarfleet.fleet.sites", () => _snapshot.Fleet?.Sites ?? 0, "{site}", "Registered sites.");
        meter.CreateObservableGauge("solarfleet.inverters", ObserveHealth, "{inverter}", "Registered inverters by health.");
        if (_options.PerSite)
        {
            meter.CreateObservableGauge("solarfleet.site.power", () => _snapshot.Sites.Select(s => new Measurement<long>(s.PowerW, new KeyValuePair<string, object?>("site", s.SiteId))), "W", "Live AC power per site.");
            meter.CreateObservableGauge("solarfleet.site.energy.today", () => _snapshot.Sites.Select(s => new Measurement<long>(s.EnergyTodayWh, new KeyValuePair<string, object?>("site", s.SiteId))), "Wh", "Energy produced today per site (site-local day).");
        }

        if (_options.PerInverter && _options.MaxInverterSeries > 0)
        {
            meter.CreateObservableGauge("solarfleet.inverter.power", () => _snapshot.Inverters.Select(i => new Measurement<int>(i.PowerW, Tags(i.SiteId, i.InverterId))), "W", "Live AC power per inverter (opt-in, capped).");
            meter.CreateObservableGauge("solarfleet.inverter.energy.today", () => _snapshot.Inverters.Select(i => new Measurement<long>(i.EnergyTodayWh, Tags(i.SiteId, i.InverterId))), "Wh", "Energy produced today per inverter (opt-in, capped).");
        }
    }

    public FleetGaugeSnapshot Current => _snapshot;

    /// <summary>Reads the roll-up now (the loop does this every refresh interval).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var fleet = _grains.GetGrain<IFleetGrain>(FleetKey.Default);
        var summary = await fleet.GetSummary().WaitAsync(cancellationToken);
        var sites = await fleet.GetSiteSummaries().WaitAsync(cancellationToken);
        var inverters = _options.PerInverter ? await ReadInvertersAsync(sites, cancellationToken) : [];
        _snapshot = new FleetGaugeSnapshot(summary, sites, inverters);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RefreshInterval, _time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The silo may still be starting or shutting down; the next tick tries again.
                _logger.LogDebug(ex, "Fleet metrics refresh failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static KeyValuePair<string, object?>[] Tags(string siteId, string inverterId) =>
        [new("site", siteId), new("inverter", inverterId)];

    private IEnumerable<Measurement<int>> ObserveHealth()
    {
        var counts = _snapshot.Fleet?.Health ?? HealthCounts.Zero;
        return Enum.GetValues<InverterHealth>()
            .Select(health => new Measurement<int>(counts.Of(health), new KeyValuePair<string, object?>("health", ResourceMapper.Name(health))));
    }

    private async Task<IReadOnlyList<(string, string, int, long)>> ReadInvertersAsync(IReadOnlyList<SiteSummary> sites, CancellationToken cancellationToken)
    {
        var result = new List<(string, string, int, long)>();
        foreach (var site in sites.OrderBy(s => s.SiteId, StringComparer.Ordinal))
        {
            var snapshot = await _grains.GetGrain<ISiteGrain>(site.SiteId).GetSnapshot().WaitAsync(cancellationToken);
            foreach (var inverterId in snapshot?.Inverters.Keys.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>())
            {
                if (result.Count >= _options.MaxInverterSeries)
                {
                    return result;
                }

                var inverter = await _grains.GetGrain<IInverterGrain>(InverterKey.Of(site.SiteId, inverterId)).GetSnapshot().WaitAsync(cancellationToken);
                if (inverter is not null)
                {
                    result.Add((site.SiteId, inverterId, inverter.PowerW, inverter.EnergyTodayWh));
                }
            }
        }

        return result;
    }
}
