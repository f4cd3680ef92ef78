using System.Net.Sockets;
using System.Text;

namespace SolarFleet.Protocol.Tests.Peers;

/// <summary>One accepted connection of a <see cref="ScriptedPi"/>: what a script can do with the client.</summary>
public sealed class PiConnection(Socket socket, CancellationToken stop) : IDisposable
{
    private readonly StringBuilder _received = new();

    /// <summary>Everything the client sent so far.</summary>
    public string Received => _received.ToString();

    /// <summary>How many reads it took to receive the queries (the client sends them in one write).</summary>
    public int QueryReads { get; private set; }

    /// <summary>Reads until the client's request is in (data ending with a newline and nothing more pending).</summary>
    public async Task<IReadOnlyList<string>> ReadQueriesAsync()
    {
        var buffer = new byte[4096];
        do
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, stop);
            if (read == 0)
            {
                break;
            }

            QueryReads++;
            _received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        while (_received.Length == 0 || _received[^1] != '\n' || socket.Available > 0);

        return Received.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.Latin1.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await socket.SendAsync(bytes, SocketFlags.None, stop);

    /// <summary>Sends <paramref name="text"/> in pieces of <paramref name="pieceLength"/> bytes, pausing between them.</summary>
    public async Task SendInPiecesAsync(string text, int pieceLength, TimeSpan pause)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        for (var start = 0; start < bytes.Length; start += pieceLength)
        {
            await socket.SendAsync(bytes.AsMemory(start, Math.Min(pieceLength, bytes.Length - start)), SocketFlags.None, stop);
            await Task.Delay(pause, stop);
        }
    }

    /// <summary>Reads until the client disconnects; returns what it sent after the queries.</summary>
    public async Task<string> ReadUntilClientLeavesAsync()
    {
        var start = _received.Length;
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, stop)) > 0)
            {
                _received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (SocketException)
        {
            // A reset is leaving too.
        }

        return _received.ToString(start, _received.Length - start);
    }

    /// <summary>Sends <paramref name="chunk"/> over and over until the client stops reading and leaves.</summary>
    public async Task FloodUntilClientLeavesAsync(byte[] chunk)
    {
        try
        {
            while (true)
            {
                await socket.SendAsync(chunk, SocketFlags.None, stop);
            }
        }
        catch (SocketException)
        {
            // The client closed on us: what a flood should end with.
        }
    }

    /// <summary>Aborts the connection with a TCP reset (linger 0, then close).</summary>
    public void Reset()
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    /// <summary>Closes gracefully (FIN).</summary>
    public void Close() => socket.Shutdown(SocketShutdown.Both);

    public void Dispose() => socket.Dispose();
}
