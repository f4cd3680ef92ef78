using System.Net;
using System.Net.Sockets;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Protocol.Tests.Peers;

/// <summary>
/// An in-test Pi on 127.0.0.1, at a free port of the Pi range above the ephemeral range, that runs a script for every
/// connection it accepts. <see cref="WhenScriptsDoneAsync"/> waits for the scripts and surfaces their failures.
/// </summary>
public sealed class ScriptedPi : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<PiConnection, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _scripts = [];
    private readonly Task _acceptLoop;

    private ScriptedPi(Socket listener, Func<PiConnection, Task> script)
    {
        _listener = listener;
        _script = script;
        Endpoint = new PiEndpoint("127.0.0.1", ((IPEndPoint)listener.LocalEndPoint!).Port);
        _acceptLoop = AcceptLoopAsync();
    }

    public PiEndpoint Endpoint { get; }

    public int Accepted { get; private set; }

    public static ScriptedPi Start(Func<PiConnection, Task> script)
    {
        var listener = BindInPiRange(static s => s.Listen(128));
        return new ScriptedPi(listener, script);
    }

    /// <summary>A Pi that answers the queries it is sent with <paramref name="answers"/>, then waits for the client to leave.</summary>
    public static ScriptedPi Answering(Func<IReadOnlyList<string>, string> answers) => Start(async c =>
    {
        await c.SendAsync(answers(await c.ReadQueriesAsync()));
        await c.ReadUntilClientLeavesAsync();
    });

    /// <summary>Binds a socket to 127.0.0.1 at a free port of the Pi range above the ephemeral range (<see cref="PiPortRange"/>).</summary>
    public static Socket BindInPiRange(Action<Socket> prepare) => PiPortRange.Bind(prepare);

    /// <summary>Waits until every accepted connection's script has finished; rethrows a script's failure.</summary>
    public async Task WhenScriptsDoneAsync()
    {
        Task[] scripts;
        lock (_scripts)
        {
            scripts = [.. _scripts];
        }

        await Task.WhenAll(scripts).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        lock (_scripts)
        {
            foreach (var script in _scripts)
            {
                // Scripts end when the client disconnects or the stop token fires; their faults are the tests' business.
                _ = script.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Accepted++;
            lock (_scripts)
            {
                _scripts.Add(RunScriptAsync(new PiConnection(accepted, _stop.Token)));
            }
        }
    }

    private async Task RunScriptAsync(PiConnection connection)
    {
        using (connection)
        {
            await _script(connection);
        }
    }
}
