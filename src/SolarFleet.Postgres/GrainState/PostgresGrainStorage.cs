using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using SolarFleet.Postgres.Batching;

namespace SolarFleet.Postgres.GrainState;

/// <summary>
/// Grain state in PostgreSQL, in the table and row format of the Orleans ADO.NET provider, with concurrent calls
/// batched into multi-row statements. The etag is the row's version: a write or clear must present the version it
/// read, and a stale one fails with <see cref="InconsistentStateException"/>, as with that provider.
/// </summary>
/// <remarks>
/// Why not that provider: it runs one statement per call. A bulk registration of 100,000 inverters, or a silo of
/// them activating after a restart, is 100,000 reads and as many writes, and the round trips, not the rows, then
/// keep the machine busy. Batched, the same rows cost a few hundred statements.
/// </remarks>
public sealed partial class PostgresGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly string _name;
    private readonly NpgsqlDataSource _dataSource;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly ILogger<PostgresGrainStorage> _logger;
    private readonly StatementBatcher<GrainStateKey, GrainStateKey, StoredState> _reads;
    private readonly StatementBatcher<GrainStateKey, StateWrite, int?> _writes;
    private readonly StatementBatcher<GrainStateKey, StateClear, int?> _clears;
    private int _disposed;

    public PostgresGrainStorage(
        string name,
        string connectionString,
        string serviceId,
        IGrainStorageSerializer serializer,
        IActivatorProvider activators,
        ILogger<PostgresGrainStorage> logger,
        StatementMetrics? metrics = null)
    {
        _name = name;
        _serializer = serializer;
        _activators = activators;
        _logger = logger;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        var statements = new GrainStateStatements(_dataSource, serviceId);
        _reads = new(key => key, statements.ReadAsync, BatchLimits.MaxBatch, BatchLimits.Workers, metrics?.Observer("state_read"));
        _writes = new(write => write.Key, statements.WriteAsync, BatchLimits.MaxBatch, BatchLimits.Workers, metrics?.Observer("state_write"));
        _clears = new(clear => clear.Key, statements.ClearAsync, BatchLimits.MaxBatch, BatchLimits.Workers, metrics?.Observer("state_clear"));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        ReadAsync(GrainStateKey.Of(stateName, grainId), grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = GrainStateKey.Of(stateName, grainId);
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var version = await ChangeAsync(_writes, new StateWrite(key, VersionOf(grainState.ETag), payload), "write", key, grainState.ETag, cancellationToken);
        grainState.ETag = ETagOf(version);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = GrainStateKey.Of(stateName, grainId);
        if (VersionOf(grainState.ETag) is not { } expected)
        {
            // Nothing was read or written by this activation: clear whatever is stored now, if anything.
            await ReadAsync(key, grainState, cancellationToken);
            if (!grainState.RecordExists || VersionOf(grainState.ETag) is not { } found)
            {
                // Nothing stored, or already cleared.
                return;
            }

            expected = found;
        }

        var version = await ChangeAsync(_clears, new StateClear(key, expected), "clear", key, grainState.ETag, cancellationToken);
        grainState.ETag = ETagOf(version);
        grainState.RecordExists = false;
        grainState.State = Create<T>();
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        // Stops after every grain has been deactivated (and written its state), so those last writes still go out.
        lifecycle.Subscribe($"{nameof(PostgresGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, _ => Task.CompletedTask, StopAsync);

    /// <summary>Sends what is queued; once <paramref name="cancellationToken"/> fires (the silo's stop timeout), fails what is not sent yet.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _reads.StopAsync(cancellationToken);
        await _writes.StopAsync(cancellationToken);
        await _clears.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _reads.DisposeAsync();
        await _writes.DisposeAsync();
        await _clears.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    private async Task ReadAsync<T>(GrainStateKey key, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var stored = await SendAsync(_reads, key, "read", key, cancellationToken);
        grainState.State = stored.Payload is { } payload ? _serializer.Deserialize<T>(new BinaryData(payload)) ?? Create<T>() : Create<T>();
        grainState.ETag = ETagOf(stored.Version);
        grainState.RecordExists = stored.Payload is not null;
    }

    /// <summary>A write or clear: its new version, or a version conflict when another activation changed the row first.</summary>
    private async Task<int> ChangeAsync<TRequest>(
        StatementBatcher<GrainStateKey, TRequest, int?> batcher,
        TRequest request,
        string operation,
        GrainStateKey key,
        string? etag,
        CancellationToken cancellationToken) =>
        await SendAsync(batcher, request, operation, key, cancellationToken) ?? throw new InconsistentStateException(
            $"Version conflict ({operation}): provider {_name}, state {key}, etag {etag ?? "none"}: another activation changed it first.",
            storedEtag: null,
            currentEtag: etag,
            storageException: null);

    /// <summary>Queues one call; a failure of its statement is logged with the state it was for, and thrown.</summary>
    private async Task<TResult> SendAsync<TRequest, TResult>(
        StatementBatcher<GrainStateKey, TRequest, TResult> batcher,
        TRequest request,
        string operation,
        GrainStateKey key,
        CancellationToken cancellationToken)
    {
        try
        {
            return await batcher.RunAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, operation, _name, key);
            throw;
        }
    }

    private T Create<T>() => _activators.GetActivator<T>().Create();

    private static string? ETagOf(int? version) => version?.ToString(CultureInfo.InvariantCulture);

    private static int? VersionOf(string? etag) =>
        int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain state {Operation} failed in provider {Provider} for {State}")]
    private partial void LogFailed(Exception exception, string operation, string provider, GrainStateKey state);
}
