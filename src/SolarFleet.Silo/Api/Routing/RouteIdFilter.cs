using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api.Routing;

/// <summary>
/// Every route id (<c>{siteId}</c>, <c>{inverterId}</c>, <c>{alertId}</c>) checked once for the whole API, before any handler or grain
/// sees it: a bad one is a 400 naming it. An endpoint that checks more of its request (marked with
/// <see cref="ChecksItsRequest"/>: a body, a query) answers that 400 itself, so that one answer names the bad id and
/// everything else that is wrong (see <see cref="ValidationErrors.Of"/>).
/// </summary>
public sealed class RouteIdFilter : IEndpointFilter
{
    // Alert ids (version 7 GUIDs in lower case) follow the same rule as the ids people choose.
    public static readonly string[] RouteIds = ["siteId", "inverterId", "alertId"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var errors = ValidationErrors.Of(context.HttpContext);
        foreach (var name in RouteIds)
        {
            if (context.HttpContext.Request.RouteValues.TryGetValue(name, out var value))
            {
                RequestValidator.CheckId(errors, name, value as string);
            }
        }

        var handlerAnswers = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ChecksItsRequest>() is not null;
        return errors.IsEmpty || handlerAnswers ? await next(context) : ApiResults.Invalid(errors);
    }
}
