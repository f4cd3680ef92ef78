namespace SolarFleet.Protocol.Queries;

/// <summary>The quantities an RPI-SPR-4000m Pi answers, in their canonical wire spelling.</summary>
public enum PiQuery
{
    PowerNow = 0,
    PowerToday = 1,
    PowerTotal = 2,
    Status = 3,
    GridV = 4,
    GridHZ = 5,
    UpTime = 6,
    TimeStamp = 7,
}
