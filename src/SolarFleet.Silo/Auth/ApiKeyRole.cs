namespace SolarFleet.Silo.Auth;

/// <summary>What an API key may do: readers read, admins also write.</summary>
public enum ApiKeyRole
{
    Reader,
    Admin,
}
