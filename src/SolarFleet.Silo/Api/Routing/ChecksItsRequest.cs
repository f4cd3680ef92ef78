namespace SolarFleet.Silo.Api.Routing;

/// <summary>
/// Endpoint metadata: the handler checks its request beyond the route ids and answers every error of
/// <see cref="Validation.ValidationErrors.Of"/> together, route ids included.
/// </summary>
public sealed class ChecksItsRequest
{
    public static readonly ChecksItsRequest Instance = new();

    private ChecksItsRequest()
    {
    }
}
