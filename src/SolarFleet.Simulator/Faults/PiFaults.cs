using SolarFleet.Protocol.Queries;

namespace SolarFleet.Simulator.Faults;

/// <summary>The faults a simulated Pi shows, with their parameters. Immutable: assign a new one to change faults.</summary>
public sealed record PiFaults
{
    public static PiFaults None { get; } = new();

    public PiFaultModes Modes { get; init; }

    /// <summary>Delay before each answer under <see cref="PiFaultModes.SlowAnswers"/>, on the simulator's TimeProvider.</summary>
    public TimeSpan AnswerDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Queries this Pi's firmware "does not know" under <see cref="PiFaultModes.InvalidQueries"/>.</summary>
    public PiQuerySet InvalidQueries { get; init; } = PiQuerySet.UpTime;

    /// <summary>Status code reported under <see cref="PiFaultModes.FaultStatus"/>.</summary>
    public int FaultStatusCode { get; init; } = 12;

    /// <summary>Whole answers sent before the reset under <see cref="PiFaultModes.ResetMidAnswer"/>.</summary>
    public int AnswersBeforeReset { get; init; } = 1;

    /// <summary>When the inverter's own faults (dark, derated, grid, PowerTotal) begin; null: when the faults are set.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Share of its output a <see cref="PiFaultModes.Derated"/> inverter keeps (0.7: 70 %).</summary>
    public double DeratedTo { get; init; } = 0.7;

    /// <summary>Share of its output lost under <see cref="PiFaultModes.Shading"/> (0.4: 40 %).</summary>
    public double ShadingLoss { get; init; } = 0.4;

    /// <summary>Site-local time of day after which <see cref="PiFaultModes.Shading"/> applies.</summary>
    public TimeOnly ShadedAfter { get; init; } = new(14, 0);

    /// <summary>How far off the TimeStamp is under <see cref="PiFaultModes.ClockOff"/>.</summary>
    public TimeSpan ClockOffset { get; init; } = TimeSpan.FromHours(3);

    /// <summary>Grid voltage read under <see cref="PiFaultModes.GridOutOfRange"/> (the usual few volts of noise on top).</summary>
    public double GridVoltageV { get; init; } = 258;

    /// <summary>How much lower PowerTotal reads under <see cref="PiFaultModes.PowerTotalBackwards"/>, kWh.</summary>
    public double PowerTotalDropKwh { get; init; } = 500;

    public static PiFaults Of(PiFaultModes modes) => new() { Modes = modes };

    public bool Has(PiFaultModes mode) => (Modes & mode) == mode && mode != PiFaultModes.None;
}
