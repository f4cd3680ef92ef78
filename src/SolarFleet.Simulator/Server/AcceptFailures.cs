using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SolarFleet.Simulator.Server;

/// <summary>
/// Reports failed accepts for all of a simulator's listeners at most once a second, with a count. When the process
/// runs out of file descriptors every listener fails at once; a warning each, with a stack trace, ten times a
/// second for thousands of listeners, would bury the log and exhaust memory.
/// </summary>
internal sealed partial class AcceptFailures(ILogger logger, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private long _lastReportTicks = long.MinValue;
    private int _suppressed;

    public void Report(IPEndPoint endPoint, SocketException error)
    {
        int suppressed;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (_lastReportTicks != long.MinValue && time.GetElapsedTime(_lastReportTicks, now) < Interval)
            {
                _suppressed++;
                return;
            }

            _lastReportTicks = now;
            suppressed = _suppressed;
            _suppressed = 0;
        }

        LogAcceptFailed(endPoint, error.SocketErrorCode, error.Message, suppressed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accept failed on {EndPoint}: {Error} ({Reason}); {Suppressed} more failed accepts since the last report")]
    private partial void LogAcceptFailed(IPEndPoint endPoint, SocketError error, string reason, int suppressed);
}
