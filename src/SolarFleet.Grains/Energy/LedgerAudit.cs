using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Grains.Energy;

/// <summary>Keeps a day's audit short: repeats of one kind in a row fold into one entry, and the list is bounded.</summary>
public static class LedgerAudit
{
    /// <summary>Entries kept per day; past it, an entry of the same kind absorbs the repeat.</summary>
    public const int MaxEntries = 24;

    /// <summary>Records something that happened; an anomaly also counts on the day and becomes its last anomaly.</summary>
    public static void Add(DayEnergyState day, LedgerAuditKind kind, DateTimeOffset at, string detail, bool anomaly = false)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (anomaly)
        {
            day.Anomalies++;
            day.LastAnomaly = detail;
        }

        var audit = day.Audit ??= [];
        if (audit.Count > 0 && audit[^1].Kind == kind)
        {
            audit[^1] = Repeat(audit[^1], at);
            return;
        }

        if (audit.Count < MaxEntries)
        {
            audit.Add(new LedgerAuditEntry(kind, at, at, 1, detail));
            return;
        }

        var same = audit.FindLastIndex(entry => entry.Kind == kind);
        var into = same >= 0 ? same : audit.Count - 1;
        audit[into] = Repeat(audit[into], at);
    }

    private static LedgerAuditEntry Repeat(LedgerAuditEntry entry, DateTimeOffset at) =>
        entry with { LastAt = at > entry.LastAt ? at : entry.LastAt, Count = entry.Count + 1 };
}
