using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Grains.Alerts;

/// <summary>
/// Deliveries waiting for a webhook: one per configured webhook and alert transition, created with the transition by
/// the <see cref="IAlertStore"/>. Leased so that several silos can deliver without sending one twice at once.
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>
    /// Up to <paramref name="max"/> deliveries to the named <paramref name="webhooks"/> that are due at
    /// <paramref name="now"/>, oldest due first, each leased to the caller until <paramref name="leaseUntil"/>: nobody
    /// else gets it before then, and after then (the caller crashed) it is due again. Leasing counts an attempt. A
    /// resolved transition is not due while the raised one of the same alert is still pending for that webhook, so a
    /// receiver hears of a resolution after its raise. Only the caller's webhooks are leased, so that a silo whose
    /// configuration lacks a webhook (during a rolling change) leaves that webhook's deliveries to the others.
    /// </summary>
    Task<IReadOnlyList<WebhookDelivery>> LeaseDueAsync(
        IReadOnlyCollection<string> webhooks,
        int max,
        DateTimeOffset now,
        DateTimeOffset leaseUntil,
        CancellationToken cancellationToken);

    /// <summary>The receiver accepted it: it is never sent again.</summary>
    Task CompleteAsync(WebhookDelivery delivery, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// It failed: try again at <paramref name="nextAttemptAt"/>, or give up (null) after the last attempt. Changes
    /// nothing when the delivery was leased again since (its lease had run out) or has been completed.
    /// </summary>
    Task FailAsync(WebhookDelivery delivery, string error, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>Deliveries not yet completed nor given up, for the backlog gauge.</summary>
    Task<long> CountPendingAsync(CancellationToken cancellationToken);
}

/// <summary>One transition on its way to one webhook (named by the webhook's configured name).</summary>
/// <param name="Id">The outbox's own number for it.</param>
/// <param name="Webhook">The webhook's name: its stable identity in the outbox.</param>
/// <param name="Transition">The alert as it stood at the transition: what is sent.</param>
/// <param name="Attempts">Attempts so far, this lease's included (1 on the first); it also tells this lease from a later one.</param>
public sealed record WebhookDelivery(long Id, string Webhook, AlertTransition Transition, int Attempts);
