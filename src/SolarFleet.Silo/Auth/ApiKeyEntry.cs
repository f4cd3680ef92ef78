namespace SolarFleet.Silo.Auth;

/// <summary>One configured key (SolarFleet:ApiKeys:N:Key / :Role).</summary>
public sealed class ApiKeyEntry
{
    public string Key { get; set; } = "";

    public ApiKeyRole Role { get; set; } = ApiKeyRole.Reader;
}
