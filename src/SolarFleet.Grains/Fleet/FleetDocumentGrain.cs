using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Persistence;
using SolarFleet.Grains.Polling;

namespace SolarFleet.Grains.Fleet;

/// <summary>
/// The fleet document as desired state. A document is stored whole, in one write, as the next generation; from then on
/// this activation (one per cluster) makes the fleet match the newest generation, pass after pass until one succeeds.
/// A newer document cancels the pass under way, so the later generation wins whole. A reminder brings the work back
/// after a silo crash or a restart; a client that disconnects after storing changes nothing.
/// </summary>
public sealed partial class FleetDocumentGrain : Grain, IFleetDocumentGrain, IRemindable, IDisposable
{
    private const string ReminderName = "converge";

    private readonly IPersistentState<FleetDocumentState> _document;
    private readonly IPersistentState<FleetObservedState> _observed;
    private readonly TimeProvider _time;
    private readonly SolarFleetGrainOptions _options;
    private readonly ILogger<FleetDocumentGrain> _logger;
    private readonly FleetApplyProgress _progress = new();
    private CancellationTokenSource? _pass;
    private Task _passDone = Task.CompletedTask;
    private FleetConvergence _state;

    public FleetDocumentGrain(
        [PersistentState("fleet-document", SolarFleetStorage.GrainStateProvider)] IPersistentState<FleetDocumentState> document,
        [PersistentState("fleet-observed", SolarFleetStorage.GrainStateProvider)] IPersistentState<FleetObservedState> observed,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
        IOptions<SolarFleetGrainOptions> options,
        ILogger<FleetDocumentGrain> logger)
    {
        _document = document;
        _observed = observed;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    private bool Behind => _document.State.Generation > _observed.State.Generation;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = _document.State.Generation == 0 ? FleetConvergence.Empty : Behind ? FleetConvergence.Converging : FleetConvergence.Converged;
        if (Behind)
        {
            LogResuming(_document.State.Generation, _observed.State.Generation);
            StartConverging();
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _pass?.Cancel();
        return Task.CompletedTask;
    }

    /// <summary>Orleans disposes the instance when the activation ends; the pass under way disposes its own source.</summary>
    public void Dispose() => _pass?.Cancel();

    public async Task<FleetDocumentStatus> Store(DesiredFleet document, long? expectedGeneration)
    {
        ArgumentNullException.ThrowIfNull(document);
        var stored = _document.State;
        if (expectedGeneration is { } expected && expected != stored.Generation)
        {
            throw new GenerationConflictException(expected, stored.Generation);
        }

        var previous = (stored.Generation, stored.Document, stored.StoredAt);
        stored.Generation++;
        stored.Document = document;
        stored.StoredAt = _time.GetUtcNow();
        try
        {
            await _document.WriteStateAsync();
        }
        catch
        {
            // Not stored: the fleet goes on converging to what is.
            (stored.Generation, stored.Document, stored.StoredAt) = previous;
            throw;
        }

        await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
        LogStored(stored.Generation, document.Sites.Count, document.Inverters);
        StartConverging();
        return Status();
    }

    public Task<FleetDocumentStatus> GetStatus() => Task.FromResult(Status());

    public Task<StoredFleetDocument?> GetDocument() => Task.FromResult(
        _document.State is { Document: { } document, StoredAt: { } at, Generation: var generation }
            ? new StoredFleetDocument(generation, document, at)
            : null);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!Behind)
        {
            await this.UnregisterIfHeldAsync(ReminderName);
        }
        else if (_pass is null)
        {
            StartConverging();
        }
    }

    private void StartConverging()
    {
        _pass?.Cancel();
        _pass = new CancellationTokenSource();
        _state = FleetConvergence.Converging;

        // Applying is this grain's job until it is done: nothing else keeps it active meanwhile.
        DelayDeactivation(Timeout.InfiniteTimeSpan);
        _passDone = ConvergeAsync(_document.State.Generation, _document.State.Document!, _pass, _passDone);
    }

    private async Task ConvergeAsync(long generation, DesiredFleet document, CancellationTokenSource pass, Task previous)
    {
        var reconciler = new FleetReconciler(GrainFactory, _options.FleetApplyParallelism);
        var retry = TimeSpan.FromSeconds(5);
        try
        {
            // The pass this one replaces stops starting sites but finishes those under way; sites it configures after
            // this pass listed the fleet would survive it, so this pass starts once that one is quiet.
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            while (!pass.IsCancellationRequested)
            {
                var started = _time.GetTimestamp();
                if (await reconciler.ApplyAsync(document, _progress, pass.Token))
                {
                    _observed.State.Generation = generation;
                    _observed.State.ConvergedAt = _time.GetUtcNow();
                    await _observed.WriteStateAsync();
                    _state = FleetConvergence.Converged;
                    LogConverged(generation, _time.GetElapsedTime(started).TotalSeconds);
                    await this.UnregisterIfHeldAsync(ReminderName);
                    return;
                }

                _state = FleetConvergence.Retrying;
                LogPassFailed(generation, _progress.Failures, _progress.Error, retry.TotalSeconds);
                await Task.Delay(retry, _time, pass.Token);
                retry = retry * 2 < _options.BackoffCap ? retry * 2 : _options.BackoffCap;
            }
        }
        catch (OperationCanceledException) when (pass.IsCancellationRequested)
        {
            // A newer generation took over, or the activation is going.
        }
        catch (Exception ex)
        {
            // Storage failed marking it done: the reminder brings the work back.
            _state = FleetConvergence.Retrying;
            LogPassThrew(ex, generation);
        }
        finally
        {
            if (ReferenceEquals(_pass, pass))
            {
                _pass = null;
                DelayDeactivation(TimeSpan.Zero);
            }

            pass.Dispose();
        }
    }

    private FleetDocumentStatus Status()
    {
        var document = _document.State.Document;
        return new FleetDocumentStatus(
            _document.State.Generation,
            _observed.State.Generation,
            _state,
            document?.Sites.Count ?? 0,
            document?.Inverters ?? 0,
            _state == FleetConvergence.Converged ? document?.Sites.Count ?? 0 : _progress.SitesApplied,
            _progress.SitesToRemove,
            _progress.SitesRemoved,
            _document.State.StoredAt,
            _observed.State.ConvergedAt,
            _state == FleetConvergence.Converged ? null : _progress.Error);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet document generation {Generation} stored: {Sites} sites, {Inverters} inverters")]
    private partial void LogStored(long generation, int sites, int inverters);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet document generation {Generation} applied in {Seconds:0.0} s")]
    private partial void LogConverged(long generation, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming fleet document generation {Generation} (fleet at generation {Observed})")]
    private partial void LogResuming(long generation, long observed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying fleet document generation {Generation} failed for {Failures} sites (first: {Error}); trying again in {Seconds} s")]
    private partial void LogPassFailed(long generation, int failures, string? error, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying fleet document generation {Generation} stopped; the reminder resumes it")]
    private partial void LogPassThrew(Exception exception, long generation);
}
