using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Inverters;

namespace SolarFleet.Grains.Alerts;

/// <summary>
/// One inverter's alerts: its <see cref="AlertBook"/> over the tracks in its state, and the site's daylight. Free of
/// Orleans; the caller hands the transitions to the alert store.
/// </summary>
public sealed class InverterAlerts
{
    private readonly AlertRuleOptions _options;
    private readonly AlertBook _book;
    private Daylight? _daylight;

    public InverterAlerts(Dictionary<AlertKind, AlertTrack> tracks, AlertRuleOptions options, string siteId, string inverterId)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
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
    }

    public void OnGoodPoll(in GoodPollFacts facts, DateTimeOffset now, ICollection<AlertTransition> transitions) =>
        _book.Observe(InverterAlertRules.OfGoodPoll(facts, _options, IsOpen), now, transitions);

    public void OnFailedPoll(Abstractions.Health.InverterHealth health, int consecutiveFailures, string? lastError, DateTimeOffset now, ICollection<AlertTransition> transitions) =>
        _book.Observe(InverterAlertRules.OfFailedPoll(health, consecutiveFailures, lastError), now, transitions);

    private bool IsOpen(AlertKind kind) => _book.Open.Any(alert => alert.Kind == kind);
}
