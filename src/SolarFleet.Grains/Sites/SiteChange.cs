namespace SolarFleet.Grains.Sites;

/// <summary>What configuring a site changed, which decides what else the site must do.</summary>
public enum SiteChange
{
    /// <summary>The site held these settings already: nothing to write.</summary>
    None,

    /// <summary>A site that was not live (never configured, or removed and now back): it needs its reminder.</summary>
    New,

    /// <summary>Only the name changed.</summary>
    Renamed,

    /// <summary>The zone or the place changed: its inverters hold both, so each is told.</summary>
    Moved,
}
