namespace SolarFleet.Grains.Fleet;

/// <summary>How far one pass of applying a fleet document has got. Used on one activation's scheduler only.</summary>
public sealed class FleetApplyProgress
{
    public int SitesApplied { get; private set; }

    public int SitesToRemove { get; private set; }

    public int SitesRemoved { get; private set; }

    /// <summary>The first failure of the pass, described; the pass goes on with the other sites.</summary>
    public string? Error { get; private set; }

    public int Failures { get; private set; }

    public void Begin(int sitesToRemove)
    {
        SitesApplied = 0;
        SitesRemoved = 0;
        SitesToRemove = sitesToRemove;
        Error = null;
        Failures = 0;
    }

    public void Applied() => SitesApplied++;

    public void Removed() => SitesRemoved++;

    public void Failed(string siteId, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Failures++;
        Error ??= $"site '{siteId}': {exception.Message}";
    }
}
