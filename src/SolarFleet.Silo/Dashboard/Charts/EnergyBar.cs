namespace SolarFleet.Silo.Dashboard.Charts;

/// <summary>One period's bar: across in per cent of the chart, down in pixels.</summary>
public sealed record EnergyBar(string Period, double X, double Width, double Y, double Height, long? EnergyWh, BarState State)
{
    public string StateName => State switch
    {
        BarState.Complete => "complete",
        BarState.Incomplete => "incomplete",
        _ => "future",
    };
}
