using System.Threading.Channels;

namespace SolarFleet.Postgres.Batching;

/// <summary>
/// Runs many small calls of one kind as few multi-row statements. Calls queue; each of a few workers takes what is
/// queued (up to a batch) and runs it as one statement, so batches grow only while the database is busy: a lone call
/// goes out at once, and a burst of thousands (a bulk registration, a silo of grains activating) costs tens of
/// statements instead of thousands.
/// </summary>
/// <remarks>
/// A batch never holds two calls for one key: the later waits for the next batch, so each statement can match its
/// rows back to its calls by key. The statement's failure is every call's failure in it; a call still queued when its
/// token is cancelled is dropped unsent.
/// </remarks>
internal sealed class StatementBatcher<TKey, TRequest, TResult> : IAsyncDisposable
    where TKey : notnull
{
    private readonly Channel<Call> _queue = Channel.CreateUnbounded<Call>(new UnboundedChannelOptions { AllowSynchronousContinuations = false });
    private readonly Func<TRequest, TKey> _keyOf;
    private readonly Func<IReadOnlyList<TRequest>, CancellationToken, Task<TResult[]>> _execute;
    private readonly int _maxBatch;
    private readonly Task[] _workers;

    /// <param name="execute">Runs one batch and returns one result per request, in order.</param>
    public StatementBatcher(
        Func<TRequest, TKey> keyOf,
        Func<IReadOnlyList<TRequest>, CancellationToken, Task<TResult[]>> execute,
        int maxBatch,
        int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _keyOf = keyOf;
        _execute = execute;
        _maxBatch = maxBatch;
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    public Task<TResult> RunAsync(TRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var call = new Call(request, _keyOf(request), cancellationToken);
        if (!_queue.Writer.TryWrite(call))
        {
            throw new ObjectDisposedException(GetType().Name, "The batcher has stopped.");
        }

        return call.Completion.Task;
    }

    /// <summary>Takes no more calls, and finishes the ones already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }

    private async Task WorkAsync()
    {
        var deferred = new Queue<Call>();
        var batch = new List<Call>(_maxBatch);
        var keys = new HashSet<TKey>();
        while (deferred.Count > 0 || await _queue.Reader.WaitToReadAsync())
        {
            Fill(batch, keys, deferred);
            if (batch.Count > 0)
            {
                await RunBatchAsync(batch);
            }

            batch.Clear();
            keys.Clear();
        }
    }

    private void Fill(List<Call> batch, HashSet<TKey> keys, Queue<Call> deferred)
    {
        // Calls held back from the last batch go first, each still at most once per key.
        for (var held = deferred.Count; held > 0 && batch.Count < _maxBatch; held--)
        {
            Take(deferred.Dequeue(), batch, keys, deferred);
        }

        while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var call))
        {
            Take(call, batch, keys, deferred);
        }
    }

    private static void Take(Call call, List<Call> batch, HashSet<TKey> keys, Queue<Call> deferred)
    {
        if (call.CancellationToken.IsCancellationRequested)
        {
            call.Completion.TrySetCanceled(call.CancellationToken);
        }
        else if (keys.Add(call.Key))
        {
            batch.Add(call);
        }
        else
        {
            deferred.Enqueue(call);
        }
    }

    private async Task RunBatchAsync(List<Call> batch)
    {
        TResult[] results;
        try
        {
            // Once sent, a statement runs to its end (or its command timeout): its calls' rows change together.
            results = await _execute(batch.ConvertAll(call => call.Request), CancellationToken.None);
        }
        catch (Exception ex)
        {
            foreach (var call in batch)
            {
                call.Completion.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(results[i]);
        }
    }

    private sealed record Call(TRequest Request, TKey Key, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
