using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Grains.Tests.Support;

/// <summary>The fleet's current view as a test reads it: asked with stamp 0, so it is always sent.</summary>
public static class FleetViewReads
{
    public static async Task<FleetView> CurrentViewAsync(this IFleetGrain fleet) =>
        await fleet.GetView(0) ?? throw new InvalidOperationException("The fleet answered 'unchanged' to stamp 0.");

    public static async Task<FleetSummary> SummaryAsync(this IFleetGrain fleet) => (await fleet.CurrentViewAsync()).Summary;

    public static async Task<IReadOnlyList<SiteSummary>> SiteSummariesAsync(this IFleetGrain fleet) => (await fleet.CurrentViewAsync()).Sites;

    public static async Task<IReadOnlyList<Problem>> ProblemsAsync(this IFleetGrain fleet) => (await fleet.CurrentViewAsync()).Problems;
}
