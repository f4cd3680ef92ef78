namespace SolarFleet.Cli;

/// <summary>The process exit codes, one per class of outcome (documented in <c>--help</c>).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something unforeseen went wrong inside the tool.</summary>
    public const int InternalError = 1;

    /// <summary>The command line was wrong: unknown command or option, bad HOST:PORT, port outside the Pi range.</summary>
    public const int Usage = 2;

    /// <summary>The Pi could not be reached: host not found, connection refused, connect timeout, network error, or an address the default target policy refuses.</summary>
    public const int Unreachable = 3;

    /// <summary>The Pi answered something the protocol does not allow (garbage, oversized, out-of-bounds value).</summary>
    public const int ProtocolError = 4;

    /// <summary>Connected, but the Pi did not finish answering: poll timeout, or connection lost mid-answer.</summary>
    public const int Incomplete = 5;

    /// <summary>The Pi answered, but refused every query (<c>error: invalid query</c> to all): no quantity to show.</summary>
    public const int AllRefused = 6;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
