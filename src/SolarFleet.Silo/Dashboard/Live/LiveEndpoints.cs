using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Dashboard.Auth;
using SolarFleet.Silo.Dashboard.Energy;

namespace SolarFleet.Silo.Dashboard.Live;

/// <summary>
/// The dashboard's non-page routes: server-sent events carrying the figures of the page on screen, and the energy CSV
/// download. Not part of the API: they read the session cookie and stay out of the OpenAPI document.
/// </summary>
public static class LiveEndpoints
{
    /// <summary>How often a page's figures are sent: wall-clock seconds, whatever pace the fleet's clock runs at (--demo).</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        var dashboard = app.MapGroup("/dashboard").RequireAuthorization(DashboardPolicies.Read).ExcludeFromDescription();
        dashboard.MapGet("/live/fleet", (LiveFigures figures, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(Stream(async () => await figures.FleetAsync(), cancellationToken)));
        dashboard.MapGet("/live/sites/{siteId}", IResult (string siteId, LiveFigures figures, CancellationToken cancellationToken) =>
            RequestValidator.IsValidId(siteId)
                ? TypedResults.ServerSentEvents(Stream(() => figures.SiteAsync(siteId), cancellationToken))
                : TypedResults.NotFound());
        dashboard.MapGet("/sites/{siteId}/energy.csv", async Task<IResult> (string siteId, [FromServices] RecentEnergy energy, CancellationToken cancellationToken) =>
            RequestValidator.IsValidId(siteId) && await energy.CsvAsync(siteId, cancellationToken) is { } csv ? csv : TypedResults.NotFound());
        return app;
    }

    private static async IAsyncEnumerable<SseItem<Dictionary<string, string>>> Stream(
        Func<Task<Dictionary<string, string>?>> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period, TimeProvider.System);
        do
        {
            if (await read() is not { } figures)
            {
                yield break;
            }

            yield return new SseItem<Dictionary<string, string>>(figures, "figures") { ReconnectionInterval = Period };
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }
}
