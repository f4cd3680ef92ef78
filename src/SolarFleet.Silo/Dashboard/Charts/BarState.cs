namespace SolarFleet.Silo.Dashboard.Charts;

/// <summary>How a period's bar is drawn: solid when whole, striped and marked when incomplete, absent when to come.</summary>
public enum BarState
{
    Complete,
    Incomplete,
    Future,
}
