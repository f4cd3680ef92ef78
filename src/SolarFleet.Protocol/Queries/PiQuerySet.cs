namespace SolarFleet.Protocol.Queries;

/// <summary>A set of queries as a bit mask, so a poll's wanted and unsupported sets cost no allocation.</summary>
[Flags]
public enum PiQuerySet
{
    None = 0,
    PowerNow = 1 << PiQuery.PowerNow,
    PowerToday = 1 << PiQuery.PowerToday,
    PowerTotal = 1 << PiQuery.PowerTotal,
    Status = 1 << PiQuery.Status,
    GridV = 1 << PiQuery.GridV,
    GridHZ = 1 << PiQuery.GridHZ,
    UpTime = 1 << PiQuery.UpTime,
    TimeStamp = 1 << PiQuery.TimeStamp,
    All = PowerNow | PowerToday | PowerTotal | Status | GridV | GridHZ | UpTime | TimeStamp,
}
