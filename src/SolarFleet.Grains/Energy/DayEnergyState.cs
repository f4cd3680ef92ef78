using System.Numerics;

namespace SolarFleet.Grains.Energy;

/// <summary>One site-local date of one inverter's ledger, as kept in grain state.</summary>
[GenerateSerializer]
public sealed class DayEnergyState
{
    /// <summary>Five-minute slots in a 24-hour day.</summary>
    public const int SlotsPerDay = 288;

    /// <summary>Words of the coverage bitmap (288 bits).</summary>
    public const int CoverageWords = (SlotsPerDay + 63) / 64;

    [Id(0)]
    public DateOnly Date { get; set; }

    /// <summary>Energy of the earlier stretches of this date, before the inverter restarted mid-day.</summary>
    [Id(1)]
    public long CarriedWh { get; set; }

    /// <summary>Largest PowerToday since the last restart (or since the morning reset).</summary>
    [Id(2)]
    public long SegmentMaxWh { get; set; }

    /// <summary>The last PowerToday seen for this date; null while the Pi never answered PowerToday for it.</summary>
    [Id(3)]
    public long? LastPowerTodayWh { get; set; }

    /// <summary>Lifetime energy known when the date began (the previous date's last value, else the first of this date).</summary>
    [Id(4)]
    public double? LifetimeStartKwh { get; set; }

    /// <summary>Largest lifetime energy read on this date.</summary>
    [Id(5)]
    public double? LifetimeEndKwh { get; set; }

    /// <summary>One bit per five-minute slot of the site-local day in which a poll succeeded.</summary>
    [Id(6)]
    public ulong[] Coverage { get; set; } = new ulong[CoverageWords];

    /// <summary>Slots that exist on this date in the site's zone (fewer on a spring-forward day).</summary>
    [Id(7)]
    public int SlotsInDay { get; set; } = SlotsPerDay;

    [Id(8)]
    public int Anomalies { get; set; }

    [Id(9)]
    public string? LastAnomaly { get; set; }

    /// <summary>
    /// The date's energy: carried stretches plus the current stretch's largest PowerToday; where the Pi never gave
    /// PowerToday for the date, the growth of the lifetime counter over it.
    /// </summary>
    public long EnergyWh() => LastPowerTodayWh is not null
        ? CarriedWh + SegmentMaxWh
        : LifetimeStartKwh is { } start && LifetimeEndKwh is { } end && end > start
            ? (long)Math.Round((end - start) * 1000, MidpointRounding.AwayFromZero)
            : 0;

    public int CoveredSlots()
    {
        var count = 0;
        foreach (var word in Coverage)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }

    /// <summary>Marks a slot covered; false when it already was.</summary>
    public bool Cover(int slot)
    {
        if (Coverage.Length < CoverageWords)
        {
            var grown = new ulong[CoverageWords];
            Coverage.CopyTo(grown, 0);
            Coverage = grown;
        }

        var mask = 1UL << (slot % 64);
        ref var word = ref Coverage[slot / 64];
        if ((word & mask) != 0)
        {
            return false;
        }

        word |= mask;
        return true;
    }
}
