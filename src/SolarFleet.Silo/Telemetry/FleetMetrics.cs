using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Alerts;
using SolarFleet.Grains.Telemetry;
using SolarFleet.Silo.Api;
using SolarFleet.Silo.Hosting;
using SolarFleet.Silo.Reads;

namespace SolarFleet.Silo.Telemetry;

/// <summary>
/// Fleet, site and (opt-in, capped) inverter gauges, and open alerts. A background loop reads the fleet's shared view
/// (<see cref="FleetReads"/>) and the alert store's counts every refresh interval; scrapes read that cached copy, so a
/// scrape never calls into the grains or the database. Energy is exported in joules, Prometheus' base unit (1 Wh = 3600 J).
/// </summary>
public sealed class FleetMetrics : BackgroundService
{
    public const string SitePowerName = "solarfleet.site.power";
    public const string SiteEnergyName = "solarfleet.site.energy.today";
    public const string InverterPowerName = "solarfleet.inverter.power";
    public const string InverterEnergyName = "solarfleet.inverter.energy.today";

    private const long JoulesPerWattHour = 3600;

    private readonly IGrainFactory _grains;
    private readonly FleetReads _reads;
    private readonly IAlertStore _alerts;
    private readonly MetricsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FleetMetrics> _logger;
    private readonly RecyclingGauges<SiteSummary>? _siteGauges;
    private readonly RecyclingGauges<InverterGauge>? _inverterGauges;
    private volatile FleetGaugeSnapshot _snapshot = FleetGaugeSnapshot.Empty;
    private long _collections;
    private bool _warnedSiteCap;

    public FleetMetrics(IGrainFactory grains, FleetReads reads, IAlertStore alerts, IOptions<SolarFleetOptions> options, IMeterFactory meters, TimeProvider time, ILogger<FleetMetrics> logger)
    {
        _grains = grains;
        _reads = reads;
        _alerts = alerts;
        _options = options.Value.Metrics;
        _time = time;
        _logger = logger;
        var meter = meters.Create(SolarFleetMetrics.MeterName);
        meter.CreateObservableGauge("solarfleet.fleet.power", () => _snapshot.Fleet?.PowerW ?? 0, "W", "Live AC power of the whole fleet (asleep and stale inverters count 0).");
        meter.CreateObservableGauge("solarfleet.fleet.energy.today", () => (_snapshot.Fleet?.EnergyTodayWh ?? 0) * JoulesPerWattHour, "J", "Energy produced today, each site on its own local day.");
        meter.CreateObservableGauge("solarfleet.fleet.sites", ObserveSites, "{site}", "Registered sites.");
        meter.CreateObservableGauge("solarfleet.inverters", ObserveHealth, "{inverter}", "Registered inverters by health.");
        meter.CreateObservableGauge("solarfleet.alerts.open", () => ObserveAlerts(c => c.Alerts), "{alert}", "Open alerts by kind and severity.");
        meter.CreateObservableGauge("solarfleet.alerts.open.sites", () => ObserveAlerts(c => c.Sites), "{site}", "Sites with open alerts, by kind and severity.");
        if (_options.PerSite && _options.MaxSiteSeries > 0)
        {
            _siteGauges = new RecyclingGauges<SiteSummary>(SolarFleetMetrics.MeterName, meters, _options.MaxSiteSeries, s => s.SiteId, (m, sites) =>
            {
                m.CreateObservableGauge(SitePowerName, () => sites().Select(s => new Measurement<long>(s.PowerW, Site(s.SiteId))), "W", "Live AC power per site.");
                m.CreateObservableGauge(SiteEnergyName, () => sites().Select(s => new Measurement<long>(s.EnergyTodayWh * JoulesPerWattHour, Site(s.SiteId))), "J", "Energy produced today per site (site-local day).");
            });
        }

        if (_options.PerInverter && _options.MaxInverterSeries > 0)
        {
            _inverterGauges = new RecyclingGauges<InverterGauge>(SolarFleetMetrics.MeterName, meters, _options.MaxInverterSeries, i => i.SiteId + "\n" + i.InverterId, (m, inverters) =>
            {
                m.CreateObservableGauge(InverterPowerName, () => inverters().Select(i => new Measurement<int>(i.PowerW, Tags(i.SiteId, i.InverterId))), "W", "Live AC power per inverter (opt-in, capped).");
                m.CreateObservableGauge(InverterEnergyName, () => inverters().Select(i => new Measurement<long>(i.EnergyTodayWh * JoulesPerWattHour, Tags(i.SiteId, i.InverterId))), "J", "Energy produced today per inverter (opt-in, capped).");
            });
        }
    }

    public FleetGaugeSnapshot Current => _snapshot;

    /// <summary>Times the per-site instruments were remade to release removed sites' series.</summary>
    public int SiteSeriesRecycled => _siteGauges?.Recycled ?? 0;

    /// <summary>Reads the roll-up and the open alerts now (the loop does this every refresh interval).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        // One view: the fleet's total and its sites' series always agree.
        var view = await _reads.ViewAsync().WaitAsync(cancellationToken);
        var (summary, sites) = (view.Summary, view.Sites);
        var inverters = _options.PerInverter ? await ReadInvertersAsync(sites, cancellationToken) : [];
        var alerts = await ReadOpenAlertsAsync(cancellationToken);
        _snapshot = new FleetGaugeSnapshot(summary, sites, inverters, alerts);
        var collections = Interlocked.Read(ref _collections);
        _siteGauges?.Publish(CapSites(sites), collections);
        _inverterGauges?.Publish(inverters, collections);
    }

    public override void Dispose()
    {
        _siteGauges?.Dispose();
        _inverterGauges?.Dispose();
        base.Dispose();
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

    private static KeyValuePair<string, object?> Site(string siteId) => new("site", siteId);

    private static KeyValuePair<string, object?>[] Tags(string siteId, string inverterId) =>
        [new("site", siteId), new("inverter", inverterId)];

    private int ObserveSites()
    {
        // Every collection calls this once: the recycling gauges learn from it when a disposed meter is gone.
        Interlocked.Increment(ref _collections);
        return _snapshot.Fleet?.Sites ?? 0;
    }

    private IReadOnlyList<SiteSummary> CapSites(IReadOnlyList<SiteSummary> sites)
    {
        if (sites.Count <= _options.MaxSiteSeries)
        {
            return sites;
        }

        if (!_warnedSiteCap)
        {
            _warnedSiteCap = true;
            _logger.LogWarning(
                "{Sites} sites exceed SolarFleet:Metrics:MaxSiteSeries ({Max}); per-site series cover the first {Max} by id",
                sites.Count, _options.MaxSiteSeries, _options.MaxSiteSeries);
        }

        return [.. sites.OrderBy(s => s.SiteId, StringComparer.Ordinal).Take(_options.MaxSiteSeries)];
    }

    private IEnumerable<Measurement<int>> ObserveHealth()
    {
        var counts = _snapshot.Fleet?.Health ?? HealthCounts.Zero;
        return Enum.GetValues<InverterHealth>()
            .Select(health => new Measurement<int>(counts.Of(health), new KeyValuePair<string, object?>("health", ResourceMapper.Name(health))));
    }

    // Every kind is reported, 0 when none is open, so that rules and panels see a series rather than none.
    private IEnumerable<Measurement<long>> ObserveAlerts(Func<OpenAlertCount, long> value)
    {
        var open = _snapshot.OpenAlerts;
        return Enum.GetValues<AlertKind>().Select(kind =>
        {
            var severity = AlertCatalog.SeverityOf(kind);
            var count = open.FirstOrDefault(c => c.Kind == kind && c.Severity == severity);
            return new Measurement<long>(
                count is null ? 0 : value(count),
                new KeyValuePair<string, object?>("kind", AlertCatalog.NameOf(kind)),
                new KeyValuePair<string, object?>("severity", severity.ToString().ToLowerInvariant()));
        });
    }

    private async Task<IReadOnlyList<OpenAlertCount>> ReadOpenAlertsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _alerts.CountOpenAsync(cancellationToken);
        }
        catch (AlertStoreUnavailableException ex)
        {
            // Keep the last counts through a database outage; the store's own series tell of the outage.
            _logger.LogDebug(ex, "Open alerts could not be counted");
            return _snapshot.OpenAlerts;
        }
    }

    private async Task<IReadOnlyList<InverterGauge>> ReadInvertersAsync(IReadOnlyList<SiteSummary> sites, CancellationToken cancellationToken)
    {
        var result = new List<InverterGauge>();
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
                    result.Add(new InverterGauge(site.SiteId, inverterId, inverter.PowerW, inverter.EnergyTodayWh));
                }
            }
        }

        return result;
    }
}
