using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Webhooks.Payload;

/// <summary>
/// The JSON body of every webhook request (camelCase, enums as camelCase strings, times in UTC ISO 8601).
/// </summary>
/// <param name="DeliveryId">"{alert id}:raised" or "{alert id}:resolved": the same on every attempt, for de-duplication.</param>
/// <param name="Transition">"raised" or "resolved".</param>
/// <param name="Alert">The alert as it stood at the transition.</param>
/// <param name="SentAt">When this attempt was sent.</param>
public sealed record WebhookPayload(string DeliveryId, string Transition, WebhookAlert Alert, DateTimeOffset SentAt)
{
    public static WebhookPayload For(AlertTransition transition, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return new WebhookPayload(
            transition.DeliveryId,
            transition.Transition == AlertTransitionKind.Raised ? "raised" : "resolved",
            WebhookAlert.From(transition.Alert),
            sentAt.ToUniversalTime());
    }
}

/// <summary>An alert as webhooks receive it.</summary>
public sealed record WebhookAlert(
    string Id,
    AlertKind Kind,
    AlertSeverity Severity,
    string SiteId,
    string InverterId,
    DateTimeOffset RaisedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string Summary,
    string Detail,
    IReadOnlyDictionary<string, double> Figures)
{
    public static WebhookAlert From(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new WebhookAlert(
            alert.Id,
            alert.Kind,
            alert.Severity,
            alert.SiteId,
            alert.InverterId,
            alert.RaisedAt.ToUniversalTime(),
            alert.ResolvedAt?.ToUniversalTime(),
            alert.AcknowledgedAt?.ToUniversalTime(),
            alert.AcknowledgedBy,
            alert.Summary,
            alert.Detail,
            alert.Figures);
    }
}
