using System.Diagnostics;
using System.Threading.Channels;

namespace SolarFleet.Postgres.Batching;

/// <summary>
/// Runs many small calls of one kind as few multi-row statements. Calls queue; each of a few workers takes what is
/// queued for it (up to a batch) and runs it as one statement, so batches grow only while the database is busy: a
/// lone call goes out at once, and a burst of thousands (a bulk registration, a silo of grains activating) costs tens
/// of statements instead of thousands.
/// </summary>
/// <remarks>
/// A key always goes to the same worker, and a batch never holds two calls for one key: the later waits for that
/// worker's next batch. So calls for one key run one at a time and in order, and a statement can match its rows back
/// to its calls by key. The statement's failure is every call's failure in it; a call cancelled while it waits in
/// the queue is dropped unsent (once a worker has taken it, it runs).
/// </remarks>
internal sealed class StatementBatcher<TKey, TRequest, TResult> : IAsyncDisposable
    where TKey : notnull
{
    private readonly Channel<Call>[] _queues;
    private readonly Func<TRequest, TKey> _keyOf;
    private readonly Func<IReadOnlyList<TRequest>, CancellationToken, Task<TResult[]>> _execute;
    private readonly int _maxBatch;
    private readonly Action<int, TimeSpan, bool>? _ran;
    private readonly Task[] _workers;
    private volatile bool _abandoned;

    /// <param name="execute">Runs one batch and returns one result per request, in order.</param>
    /// <param name="ran">Told of each statement: its calls, how long it took, whether it succeeded.</param>
    public StatementBatcher(
        Func<TRequest, TKey> keyOf,
        Func<IReadOnlyList<TRequest>, CancellationToken, Task<TResult[]>> execute,
        int maxBatch,
        int workers,
        Action<int, TimeSpan, bool>? ran = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _keyOf = keyOf;
        _execute = execute;
        _maxBatch = maxBatch;
        _ran = ran;
        _queues = Enumerable.Range(0, workers).Select(_ => Channel.CreateUnbounded<Call>()).ToArray();
        _workers = _queues.Select(queue => Task.Run(() => WorkAsync(queue.Reader))).ToArray();
    }

    public Task<TResult> RunAsync(TRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = _keyOf(request);
        var call = new Call(request, key, cancellationToken);
        if (!_queues[(key.GetHashCode() & int.MaxValue) % _queues.Length].Writer.TryWrite(call))
        {
            throw new ObjectDisposedException(GetType().Name, "The batcher has stopped.");
        }

        return call.Completion;
    }

    /// <summary>Takes no more calls and finishes the queued ones; once <paramref name="cancellationToken"/> fires, fails those not yet sent.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in _queues)
        {
            queue.Writer.TryComplete();
        }

        try
        {
            await Task.WhenAll(_workers).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _abandoned = true;
            await Task.WhenAll(_workers);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task WorkAsync(ChannelReader<Call> queue)
    {
        var deferred = new Queue<Call>();
        var batch = new List<Call>(_maxBatch);
        var keys = new HashSet<TKey>();
        while (deferred.Count > 0 || await queue.WaitToReadAsync())
        {
            Fill(queue, batch, keys, deferred);
            if (batch.Count > 0)
            {
                await RunBatchAsync(batch);
            }

            batch.Clear();
            keys.Clear();
        }
    }

    private void Fill(ChannelReader<Call> queue, List<Call> batch, HashSet<TKey> keys, Queue<Call> deferred)
    {
        // Calls held back from the last batch go first, each still at most once per key.
        for (var held = deferred.Count; held > 0 && batch.Count < _maxBatch; held--)
        {
            Take(deferred.Dequeue(), batch, keys, deferred);
        }

        while (batch.Count < _maxBatch && queue.TryRead(out var call))
        {
            Take(call, batch, keys, deferred);
        }
    }

    private void Take(Call call, List<Call> batch, HashSet<TKey> keys, Queue<Call> deferred)
    {
        if (!call.TryClaim())
        {
            // Cancelled while it waited.
            return;
        }

        if (_abandoned)
        {
            call.Fail(new OperationCanceledException("Stopped before this call was sent to the database."));
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
        var started = Stopwatch.GetTimestamp();
        TResult[]? results = null;
        Exception? error = null;
        try
        {
            // Once sent, a statement runs to its end (or its command timeout): its calls' rows change together.
            results = await _execute(batch.ConvertAll(call => call.Request), CancellationToken.None);
            if (results.Length != batch.Count)
            {
                throw new InvalidOperationException($"A batch of {batch.Count} calls returned {results.Length} results.");
            }
        }
        catch (Exception ex)
        {
            error = ex;
        }

        try
        {
            _ran?.Invoke(batch.Count, Stopwatch.GetElapsedTime(started), error is null);
        }
        catch (Exception)
        {
            // Reporting must never keep a statement's calls from completing, nor stop the worker.
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (error is null)
            {
                batch[i].Succeed(results![i]);
            }
            else
            {
                batch[i].Fail(error);
            }
        }
    }

    /// <summary>One waiting call; its task completes once, with its result, the batch's error, or its cancellation.</summary>
    private sealed class Call
    {
        private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration _cancellation;

        public Call(TRequest request, TKey key, CancellationToken cancellationToken)
        {
            Request = request;
            Key = key;
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((Call)state!)._completion.TrySetCanceled(token),
                this);
        }

        public TRequest Request { get; }

        public TKey Key { get; }

        public Task<TResult> Completion => _completion.Task;

        /// <summary>
        /// From here on the call can no longer be cancelled: a call that may be sent must not report "cancelled" to a
        /// caller whose row it then changes. False when it was cancelled first.
        /// </summary>
        public bool TryClaim()
        {
            _cancellation.Dispose();
            return !_completion.Task.IsCompleted;
        }

        public void Succeed(TResult result) => _completion.TrySetResult(result);

        public void Fail(Exception error) => _completion.TrySetException(error);
    }
}
