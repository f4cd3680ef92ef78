using SolarFleet.Grains.Alerts;

namespace SolarFleet.Webhooks.Delivery;

/// <summary>
/// When a failed delivery is tried again: <see cref="WebhookDeliveryOptions.RetryDelay"/> after the first failure,
/// doubling after each further one up to <see cref="WebhookDeliveryOptions.MaxRetryDelay"/>, each wait less a random
/// share of up to half, so that deliveries failed together (a receiver down) do not all come back at once. Never,
/// after <see cref="WebhookDeliveryOptions.MaxAttempts"/> attempts or once the transition is older than
/// <see cref="WebhookDeliveryOptions.MaxAge"/>.
/// </summary>
internal sealed class RetrySchedule(WebhookDeliveryOptions options, Func<double> random)
{
    /// <summary>The next attempt's time, or null to give up.</summary>
    public DateTimeOffset? NextAttempt(WebhookDelivery delivery, DateTimeOffset now)
    {
        if (delivery.Attempts >= options.MaxAttempts || now - delivery.Transition.At >= options.MaxAge)
        {
            return null;
        }

        return now + (LongestWaitAfter(delivery.Attempts) * (1 - (random() / 2)));
    }

    /// <summary>The wait after the attempt numbered <paramref name="attempts"/> failed, before jitter takes up to half off.</summary>
    public TimeSpan LongestWaitAfter(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        return options.RetryDelay.Ticks > options.MaxRetryDelay.Ticks >> doublings
            ? options.MaxRetryDelay
            : TimeSpan.FromTicks(options.RetryDelay.Ticks << doublings);
    }
}
