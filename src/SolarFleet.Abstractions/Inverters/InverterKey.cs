namespace SolarFleet.Abstractions.Inverters;

/// <summary>Builds and splits the grain key of an inverter: "siteId/inverterId".</summary>
public static class InverterKey
{
    public static string Of(string siteId, string inverterId) => $"{siteId}/{inverterId}";

    public static (string SiteId, string InverterId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new FormatException($"'{key}' is not an inverter key (siteId/inverterId).");
        }

        return (key[..slash], key[(slash + 1)..]);
    }
}
