using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Grains.Alerts;

/// <summary>
/// The one order of alert lists: newest raised first, ties by id descending (ordinal, as the database's "C"
/// collation orders them). A page continues strictly after its cursor in this order.
/// </summary>
public sealed class AlertOrder : IComparer<AlertCursor>
{
    public static AlertOrder Instance { get; } = new();

    public int Compare(AlertCursor? x, AlertCursor? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byTime = y.RaisedAt.UtcTicks.CompareTo(x.RaisedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(y.Id, x.Id);
    }

    public static AlertCursor CursorOf(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new AlertCursor(alert.RaisedAt, alert.Id);
    }

    /// <summary>Whether <paramref name="alert"/> matches the query's filters (not its cursor or limit).</summary>
    public static bool Matches(AlertQuery query, Alert alert)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(alert);
        return query.State switch
        {
            AlertStateFilter.Open when !alert.IsOpen => false,
            AlertStateFilter.Resolved when alert.IsOpen => false,
            _ => (query.Kind is not { } kind || alert.Kind == kind)
                && (query.Severity is not { } severity || alert.Severity == severity)
                && (query.SiteId is null || string.Equals(query.SiteId, alert.SiteId, StringComparison.Ordinal)),
        };
    }

    /// <exception cref="ArgumentOutOfRangeException">The query asks for no alerts, or an unknown state.</exception>
    public static void Validate(AlertQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        if (!Enum.IsDefined(query.State))
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.State, "Unknown alert state filter.");
        }
    }
}
