using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Grains.Underproduction;
using SolarFleet.Solar.Position;

namespace SolarFleet.Grains.Alerts;

/// <summary>
/// One inverter's alerts: its <see cref="AlertBook"/> over the tracks in its state, and the site's daylight. Free of
/// Orleans; the caller hands the transitions to the alert store.
/// </summary>
public sealed class InverterAlerts
{
    private readonly AlertRuleOptions _options;
    private readonly AlertBook _book;
    private readonly OwnOutputTrack _ownOutput;
    private Daylight? _daylight;
    private OwnClearSky? _ownClearSky;
    private InverterRegistration? _registration;

    public InverterAlerts(Dictionary<AlertKind, AlertTrack> tracks, OwnOutputTrack ownOutput, AlertRuleOptions options, string siteId, string inverterId)
    {
        ArgumentNullException.ThrowIfNull(ownOutput);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _ownOutput = ownOutput;
        _book = new AlertBook(tracks, options, siteId, inverterId);
    }

    public AlertBook Book => _book;

    /// <summary>The site's daylight, known once the inverter is registered.</summary>
    public Daylight Daylight => _daylight ?? throw new InvalidOperationException("The inverter is not registered.");

    /// <summary>Takes the site facts of a registration: where the sun is.</summary>
    public void Locate(InverterRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        _daylight = Daylight.For(registration.Latitude, registration.Longitude, registration.TimeZone, _options.Daylight);
        if (_registration is { } previous && !OwnClearSky.SameArray(previous, registration))
        {
            // What it learned of its full sun was of another array (or place): learn again.
            _ownOutput.Forget();
        }

        _registration = registration;
        _ownClearSky = null;
    }

    /// <summary>
    /// Whether this inverter's yield is compared with its neighbours': it has a DC nameplate and its site its own
    /// coordinates (a zone's city would make every site of the zone neighbours).
    /// </summary>
    public bool ComparesYield => _options.Underproduction.Enabled
        && _registration is { Settings.DcCapacityW: > 0, Latitude: not null, Longitude: not null };

    public InverterRegistration Registration => _registration ?? throw new InvalidOperationException("The inverter is not registered.");

    /// <summary>The inverter against its own output in full sun, the judge when peers are too few; null when it does not compare its yield.</summary>
    public OwnClearSky? OwnClearSky => _ownClearSky;

    /// <summary>
    /// Follows the day's energy into windows, the completed daylight windows and days added to
    /// <paramref name="completed"/>, and the poll's power against a clear sky.
    /// </summary>
    public void TrackYield(YieldTrack track, DateTimeOffset polledAt, DateOnly siteToday, Func<DateOnly, long> energyOn, int? powerNowW, TimeZoneInfo zone, ICollection<CompletedYield> completed)
    {
        if (!ComparesYield)
        {
            return;
        }

        _ownClearSky ??= new OwnClearSky(_ownOutput, _options.Underproduction, Registration, zone);
        _ownClearSky.Observe(polledAt, siteToday, powerNowW);

        var before = completed.Count;
        YieldWindows.Observe(track, polledAt, siteToday, energyOn, _options.Underproduction.Window, zone, completed);
        if (completed.Count > before && completed is List<CompletedYield> list)
        {
            // Windows with a low sun make yields that are mostly noise (and differ with every roof's angle).
            var site = Daylight.Location!.Point;
            list.RemoveAll(y => !y.Window.IsDay && SolarPosition.At(site, y.Window.Start + (y.Window.Length / 2)).Elevation < _options.Underproduction.MinSunElevationDegrees);
        }
    }

    public void OnUnderproduction(AlertObservation observation, DateTimeOffset now, ICollection<AlertTransition> transitions) =>
        _book.Observe([observation], now, transitions);

    public void OnGoodPoll(in GoodPollFacts facts, DateTimeOffset now, ICollection<AlertTransition> transitions) =>
        _book.Observe(InverterAlertRules.OfGoodPoll(facts, _options, IsOpen), now, transitions);

    public void OnFailedPoll(Abstractions.Health.InverterHealth health, int consecutiveFailures, string? lastError, DateTimeOffset now, ICollection<AlertTransition> transitions) =>
        _book.Observe(InverterAlertRules.OfFailedPoll(health, consecutiveFailures, lastError), now, transitions);

    private bool IsOpen(AlertKind kind) => _book.Open.Any(alert => alert.Kind == kind);
}
