using Microsoft.Extensions.Logging;
using SolarFleet.Grains.Persistence;

namespace SolarFleet.Grains.Inverters;

/// <summary>
/// An inverter's state in grain storage: writes one at a time and folded (<see cref="SerialStateWriter"/>), in the
/// background off the poll's path with failures logged (the next state change retries), and what a removal keeps.
/// Meant for one activation: every call comes from the grain's own scheduler.
/// </summary>
public sealed partial class InverterStorage
{
    private readonly IPersistentState<InverterState> _state;
    private readonly SerialStateWriter _writer;
    private readonly TimeProvider _time;
    private readonly Action<DateTimeOffset> _written;
    private readonly ILogger _logger;
    private readonly string _siteId;
    private readonly string _inverterId;

    /// <param name="written">Told the time each write started, once it succeeded.</param>
    public InverterStorage(IPersistentState<InverterState> state, TimeProvider time, Action<DateTimeOffset> written, ILogger logger, string siteId, string inverterId)
    {
        _state = state;
        _time = time;
        _written = written;
        _logger = logger;
        _siteId = siteId;
        _inverterId = inverterId;
        _writer = new SerialStateWriter(WriteStateAsync);
    }

    public InverterState State => _state.State;

    /// <summary>Writes the state as it is when the write starts; a failure is the caller's.</summary>
    public Task WriteAsync() => _writer.WriteAsync();

    /// <summary>Writes without the caller waiting or failing: a failure is logged.</summary>
    public void WriteInBackground() => _ = WriteLoggedAsync();

    /// <summary>Writes, logging a failure instead of throwing (a deactivation must finish).</summary>
    public async Task WriteLoggedAsync()
    {
        try
        {
            await _writer.WriteAsync();
        }
        catch (Exception ex)
        {
            LogStateWriteFailed(ex, _siteId, _inverterId);
        }
    }

    /// <summary>Completes when every queued write has finished.</summary>
    public Task IdleAsync() => _writer.IdleAsync();

    /// <summary>
    /// Keeps what a removal must: the ledger's recent dates (history is never lost, and adding the same id again
    /// continues its day) with when and what was removed; a state without dates is cleared.
    /// </summary>
    public async Task RemoveAsync(bool wasRegistered)
    {
        var ledger = _state.State.Ledger;
        if (ledger.Days.Count > 0)
        {
            if (wasRegistered || _state.State.Registration is not null)
            {
                _state.State = new InverterState { Ledger = ledger, RemovedAt = _time.GetUtcNow(), RemovedRegistration = _state.State.Registration };
                await _writer.RunAsync(() => _state.WriteStateAsync());
            }
        }
        else if (_state.RecordExists || wasRegistered)
        {
            await _writer.RunAsync(() => _state.ClearStateAsync());
            _state.State = new InverterState();
        }
    }

    private async Task WriteStateAsync()
    {
        var at = _time.GetUtcNow();
        await _state.WriteStateAsync();
        _written(at);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the state of inverter {SiteId}/{InverterId} failed; it is retried on the next state change")]
    private partial void LogStateWriteFailed(Exception exception, string siteId, string inverterId);
}
