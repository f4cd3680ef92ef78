using System.Numerics;
using SolarFleet.Abstractions.Energy;

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

    /// <summary>Energy of the earlier stretches of this date (before mid-day restarts), bridged parts included.</summary>
    [Id(1)]
    public long CarriedWh { get; set; }

    /// <summary>The current stretch of PowerToday (since the morning reset or the latest restart).</summary>
    [Id(24)]
    public Stretch Current { get; set; } = new();

    /// <summary>Lifetime energy known when the date began (the previous date's last value, else the first of this date).</summary>
    [Id(4)]
    public double? LifetimeStartKwh { get; set; }

    /// <summary>Largest accepted lifetime energy read on this date.</summary>
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

    /// <summary>True when <see cref="LifetimeStartKwh"/> was read before the date's production began, so it bounds the day.</summary>
    [Id(13)]
    public bool LifetimeStartIsDayStart { get; set; }

    /// <summary>The energy reported for the date so far; it never goes down within an epoch.</summary>
    [Id(14)]
    public long ReportedWh { get; set; }

    /// <summary>Energy of another source kept out of the bill (see <see cref="DailyEnergy.SetAsideWh"/>).</summary>
    [Id(15)]
    public long SetAsideWh { get; set; }

    [Id(16)]
    public int Restarts { get; set; }

    /// <summary>See <see cref="DailyEnergy.Epoch"/>.</summary>
    [Id(17)]
    public int Epoch { get; set; }

    /// <summary>What happened to this date's readings; null until something did.</summary>
    [Id(18)]
    public List<LedgerAuditEntry>? Audit { get; set; }

    /// <summary>A drop of PowerToday held back because nothing showed yet whether it is a restart or a misread.</summary>
    [Id(19)]
    public PendingDrop? Pending { get; set; }

    /// <summary>The stretch before the latest restart, kept until the next reading confirms the restart.</summary>
    [Id(20)]
    public Stretch? BeforeRestart { get; set; }

    /// <summary>What <see cref="CarriedWh"/> and <see cref="CarriedBridgedWh"/> were before the latest restart.</summary>
    [Id(22)]
    public long CarriedBeforeRestartWh { get; set; }

    [Id(23)]
    public long CarriedBridgedBeforeRestartWh { get; set; }

    /// <summary>The part of <see cref="CarriedWh"/> that was bridged from PowerTotal.</summary>
    [Id(21)]
    public long CarriedBridgedWh { get; set; }

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
