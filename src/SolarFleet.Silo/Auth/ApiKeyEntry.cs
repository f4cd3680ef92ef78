namespace SolarFleet.Silo.Auth;

/// <summary>One configured key (SolarFleet:ApiKeys:N:Key / :Role / :Name).</summary>
public sealed class ApiKeyEntry
{
    public string Key { get; set; } = "";

    public ApiKeyRole Role { get; set; } = ApiKeyRole.Reader;

    /// <summary>Who holds the key (a person or a tool), recorded with what it does, such as acknowledging an alert; the role's name if not set.</summary>
    public string? Name { get; set; }
}
