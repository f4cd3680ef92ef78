namespace SolarFleet.Benchmarks.Failover;

/// <summary>Issue 15's targets: every inverter polled again within two minutes, no overlapping polls, an exact ledger.</summary>
public static class FailoverTargets
{
    public const double MaxPolledAgainSeconds = 120;

    /// <summary>One line per missed target, with the figure; empty when all are met.</summary>
    public static IReadOnlyList<string> Missed(FailoverReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var missed = new List<string>();
        Check(
            report.AllPolledAgainSeconds is <= MaxPolledAgainSeconds,
            $"every inverter polled again {(report.AllPolledAgainSeconds is { } s ? FormattableString.Invariant($"after {s:0.0} s") : $"never ({report.NotPolledAgain} still waiting)")} (> {MaxPolledAgainSeconds} s after the kill)");
        Check(report.OverlappingPis == 0, $"{report.OverlappingPis} Pis served overlapping polls (up to {report.MaxConcurrentConnections} at once)");
        Check(
            report.LedgerInvertersDiffering == 0 && report.LedgerSitesDiffering == 0,
            $"ledger differs from the truth for {report.LedgerInvertersDiffering} inverters ({report.LedgerSitesDiffering} sites), {report.LedgerDifferenceWh} Wh in all");
        return missed;

        void Check(bool met, FormattableString otherwise)
        {
            if (!met)
            {
                missed.Add(FormattableString.Invariant(otherwise));
            }
        }
    }
}
