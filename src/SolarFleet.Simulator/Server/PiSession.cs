using System.Buffers;
using System.Net.Sockets;
using SolarFleet.Protocol.Queries;
using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Hosting;

namespace SolarFleet.Simulator.Server;

/// <summary>
/// One client connection to a simulated Pi: reads query lines, answers them in order, honours the
/// Pi's faults as they are at each answer. Buffers are pooled; answers to one read go out in one write.
/// </summary>
internal sealed class PiSession
{
    private const int InputBytes = 1024;
    private const int OutputBytes = 4096;
    private const int FloodChunkBytes = 4096;

    private static readonly byte[] FloodChunk = CreateFloodChunk();

    private readonly Socket _socket;
    private readonly SimulatedPi _pi;
    private readonly CancellationTokenSource _idle;
    private readonly byte[] _input;
    private readonly byte[] _output;
    private int _outputLength;
    private int _answersSent;

    private PiSession(Socket socket, SimulatedPi pi, CancellationTokenSource idle)
    {
        _socket = socket;
        _pi = pi;
        _idle = idle;
        _input = ArrayPool<byte>.Shared.Rent(InputBytes);
        _output = ArrayPool<byte>.Shared.Rent(OutputBytes);
    }

    /// <summary>Serves the connection until the client leaves, asks to close, idles out, a fault ends it, or the simulator stops.</summary>
    public static async Task RunAsync(Socket socket, SimulatedPi pi, CancellationToken stopping)
    {
        using var idle = new CancellationTokenSource(pi.IdleTimeout, pi.Time);
        using var stop = stopping.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), idle);
        var session = new PiSession(socket, pi, idle);
        try
        {
            socket.NoDelay = true;
            await session.ServeAsync(idle.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away, idled out, or the simulator is stopping: nothing to report.
        }
        finally
        {
            session.Release();
        }
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        var filled = 0;
        var overlong = false;
        while (true)
        {
            var read = await _socket.ReceiveAsync(_input.AsMemory(filled, InputBytes - filled), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return;
            }

            _idle.CancelAfter(_pi.IdleTimeout);
            filled += read;
            var start = 0;
            int newline;
            while ((newline = _input.AsSpan(start, filled - start).IndexOf((byte)'\n')) >= 0)
            {
                var kind = RequestLine.Classify(_input.AsSpan(start, newline), out var query);
                if (overlong)
                {
                    // The tail of a line too long to be any query.
                    kind = LineKind.Unknown;
                    overlong = false;
                }

                start += newline + 1;
                if (!await HandleAsync(kind, query, cancellationToken))
                {
                    return;
                }
            }

            await FlushAsync(cancellationToken);
            filled -= start;
            _input.AsSpan(start, filled).CopyTo(_input);
            if (filled == InputBytes)
            {
                overlong = true;
                filled = 0;
            }
        }
    }

    /// <summary>Answers one line; false ends the connection.</summary>
    private async ValueTask<bool> HandleAsync(LineKind kind, PiQuery query, CancellationToken cancellationToken)
    {
        var faults = _pi.Faults;
        if (kind == LineKind.Blank || faults.Has(PiFaultModes.Hang))
        {
            return true;
        }

        if (kind == LineKind.Close)
        {
            await FlushAsync(cancellationToken);
            _socket.Shutdown(SocketShutdown.Both);
            return false;
        }

        if (faults.Has(PiFaultModes.Flood))
        {
            await FlushAsync(cancellationToken);
            await FloodAsync(cancellationToken);
            return false;
        }

        if (OutputBytes - _outputLength < AnswerFormatter.MaxAnswerBytes)
        {
            await FlushAsync(cancellationToken);
        }

        var answerStart = _outputLength;
        _outputLength += WriteAnswer(_output.AsSpan(_outputLength), kind, query, faults);
        if (faults.Has(PiFaultModes.ResetMidAnswer) && _answersSent >= faults.AnswersBeforeReset)
        {
            _outputLength -= (_outputLength - answerStart) / 2;
            await FlushAsync(cancellationToken);
            _socket.LingerZeroThenClose();
            return false;
        }

        if (faults.Has(PiFaultModes.SlowAnswers))
        {
            await Task.Delay(faults.AnswerDelay, _pi.Time, cancellationToken);
            await FlushAsync(cancellationToken);
        }

        _answersSent++;
        _pi.CountAnswer();
        return true;
    }

    private int WriteAnswer(Span<byte> destination, LineKind kind, PiQuery query, PiFaults faults)
    {
        int length;
        if (faults.Has(PiFaultModes.Garbage))
        {
            length = AnswerFormatter.WriteGarbage(destination);
        }
        else if (kind == LineKind.Unknown
            || (faults.Has(PiFaultModes.InvalidQueries) && faults.InvalidQueries.Contains(query)))
        {
            length = AnswerFormatter.WriteInvalid(destination);
        }
        else
        {
            var reading = _pi.Observe();
            length = AnswerFormatter.WriteSuccess(destination, query, reading, _pi.TotalFormat, _pi.TimeStampOf(reading));
        }

        if (faults.Has(PiFaultModes.NoTerminator))
        {
            return length;
        }

        if (faults.Has(PiFaultModes.CrLf))
        {
            destination[length++] = (byte)'\r';
        }

        destination[length++] = (byte)'\n';
        return length;
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var pending = _output.AsMemory(0, _outputLength);
        _outputLength = 0;
        var oneByteAtATime = _pi.Faults.Has(PiFaultModes.SplitBytes);
        while (!pending.IsEmpty)
        {
            var chunk = oneByteAtATime ? pending[..1] : pending;
            var sent = await _socket.SendAsync(chunk, SocketFlags.None, cancellationToken);
            pending = pending[sent..];
        }
    }

    private async ValueTask FloodAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _socket.SendAsync(FloodChunk, SocketFlags.None, cancellationToken);
        }
    }

    private void Release()
    {
        _socket.Dispose();
        ArrayPool<byte>.Shared.Return(_input);
        ArrayPool<byte>.Shared.Return(_output);
    }

    private static byte[] CreateFloodChunk()
    {
        var chunk = new byte[FloodChunkBytes];
        chunk.AsSpan().Fill((byte)'x');
        return chunk;
    }
}
