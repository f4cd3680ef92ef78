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
}
