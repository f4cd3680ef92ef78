namespace SolarFleet.Silo.Auth;

/// <summary>Authorization policy and scheme names.</summary>
public static class AuthPolicies
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>Reading the API: a reader or admin key, or nothing when anonymous reads are allowed.</summary>
    public const string Read = "read";

    /// <summary>Changing the fleet: an admin key.</summary>
    public const string Admin = "admin";
}
