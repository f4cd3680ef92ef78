namespace SolarFleet.Grains.Energy;

/// <summary>
/// One stretch of a day's PowerToday: from the morning reset, or from a mid-day restart, to now. Within a stretch
/// PowerToday and PowerTotal count the same energy, so PowerToday minus PowerTotal (in Wh) stays put: the offset.
/// </summary>
[GenerateSerializer]
public sealed class Stretch
{
    /// <summary>Largest accepted PowerToday of the stretch.</summary>
    [Id(0)]
    public long MaxWh { get; set; }

    /// <summary>Whether any PowerToday was accepted in the stretch.</summary>
    [Id(1)]
    public bool HasPowerToday { get; set; }

    /// <summary>UpTime of the latest accepted reading: a later drop of PowerToday with a lower UpTime is a restart.</summary>
    [Id(2)]
    public long? UptimeSeconds { get; set; }

    /// <summary>When the stretch began (its first accepted reading, or the restart).</summary>
    [Id(3)]
    public DateTimeOffset? StartAt { get; set; }

    /// <summary>PowerToday where the stretch began (0 for the morning).</summary>
    [Id(4)]
    public long StartWh { get; set; }

    [Id(5)]
    public long? StartUptimeSeconds { get; set; }

    /// <summary>Lifetime where the stretch began, when known for certain (the day's start, or the restart reading).</summary>
    [Id(6)]
    public double? StartLifetimeKwh { get; set; }

    /// <summary>PowerToday minus PowerTotal (Wh), once two readings far enough apart agreed on it (the higher of the two).</summary>
    [Id(7)]
    public long? OffsetWh { get; set; }

    /// <summary>
    /// The lowest offset of the readings accepted since: what bridges and carries are measured from, so that a reading
    /// read a little low can only make them smaller, never larger than what was made.
    /// </summary>
    [Id(15)]
    public long? OffsetMinWh { get; set; }

    /// <summary>The offset of the latest accepted reading while none is agreed yet, and the lifetime it was read at.</summary>
    [Id(8)]
    public long? CandidateOffsetWh { get; set; }

    [Id(9)]
    public double? CandidateLifetimeKwh { get; set; }

    /// <summary>Lifetime read with the reading that set <see cref="MaxWh"/>: growth since then bridges set-aside polls.</summary>
    [Id(10)]
    public double? LifetimeAtMaxKwh { get; set; }

    /// <summary>When the latest reading was accepted into the stretch.</summary>
    [Id(11)]
    public DateTimeOffset? LastAcceptedAt { get; set; }

    /// <summary>Forgets what the stretch knew of PowerTotal (its counter started again, or its unit changed).</summary>
    public void ForgetLifetime()
    {
        StartLifetimeKwh = null;
        OffsetWh = null;
        OffsetMinWh = null;
        CandidateOffsetWh = null;
        CandidateLifetimeKwh = null;
        LifetimeAtMaxKwh = null;
    }

    public Stretch Copy() => (Stretch)MemberwiseClone();
}
