using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Grains.Alerts;

/// <summary>
/// What every alert store refuses to record, so that one bad transition cannot fail a whole batch later (in the
/// database) or a webhook payload (JSON has no NaN).
/// </summary>
public static class AlertTransitionRules
{
    /// <exception cref="ArgumentException">The transition cannot be stored, and why.</exception>
    public static void Validate(AlertTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var alert = transition.Alert ?? throw new ArgumentException("A transition needs its alert.", nameof(transition));
        RequireText(alert.Id, nameof(alert.Id));
        RequireText(alert.SiteId, nameof(alert.SiteId));
        RequireText(alert.InverterId, nameof(alert.InverterId));
        RejectNul(alert.Summary, nameof(alert.Summary));
        RejectNul(alert.Detail, nameof(alert.Detail));
        RejectNul(alert.AcknowledgedBy, nameof(alert.AcknowledgedBy));
        if (!Enum.IsDefined(alert.Kind) || !Enum.IsDefined(alert.Severity) || !Enum.IsDefined(transition.Transition))
        {
            throw new ArgumentException($"Alert {alert.Id} has an unknown kind, severity or transition.", nameof(transition));
        }

        switch (transition.Transition)
        {
            case AlertTransitionKind.Raised when alert.ResolvedAt is not null:
                throw new ArgumentException($"Alert {alert.Id} is raised but carries a resolution time.", nameof(transition));
            case AlertTransitionKind.Resolved when alert.ResolvedAt is null:
                throw new ArgumentException($"Alert {alert.Id} is resolved without a resolution time.", nameof(transition));
        }

        foreach (var (name, value) in alert.Figures ?? throw new ArgumentException($"Alert {alert.Id} has no figures (use an empty set).", nameof(transition)))
        {
            RejectNul(name, "figure name");
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"Figure {name} of alert {alert.Id} is not a finite number.", nameof(transition));
            }
        }
    }

    private static void RequireText(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"An alert's {name} is required.", name);
        }

        RejectNul(value, name);
    }

    // PostgreSQL text cannot hold NUL.
    private static void RejectNul(string? value, string name)
    {
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"An alert's {name} contains a NUL character, which cannot be stored.", name);
        }
    }
}
