namespace SolarFleet.Solar.Position;

/// <summary>Whether the sun crosses an elevation on a day, on one side of noon or both, or stays on one side of it all day.</summary>
public enum SunCrossing
{
    /// <summary>The sun rises above the elevation and falls below it again.</summary>
    RisesAndSets,

    /// <summary>The sun stays below all day; for sunrise this is polar night.</summary>
    StaysBelow,

    /// <summary>The sun stays above all day; for sunrise this is the midnight sun.</summary>
    StaysAbove,

    /// <summary>The sun rises above the elevation and stays above it; for sunrise, the first day of the midnight sun.</summary>
    RisesOnly,

    /// <summary>The sun, above the elevation since the day before, falls below it; for sunrise, the last day of the midnight sun.</summary>
    SetsOnly,
}
