namespace SolarFleet.Benchmarks.Detection;

/// <summary>The JSON summary of a detection run: per sky, per injected fault, how well and how fast the rules caught it.</summary>
public sealed record DetectionReport
{
    public required string Date { get; init; }

    public required string Machine { get; init; }

    public required string Command { get; init; }

    public required int Sites { get; init; }

    public required double RegionKm { get; init; }

    public required int PeriodSeconds { get; init; }

    public required double FaultyShare { get; init; }

    public required int DaysPerSky { get; init; }

    /// <summary>The first simulated local date (later days follow it).</summary>
    public required string FirstDate { get; init; }

    /// <summary>Every site was judged against its own output in full sun, as though it had no peers.</summary>
    public bool Alone { get; init; }

    public required IReadOnlyList<SkyReport> Skies { get; init; }

    public required IReadOnlyList<string> TargetsMissed { get; init; }
}

/// <summary>The figures of the days under one kind of sky.</summary>
public sealed record SkyReport
{
    /// <summary>"clear" or "cloudy".</summary>
    public required string Sky { get; init; }

    public required double Cover { get; init; }

    public required int SiteDays { get; init; }

    public required int HealthySiteDays { get; init; }

    public required long Polls { get; init; }

    public required double ElapsedSeconds { get; init; }

    public required IReadOnlyList<FaultFigures> Faults { get; init; }

    /// <summary>Every underproduction fault (derated to 80 % or less, shading) together: the "≥ 90 % caught" target.</summary>
    public required FaultFigures Underproduction { get; init; }

    /// <summary>Alerts raised on sites without a fault, by kind.</summary>
    public required IReadOnlyList<FalseAlertFigures> FalseAlerts { get; init; }

    public required double FalseAlertsPerThousandSiteDays { get; init; }

    /// <summary>Alerts of other kinds raised on faulty sites (a dark inverter also underproduces), by kind: not counted as false.</summary>
    public required IReadOnlyDictionary<string, int> AlsoRaisedOnFaultySites { get; init; }
}

/// <summary>How one injected fault was caught. Minutes are from <see cref="MeasuredFrom"/>.</summary>
public sealed record FaultFigures(
    string Fault,
    string Alert,
    string MeasuredFrom,
    int Injected,
    int Detected,
    double DetectionRate,
    double? MedianMinutes,
    double? MaxMinutes,
    IReadOnlyList<double> MinutesToDetect);

/// <summary>Alerts of one kind on sites without a fault; <paramref name="RaisedAtLocal"/> says when (site-local), to tell window verdicts from day-close ones.</summary>
public sealed record FalseAlertFigures(string Alert, int Count, double PerThousandSiteDays, IReadOnlyList<string> RaisedAtLocal);
