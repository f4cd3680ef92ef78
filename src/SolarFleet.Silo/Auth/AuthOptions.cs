namespace SolarFleet.Silo.Auth;

/// <summary>SolarFleet:Auth.</summary>
public sealed class AuthOptions
{
    /// <summary>When true, GET requests need no key; writes always need an admin key.</summary>
    public bool AllowAnonymousReads { get; set; }
}
