using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Grains.Alerts;

/// <summary>
/// Deliveries waiting for a webhook: one per configured webhook and alert transition, created with the transition by
/// the <see cref="IAlertStore"/>. Leased so that several silos can deliver without sending one twice at once.
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>Up to <paramref name="max"/> deliveries due now, each leased to the caller until <paramref name="leaseUntil"/>.</summary>
    Task<IReadOnlyList<WebhookDelivery>> LeaseDueAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>The receiver accepted it: it is never sent again.</summary>
    Task CompleteAsync(WebhookDelivery delivery, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>It failed: try again at <paramref name="nextAttemptAt"/>, or give up (null) after the last attempt.</summary>
    Task FailAsync(WebhookDelivery delivery, string error, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>Deliveries not yet completed nor given up, for the backlog gauge.</summary>
    Task<long> CountPendingAsync(CancellationToken cancellationToken);
}

/// <summary>One transition on its way to one webhook (named by its index in configuration).</summary>
public sealed record WebhookDelivery(long Id, string Webhook, AlertTransition Transition, int Attempts);
