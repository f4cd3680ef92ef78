using System.Net.Sockets;
using System.Text;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;

namespace SolarFleet.Simulator.Tests.Support;

/// <summary>A raw TCP client speaking the Pi line protocol, as a home hub would.</summary>
internal sealed class WireClient : IAsyncDisposable
{
    public const string AllQueries = "PowerNow\nPowerToday\nPowerTotal\nStatus\nGridV\nGridHZ\nUpTime\nTimeStamp\n";

    private readonly byte[] _buffer = new byte[8192];
    private readonly List<byte> _pending = [];

    private WireClient(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public static async Task<WireClient> ConnectAsync(PiEndpoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
            return new WireClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Connects, sends the request then <c>close</c>, and returns everything the Pi sent until it closed.</summary>
    public static async Task<string> AskAsync(PiEndpoint endpoint, string request, CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(endpoint, cancellationToken);
        await client.SendAsync(request + "close\n", cancellationToken);
        return Encoding.ASCII.GetString(await client.ReadToEndAsync(cancellationToken));
    }

    /// <summary>One full poll on a fresh connection: every quantity by its canonical name.</summary>
    public static async Task<Dictionary<string, string>> PollAsync(PiEndpoint endpoint, CancellationToken cancellationToken) =>
        ParseAnswers(await AskAsync(endpoint, AllQueries, cancellationToken));

    public static Dictionary<string, string> ParseAnswers(string text)
    {
        var answers = new Dictionary<string, string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("success: ", line, StringComparison.Ordinal);
            var nameAndValue = line["success: ".Length..].Split(' ', 2);
            Assert.True(PiQueryCatalog.TryParse(nameAndValue[0], out var query), $"Unknown name in '{line}'.");
            Assert.Equal(PiQueryCatalog.WireName(query), nameAndValue[0]);
            answers[nameAndValue[0]] = nameAndValue[1];
        }

        return answers;
    }

    public async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        await Socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
    }

    /// <summary>Asks every quantity on this open connection and reads the eight answers.</summary>
    public async Task<Dictionary<string, string>> PollOpenAsync(CancellationToken cancellationToken)
    {
        await SendAsync(AllQueries, cancellationToken);
        return ParseAnswers(string.Join('\n', await ReadLinesAsync(8, cancellationToken)));
    }

    /// <summary>Reads <paramref name="count"/> lines ending in <c>\n</c>; returns them without the <c>\n</c>.</summary>
    public async Task<List<string>> ReadLinesAsync(int count, CancellationToken cancellationToken)
    {
        var lines = new List<string>(count);
        while (lines.Count < count)
        {
            var newline = _pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                lines.Add(Encoding.ASCII.GetString([.. _pending.GetRange(0, newline)]));
                _pending.RemoveRange(0, newline + 1);
                continue;
            }

            var read = await Socket.ReceiveAsync(_buffer, SocketFlags.None, cancellationToken);
            Assert.True(read > 0, $"The Pi closed after {lines.Count} of {count} lines.");
            _pending.AddRange(_buffer.AsSpan(0, read));
        }

        return lines;
    }

    /// <summary>Everything until the Pi closes (or <paramref name="limit"/> bytes).</summary>
    public async Task<byte[]> ReadToEndAsync(CancellationToken cancellationToken, int limit = 1 << 20)
    {
        var all = new List<byte>(_pending);
        _pending.Clear();
        while (all.Count < limit)
        {
            var read = await Socket.ReceiveAsync(_buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                break;
            }

            all.AddRange(_buffer.AsSpan(0, read));
        }

        return [.. all];
    }

    /// <summary>Whether anything arrives within a short real-time wait (for "never answers" checks).</summary>
    public async Task<int> ReceiveWithinAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            var read = await Socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
            _pending.AddRange(_buffer.AsSpan(0, read));
            return read;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return -1;
        }
    }

    public ValueTask DisposeAsync()
    {
        Socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
