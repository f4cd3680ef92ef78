using SolarFleet.Silo.Api.Routing;
using SolarFleet.Silo.Auth;

namespace SolarFleet.Silo.Api;

/// <summary>
/// What whole kinds of endpoints have in common, said once: who may call them, what they check before the handler
/// runs, and every answer they can give besides success (each a problem document), so that the OpenAPI contract
/// lists them all.
/// </summary>
public static class ApiConventions
{
    /// <summary>Readers and admins (and anyone where anonymous reads are allowed): 401 without a good key.</summary>
    public static TBuilder ForReaders<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AuthPolicies.Read).ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>Admins only: 401 without a good key, 403 with a reader key.</summary>
    public static TBuilder ForAdmins<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AuthPolicies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>A JSON body of <typeparamref name="T"/>: 400 naming what is wrong with it, 415 for a body that is not JSON.</summary>
    public static RouteHandlerBuilder TakesJson<T>(this RouteHandlerBuilder builder)
        where T : notnull =>
        builder.Accepts<T>("application/json")
            .WithMetadata(ChecksItsRequest.Instance)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>
    /// The handler checks its query or route values (with <see cref="Validation.ValidationErrors.Of"/>): 400 naming
    /// each bad one, route ids included.
    /// </summary>
    public static TBuilder Checked<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ChecksItsRequest.Instance).ProducesValidationProblem();

    /// <summary>
    /// The route's site must exist and not be removed, and so must its inverter unless the endpoint creates one:
    /// 400 for a malformed id, 404 for a missing one. The handler reads the site with <see cref="LiveSite.Of"/>.
    /// </summary>
    public static RouteHandlerBuilder RequireLiveSite(this RouteHandlerBuilder builder, bool inverterMayBeNew = false) =>
        builder.AddEndpointFilterFactory((factory, next) =>
            {
                var filter = new LiveSiteFilter(factory.ApplicationServices.GetRequiredService<IGrainFactory>(), inverterMayBeNew);
                return invocation => filter.InvokeAsync(invocation, next);
            })
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>Every route id of the group's endpoints checked before anything else (see <see cref="RouteIdFilter"/>).</summary>
    public static RouteGroupBuilder CheckRouteIds(this RouteGroupBuilder group) => group.AddEndpointFilter<RouteIdFilter>();
}
