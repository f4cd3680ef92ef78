using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using SolarFleet.Network;
using SolarFleet.Protocol.Framing;
using SolarFleet.Protocol.Queries;

namespace SolarFleet.Protocol.Polling;

/// <summary>
/// Polls RPI-SPR-4000m Pis over TCP: connect, send every query in one write, read until each is answered,
/// send <c>close</c>, disconnect. Thread-safe; one instance serves any number of concurrent polls.
/// Network and peer problems come back as <see cref="PiPollResult.Failed"/>; only the caller's cancellation throws.
/// Every address is judged by a <see cref="TargetPolicy"/> before a socket is opened for it: an address written in any
/// notation is judged in canonical form, and a host name is resolved at each poll and only the addresses it resolves
/// to that the policy allows are tried (none allowed: <see cref="PiFailureKind.NotAllowed"/>).
/// </summary>
public sealed class PiClient : IPiClient, IDisposable
{
    private readonly PiClientOptions _options;
    private readonly TimeProvider _time;
    private readonly TargetPolicy _policy;
    private readonly IHostResolver _resolver;
    private readonly PollSessionPool _sessions;

    /// <summary>A client with the default policy (<see cref="TargetPolicy.Default"/>: loopback and private ranges) and DNS.</summary>
    public PiClient(PiClientOptions options, TimeProvider timeProvider)
        : this(options, timeProvider, TargetPolicy.Default, DnsHostResolver.Instance)
    {
    }

    /// <param name="options">Limits of one poll.</param>
    /// <param name="timeProvider">Clock of the connect, poll and idle-gap deadlines.</param>
    /// <param name="policy">Which addresses may be polled.</param>
    /// <param name="resolver">Resolves host names at each poll (tests use one without DNS).</param>
    public PiClient(PiClientOptions options, TimeProvider timeProvider, TargetPolicy policy, IHostResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(resolver);
        RequirePositive(options.ConnectTimeout, nameof(options.ConnectTimeout));
        RequirePositive(options.PollTimeout, nameof(options.PollTimeout));
        RequirePositive(options.IdleAnswerGap, nameof(options.IdleAnswerGap));

        // Fails fast on bad line or poll limits.
        _ = new PiAnswerDecoder(PiQuerySet.All, options);
        _options = options;
        _time = timeProvider;
        _policy = policy;
        _resolver = resolver;
        _sessions = new PollSessionPool(options, timeProvider);
    }

    public PiClientOptions Options => _options;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="queries"/> is empty or holds unknown bits.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<PiPollResult> PollAsync(PiEndpoint endpoint, PiQuerySet queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var request = PiRequest.Encode(queries);
        cancellationToken.ThrowIfCancellationRequested();

        var started = _time.GetTimestamp();
        var session = _sessions.Rent();
        var decoder = session.Decoder;
        var deadlines = session.Deadlines;
        decoder.Reset(queries);
        deadlines.Start(_options.ConnectTimeout, _options.PollTimeout, cancellationToken);
        var phase = PollPhase.Resolving;
        Socket? socket = null;
        try
        {
            if (TargetAddress.TryParse(endpoint.Host, out var literal))
            {
                var verdict = _policy.Check(literal);
                if (!verdict.IsAllowed)
                {
                    return Failed((PiFailureKind.NotAllowed, PollTargetRefusal.Message(verdict)));
                }

                phase = PollPhase.Connecting;
                socket = await ConnectAsync(verdict.Address, endpoint.Port, deadlines.Token).ConfigureAwait(false);
            }
            else
            {
                // Judged after resolving, at every poll: a name cannot lead the poller where an address may not.
                var target = _policy.Screen(endpoint.Host, await ResolveAsync(endpoint.Host, deadlines.Token).ConfigureAwait(false));
                if (target.Allowed.Count == 0)
                {
                    return Failed((PiFailureKind.NotAllowed, PollTargetRefusal.Message(target)));
                }

                phase = PollPhase.Connecting;
                socket = await ConnectAnyAsync(target.Allowed, endpoint.Port, deadlines.Token).ConfigureAwait(false);
            }

            deadlines.EndConnect();
            phase = PollPhase.Exchanging;
            await SendAsync(socket, request, deadlines.Token).ConfigureAwait(false);
            if (await ReceiveAnswersAsync(socket, session).ConfigureAwait(false) != PiDecodeStatus.Complete)
            {
                return PiPollResult.Failed(decoder.Failure!, _time.GetElapsedTime(started));
            }

            await SendCloseAsync(socket, deadlines.Token).ConfigureAwait(false);
            return PiPollResult.Success(decoder.GetReading(), _time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Rethrown with the caller's own token.
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
        catch (OperationCanceledException)
        {
            return Failed(TimedOut(deadlines.Expired, phase, endpoint, decoder));
        }
        catch (SocketException error)
        {
            return Failed(SocketFailed(error, phase, endpoint, decoder));
        }
        finally
        {
            socket?.Dispose();
            deadlines.Stop();
            _sessions.Return(session);
        }

        PiPollResult Failed((PiFailureKind Kind, string Message) failure) => PiPollResult.Failed(
            new PiPollFailure(failure.Kind, failure.Message, decoder.AnswersReceived, decoder.AnswersExpected),
            _time.GetElapsedTime(started));
    }

    public void Dispose() => _sessions.Dispose();

    private async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken token)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await _resolver.ResolveAsync(host, token).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            // An ill-formed name (too long, bad characters) is as unknown as a missing one.
            addresses = [];
        }

        return addresses.Length > 0 ? addresses : throw new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>Tries each address in turn (a name may resolve to IPv6 and IPv4).</summary>
    private static async ValueTask<Socket> ConnectAnyAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken token)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await ConnectAsync(addresses[i], port, token).ConfigureAwait(false);
            }
            catch (SocketException) when (i < addresses.Count - 1)
            {
                // The next address may answer.
            }
        }
    }

    private static async ValueTask<Socket> ConnectAsync(IPAddress address, int port, CancellationToken token)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async ValueTask SendAsync(Socket socket, ReadOnlyMemory<byte> bytes, CancellationToken token)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await socket.SendAsync(bytes, SocketFlags.None, token).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Every answer is in: asking the Pi to close is a courtesy whose failure changes nothing.</summary>
    private static async ValueTask SendCloseAsync(Socket socket, CancellationToken token)
    {
        try
        {
            await SendAsync(socket, PiRequest.Close, token).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // The Pi may already have closed its side.
        }
        catch (OperationCanceledException)
        {
            // The poll deadline or the caller ran out at the last moment; the reading is complete regardless.
        }
    }

    private async ValueTask<PiDecodeStatus> ReceiveAnswersAsync(Socket socket, PollSession session)
    {
        var decoder = session.Decoder;
        var deadlines = session.Deadlines;
        while (true)
        {
            int received;
            try
            {
                received = await socket.ReceiveAsync(session.Buffer.AsMemory(), SocketFlags.None, deadlines.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadlines.Expired == PollExpiry.IdleGap)
            {
                // A pause ends an answer sent without terminator.
                if (decoder.EndOfAnswer() != PiDecodeStatus.NeedMore)
                {
                    return decoder.Status;
                }

                deadlines.ClearIdleGap();
                continue;
            }

            var status = received == 0 ? decoder.EndOfStream() : decoder.Feed(session.Buffer.AsSpan(0, received));
            if (status != PiDecodeStatus.NeedMore)
            {
                return status;
            }

            if (decoder.HasPartialAnswer)
            {
                deadlines.ArmIdleGap(_options.IdleAnswerGap);
            }
            else
            {
                deadlines.ClearIdleGap();
            }
        }
    }

    private (PiFailureKind, string) TimedOut(PollExpiry expiry, PollPhase phase, PiEndpoint endpoint, PiAnswerDecoder decoder) =>
        phase switch
        {
            _ when expiry == PollExpiry.Connect => (PiFailureKind.ConnectTimeout, phase == PollPhase.Resolving
                ? $"resolving host '{endpoint.Host}' timed out after {Duration(_options.ConnectTimeout)}"
                : $"connecting to {endpoint} timed out after {Duration(_options.ConnectTimeout)}"),
            _ => (PiFailureKind.PollTimeout, string.Create(
                CultureInfo.InvariantCulture,
                $"{endpoint} did not answer within {Duration(_options.PollTimeout)} ({decoder.AnswersReceived} of {decoder.AnswersExpected} answers)")),
        };

    private static (PiFailureKind, string) SocketFailed(SocketException error, PollPhase phase, PiEndpoint endpoint, PiAnswerDecoder decoder)
    {
        var code = error.SocketErrorCode;
        return phase switch
        {
            PollPhase.Resolving when code is SocketError.HostNotFound or SocketError.NoData =>
                (PiFailureKind.HostNotFound, $"host '{endpoint.Host}' not found"),
            PollPhase.Resolving =>
                (PiFailureKind.NetworkError, $"could not resolve host '{endpoint.Host}' ({code})"),
            PollPhase.Connecting when code == SocketError.ConnectionRefused =>
                (PiFailureKind.ConnectionRefused, $"connection refused by {endpoint} (nothing listening)"),
            PollPhase.Connecting when code == SocketError.TimedOut =>
                (PiFailureKind.ConnectTimeout, $"connecting to {endpoint} timed out ({code})"),
            PollPhase.Connecting =>
                (PiFailureKind.NetworkError, $"cannot connect to {endpoint} ({code})"),
            _ when code is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown =>
                (PiFailureKind.ConnectionLost, string.Create(
                    CultureInfo.InvariantCulture,
                    $"connection reset by the Pi after {decoder.AnswersReceived} of {decoder.AnswersExpected} answers")),
            _ => (PiFailureKind.NetworkError, string.Create(
                CultureInfo.InvariantCulture,
                $"network error with {endpoint} after {decoder.AnswersReceived} of {decoder.AnswersExpected} answers ({code})")),
        };
    }

    private static string Duration(TimeSpan span) => span.TotalMilliseconds < 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s");

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be positive.");
        }
    }

    private enum PollPhase
    {
        Resolving,
        Connecting,
        Exchanging,
    }
}
