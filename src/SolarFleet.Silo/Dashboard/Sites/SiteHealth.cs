using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Silo.Dashboard.Sites;

/// <summary>A site's health in one word: its worst inverter's state, so a site with one faulty inverter reads "fault".</summary>
public static class SiteHealth
{
    /// <summary>Worst first: what an installer must look at before what can wait.</summary>
    public static readonly IReadOnlyList<InverterHealth> WorstFirst =
        [InverterHealth.Fault, InverterHealth.Unreachable, InverterHealth.Stale, InverterHealth.Pending, InverterHealth.Asleep, InverterHealth.Online];

    /// <summary>The inverters that need a visit or a call: faulty, unreachable or stale.</summary>
    public static int NeedingAttention(HealthCounts health) => health.Fault + health.Unreachable + health.Stale;

    /// <summary>The worst state any of its inverters is in; null for a site without inverters.</summary>
    public static InverterHealth? Worst(SiteSummary site) =>
        WorstFirst.Where(h => site.Health.Of(h) > 0).Select(h => (InverterHealth?)h).FirstOrDefault();
}
