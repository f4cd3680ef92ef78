using SolarFleet.Protocol.Queries;

namespace SolarFleet.Protocol.Polling;

/// <summary>Polls one Pi: connect, ask, close. Failures come back as a result, never as an exception.</summary>
public interface IPiClient
{
    ValueTask<PiPollResult> PollAsync(PiEndpoint endpoint, PiQuerySet queries, CancellationToken cancellationToken);
}
