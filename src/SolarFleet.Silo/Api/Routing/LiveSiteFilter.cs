using SolarFleet.Abstractions.Sites;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api.Routing;

/// <summary>
/// Answers 404 for a route's site that does not exist or was removed (saying where its energy history still is), and,
/// unless the endpoint creates it, for a route's inverter the site does not have; otherwise attaches the
/// <see cref="LiveSite"/> for the handler.
/// </summary>
public sealed class LiveSiteFilter(IGrainFactory grains, bool inverterMayBeNew) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!ValidationErrors.Of(context.HttpContext).IsEmpty)
        {
            // A bad route id: nothing to look up; the handler names it with whatever else is wrong.
            return await next(context);
        }

        var route = context.HttpContext.Request.RouteValues;
        var siteId = (string)route["siteId"]!;
        var grain = grains.GetGrain<ISiteGrain>(siteId);
        var site = await grain.GetSnapshot();
        if (site is null)
        {
            return ApiResults.NotFound($"There is no site '{siteId}'.");
        }

        if (site.RemovedAt is { } removedAt)
        {
            // Hidden from live views; its energy history is still served.
            return ApiResults.NotFound($"Site '{siteId}' was removed at {removedAt:u}; its energy history remains at /api/sites/{siteId}/energy.");
        }

        if (!inverterMayBeNew && route.TryGetValue("inverterId", out var value) && value is string inverterId && !site.Inverters.ContainsKey(inverterId))
        {
            return ApiResults.NotFound($"Site '{siteId}' has no inverter '{inverterId}'.");
        }

        new LiveSite(siteId, grain, site).Attach(context.HttpContext);
        return await next(context);
    }
}
