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

    public static PiFaults Of(PiFaultModes modes) => new() { Modes = modes };

    public bool Has(PiFaultModes mode) => (Modes & mode) == mode && mode != PiFaultModes.None;
}
