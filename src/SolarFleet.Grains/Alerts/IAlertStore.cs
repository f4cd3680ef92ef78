using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Grains.Alerts;

/// <summary>
/// Alert history: every alert with its transitions, and (where webhooks are configured) one delivery per webhook and
/// transition in an outbox written with it. Recording is fire-and-forget into a buffer and idempotent, like the energy
/// ledger: an inverter grain re-records its open alerts when it reactivates, so a lost buffer loses nothing for good.
/// Reads are the one read path of alerts for the API.
/// </summary>
public interface IAlertStore
{
    /// <summary>Queues a transition; never blocks a grain and never throws for a storage outage.</summary>
    void Record(AlertTransition transition);

    /// <summary>A page of alerts matching the query, newest raised first.</summary>
    Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken);

    /// <summary>One alert, or null.</summary>
    Task<Alert?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Marks an alert acknowledged (the first acknowledgement stands; a repeat changes nothing) and returns it, or null
    /// when there is no such alert.
    /// </summary>
    Task<Alert?> AcknowledgeAsync(string id, string by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Open alerts by kind and severity, with the number of sites they are on (kinds without any are left out).</summary>
    Task<IReadOnlyList<OpenAlertCount>> CountOpenAsync(CancellationToken cancellationToken);

    /// <summary>The ids of every site with at least one open alert of <paramref name="kind"/>, however many are open.</summary>
    Task<IReadOnlySet<string>> SitesWithOpenAsync(AlertKind kind, CancellationToken cancellationToken);
}
