namespace SolarFleet.Abstractions.Sites;

/// <summary>An operation needed an existing site (for example adding an inverter) but the site was never configured or was removed.</summary>
[GenerateSerializer]
public sealed class SiteNotFoundException : Exception
{
    public SiteNotFoundException()
        : this(string.Empty)
    {
    }

    public SiteNotFoundException(string siteId)
        : base($"Site '{siteId}' does not exist.")
    {
        SiteId = siteId;
    }

    public SiteNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        SiteId = string.Empty;
    }

    [Id(0)]
    public string SiteId { get; }
}
