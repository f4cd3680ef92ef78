namespace SolarFleet.Grains.Underproduction;

/// <summary>Where an inverter's current yield window started: its start and the day's energy then.</summary>
[GenerateSerializer]
public sealed class YieldTrack
{
    [Id(0)]
    public DateTimeOffset? WindowStart { get; set; }

    [Id(1)]
    public long StartEnergyWh { get; set; }

    /// <summary>The site-local date the window's energy is counted on; a new date closes that day.</summary>
    [Id(2)]
    public DateOnly Date { get; set; }

    /// <summary>The window was joined part-way (first poll, after a gap, at midnight): its energy is not the whole window's.</summary>
    [Id(3)]
    public bool Partial { get; set; }

    /// <summary>The date has been followed since its midnight without a gap: only such a day is compared whole.</summary>
    [Id(4)]
    public bool DayWhole { get; set; }
}
