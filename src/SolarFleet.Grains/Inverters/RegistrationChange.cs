namespace SolarFleet.Grains.Inverters;

/// <summary>What a Configure call changed; an empty set means the call was a repeat and nothing happens.</summary>
[Flags]
public enum RegistrationChange
{
    None = 0,
    Registered = 1,
    Endpoint = 2,
    PollPeriod = 4,
    PowerTotalUnit = 8,
    TimeZone = 16,

    /// <summary>The site's coordinates: where the sun is for daylight alerts.</summary>
    Location = 32,
}
