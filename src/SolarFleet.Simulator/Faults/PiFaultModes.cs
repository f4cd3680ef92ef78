namespace SolarFleet.Simulator.Faults;

/// <summary>Ways a simulated Pi misbehaves. Combine freely; parameters live on <see cref="PiFaults"/>.</summary>
[Flags]
public enum PiFaultModes
{
    None = 0,

    /// <summary>Stop listening: connections are refused until the fault is cleared.</summary>
    RefuseConnections = 1 << 0,

    /// <summary>Accept and read, never answer.</summary>
    Hang = 1 << 1,

    /// <summary>Wait <see cref="PiFaults.AnswerDelay"/> (on the simulator's clock) before each answer.</summary>
    SlowAnswers = 1 << 2,

    /// <summary>Send every answer one byte per write.</summary>
    SplitBytes = 1 << 3,

    /// <summary>Send answers with no line terminator.</summary>
    NoTerminator = 1 << 4,

    /// <summary>End answers with <c>\r\n</c>.</summary>
    CrLf = 1 << 5,

    /// <summary>Answer every query with a line of non-ASCII bytes.</summary>
    Garbage = 1 << 6,

    /// <summary>On the first query, send bytes with no newline until the client goes away.</summary>
    Flood = 1 << 7,

    /// <summary>After <see cref="PiFaults.AnswersBeforeReset"/> answers, send half of the next and reset the connection (RST).</summary>
    ResetMidAnswer = 1 << 8,

    /// <summary>Answer the queries in <see cref="PiFaults.InvalidQueries"/> with <c>error: invalid query</c>.</summary>
    InvalidQueries = 1 << 9,

    /// <summary>The inverter reports <see cref="PiFaults.FaultStatusCode"/> and produces nothing.</summary>
    FaultStatus = 1 << 10,

    /// <summary>Serve one client at a time: a second concurrent connection is reset (RST) at once, unanswered.</summary>
    SingleClient = 1 << 11,

    /// <summary>The Pi stops seeing inverter updates: values and TimeStamp freeze while the inverter keeps producing.</summary>
    StaleTimeStamp = 1 << 12,

    /// <summary>
    /// From <see cref="PiFaults.Since"/> the inverter is dark (breaker off, dead without a fault code): one that has
    /// not woken yet does not wake, keeping yesterday's values; one awake goes to standby and stops updating.
    /// </summary>
    Dark = 1 << 13,

    /// <summary>From <see cref="PiFaults.Since"/> the inverter makes <see cref="PiFaults.DeratedTo"/> of what it would.</summary>
    Derated = 1 << 14,

    /// <summary>Every day after <see cref="PiFaults.ShadedAfter"/> (site-local) it loses <see cref="PiFaults.ShadingLoss"/> of its output.</summary>
    Shading = 1 << 15,

    /// <summary>The Pi's TimeStamp is off by <see cref="PiFaults.ClockOffset"/> (a wrong clock or time zone on the Pi).</summary>
    ClockOff = 1 << 16,

    /// <summary>From <see cref="PiFaults.Since"/> GridV reads about <see cref="PiFaults.GridVoltageV"/>.</summary>
    GridOutOfRange = 1 << 17,

    /// <summary>From <see cref="PiFaults.Since"/> PowerTotal reads <see cref="PiFaults.PowerTotalDropKwh"/> less than the true lifetime.</summary>
    PowerTotalBackwards = 1 << 18,
}
