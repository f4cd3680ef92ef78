namespace SolarFleet.Silo.Api.Energy;

/// <summary>The period of one report row, in the site's local calendar.</summary>
public enum EnergyInterval
{
    Day,
    Month,
}
