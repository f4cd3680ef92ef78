using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SolarFleet.Simulator.Hosting;

namespace SolarFleet.Simulator.Server;

/// <summary>
/// The listening socket of one simulated Pi and its accept loop. It can be closed and reopened on the
/// same port (the "refuse connections" fault). Each accepted connection runs as its own async session.
/// </summary>
internal sealed class PiListener
{
    private const int Backlog = 32;

    private readonly Lock _gate = new();
    private readonly IPEndPoint _endPoint;
    private readonly SessionTracker _sessions;
    private readonly AcceptFailures _acceptFailures;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private SimulatedPi? _pi;
    private Socket? _socket;
    private Task _acceptLoop = Task.CompletedTask;

    public PiListener(Socket bound, SessionTracker sessions, AcceptFailures acceptFailures, ILogger logger, CancellationToken stopping)
    {
        _socket = bound;
        _endPoint = (IPEndPoint)bound.LocalEndPoint!;
        _sessions = sessions;
        _acceptFailures = acceptFailures;
        _logger = logger;
        _stopping = stopping;
    }

    public IPEndPoint EndPoint => _endPoint;

    /// <summary>
    /// Lets a Pi port be bound again while old connections on it sit in TIME_WAIT, with plain
    /// SO_REUSEADDR. .NET's <see cref="SocketOptionName.ReuseAddress"/> also sets SO_REUSEPORT on
    /// Unix, which lets a second listener share the port and take half its connections; two
    /// simulators must never answer for one Pi.
    /// </summary>
    private static void AllowRebindOverTimeWait(Socket socket)
    {
        const int LinuxSolSocket = 1, LinuxSoReuseAddr = 2, BsdSolSocket = 0xffff, BsdSoReuseAddr = 4;
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(LinuxSolSocket, LinuxSoReuseAddr, BitConverter.GetBytes(1));
        }
        else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            socket.SetRawSocketOption(BsdSolSocket, BsdSoReuseAddr, BitConverter.GetBytes(1));
        }

        // Windows rebinds over TIME_WAIT by default; its SO_REUSEADDR would allow sharing.
    }

    /// <summary>Binds and listens on an endpoint; the socket is the caller's until handed to a listener.</summary>
    public static Socket Bind(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            AllowRebindOverTimeWait(socket);
            socket.Bind(endPoint);
            socket.Listen(Backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Starts accepting for the Pi on the socket given at construction.</summary>
    public void Start(SimulatedPi pi)
    {
        lock (_gate)
        {
            _pi = pi;
            _acceptLoop = AcceptLoopAsync(_socket!, pi);
        }
    }

    /// <summary>Listens again after <see cref="Stop"/>. Throws when the port has been taken meanwhile.</summary>
    public void Reopen()
    {
        lock (_gate)
        {
            if (_socket is not null || _pi is null || _stopping.IsCancellationRequested)
            {
                return;
            }

            try
            {
                _socket = Bind(_endPoint);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"Cannot listen on {_endPoint} again: {e.Message}", e);
            }

            _acceptLoop = AcceptLoopAsync(_socket, _pi);
        }
    }

    /// <summary>Stops listening (new connections are refused); live connections carry on.</summary>
    public Task Stop()
    {
        Socket? socket;
        Task loop;
        lock (_gate)
        {
            socket = _socket;
            _socket = null;
            loop = _acceptLoop;
        }

        socket?.Dispose();
        return loop;
    }

    private async Task AcceptLoopAsync(Socket socket, SimulatedPi pi)
    {
        await Task.Yield();
        while (true)
        {
            Socket client;
            try
            {
                client = await socket.AcceptAsync(_stopping);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException
                || (e is SocketException && _stopping.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted)
            {
                return;
            }
            catch (SocketException e)
            {
                // Typically out of file descriptors: back off in real time, the shortage is real.
                _acceptFailures.Report(_endPoint, e);
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, _stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            if (!pi.OpenConnection())
            {
                // Busy: reset at once, so the client learns it deterministically whether or not it has sent anything.
                client.LingerZeroThenClose();
                continue;
            }

            _sessions.Enter();
            _ = ServeAsync(client, pi);
        }
    }

    private async Task ServeAsync(Socket client, SimulatedPi pi)
    {
        try
        {
            await PiSession.RunAsync(client, pi, _stopping);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Connection to simulated Pi {EndPoint} failed", _endPoint);
        }
        finally
        {
            pi.CloseConnection();
            _sessions.Exit();
        }
    }
}
