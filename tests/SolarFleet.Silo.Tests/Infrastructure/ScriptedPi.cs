using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>
/// What a scripted Pi answers now, as the RPI-SPR-4000m writes it. A null value is answered with
/// <c>error: invalid query</c> (firmware that does not know the query).
/// </summary>
public sealed record PiValues(
    string? PowerNow,
    string? PowerToday,
    string? PowerTotal,
    string? Status,
    string? GridV,
    string? GridHZ,
    string? UpTime,
    string? TimeStamp)
{
    /// <summary>A generating inverter at <paramref name="at"/> (site-local wall time of its last update).</summary>
    public static PiValues Generating(DateTime at, int powerW, long todayWh, double totalKwh, long uptimeSeconds) => new(
        powerW.ToString(CultureInfo.InvariantCulture),
        todayWh.ToString(CultureInfo.InvariantCulture),
        totalKwh.ToString("0.000", CultureInfo.InvariantCulture),
        "7",
        "240.5",
        "60.00",
        uptimeSeconds.ToString(CultureInfo.InvariantCulture),
        at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
}

/// <summary>
/// A Pi over a real loopback socket whose answers the test sets between polls: it reads the queries a client sends,
/// answers each from <see cref="Values"/> in the protocol's format, and closes when the client says close or leaves.
/// With a <see cref="Banner"/> it is a service that is not a Pi instead: it greets every connection with the banner,
/// as SSH, SMTP or an HTTP error page would, and answers nothing.
/// </summary>
public sealed class ScriptedPi : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile PiValues _values = new(null, null, null, null, null, null, null, null);
    private volatile byte[]? _banner;
    private int _polls;

    public ScriptedPi()
    {
        _listener = PiPorts.Listen();
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public PiValues Values
    {
        get => _values;
        set => _values = value;
    }

    /// <summary>What a service that is not a Pi sends first; null (the default) for a Pi.</summary>
    public string? Banner
    {
        get => _banner is { } banner ? Encoding.ASCII.GetString(banner) : null;
        set => _banner = value is null ? null : Encoding.ASCII.GetBytes(value);
    }

    /// <summary>Connections served.</summary>
    public int Polls => Volatile.Read(ref _polls);

    public object Body(int pollSeconds = 5, int? dcCapacityW = null) => new { host = "127.0.0.1", port = Port, pollSeconds, dcCapacityW };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            Interlocked.Increment(ref _polls);
            var buffer = new byte[1024];
            var pending = new StringBuilder();
            var banner = _banner;
            try
            {
                if (banner is not null)
                {
                    await client.SendAsync(banner, SocketFlags.None, _stop.Token);
                }

                while (true)
                {
                    var read = await client.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    if (banner is not null)
                    {
                        // A service that is not a Pi reads what the poller sends and answers nothing.
                        continue;
                    }

                    pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    var text = pending.ToString();
                    var end = text.LastIndexOf('\n');
                    if (end < 0)
                    {
                        continue;
                    }

                    pending.Remove(0, end + 1);
                    var answers = new StringBuilder();
                    foreach (var query in text[..end].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (query.Equals("close", StringComparison.OrdinalIgnoreCase))
                        {
                            await SendAsync(client, answers);
                            return;
                        }

                        answers.Append(Answer(query)).Append('\n');
                    }

                    await SendAsync(client, answers);
                }
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                // The client left or the Pi stops.
            }
        }
    }

    private static async Task SendAsync(Socket client, StringBuilder answers)
    {
        if (answers.Length > 0)
        {
            await client.SendAsync(Encoding.ASCII.GetBytes(answers.ToString()), SocketFlags.None);
        }
    }

    private string Answer(string query)
    {
        var values = _values;
        var (name, value) = query.ToUpperInvariant() switch
        {
            "POWERNOW" => ("PowerNow", values.PowerNow),
            "POWERTODAY" => ("PowerToday", values.PowerToday),
            "POWERTOTAL" => ("PowerTotal", values.PowerTotal),
            "STATUS" => ("Status", values.Status),
            "GRIDV" => ("GridV", values.GridV),
            "GRIDHZ" => ("GridHZ", values.GridHZ),
            "UPTIME" => ("UpTime", values.UpTime),
            "TIMESTAMP" => ("TimeStamp", values.TimeStamp),
            _ => (query, null),
        };
        return value is null ? "error: invalid query" : $"success: {name} {value}";
    }
}
