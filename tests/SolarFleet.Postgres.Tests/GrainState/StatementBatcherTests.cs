using System.Collections.Concurrent;
using SolarFleet.Postgres.Batching;

namespace SolarFleet.Postgres.Tests.GrainState;

/// <summary>How calls become statements: a scripted statement stands in for the database.</summary>
public sealed class StatementBatcherTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lone_call_goes_out_at_once_and_calls_queued_meanwhile_share_the_next_statement()
    {
        var database = new ScriptedStatement();
        await using var batcher = database.Batcher(maxBatch: 100, workers: 1);

        var first = batcher.RunAsync("a", Token);
        await database.Started(1);
        var queued = Enumerable.Range(0, 50).Select(i => batcher.RunAsync($"k{i}", Token)).ToList();
        database.Release();

        Assert.Equal("a!", await first);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"k{i}!"), await Task.WhenAll(queued));
        Assert.Equal([1, 50], database.BatchSizes);
    }

    [Fact]
    public async Task A_batch_holds_at_most_its_limit()
    {
        var database = new ScriptedStatement();
        await using var batcher = await database.BusyBatcherAsync(maxBatch: 8);

        var calls = Enumerable.Range(0, 20).Select(i => batcher.RunAsync($"k{i}", Token)).ToList();
        database.Release();
        await Task.WhenAll(calls);

        Assert.Equal([1, 8, 8, 4], database.BatchSizes);
    }

    [Fact]
    public async Task Two_calls_for_one_key_never_share_a_statement_and_keep_their_order()
    {
        var database = new ScriptedStatement();
        await using var batcher = await database.BusyBatcherAsync(maxBatch: 100);

        var calls = new[] { batcher.RunAsync("same", Token), batcher.RunAsync("other", Token), batcher.RunAsync("same", Token) };
        database.Release();
        await Task.WhenAll(calls);

        Assert.Equal([["first"], ["same", "other"], ["same"]], database.Batches);
    }

    [Fact]
    public async Task A_failed_statement_fails_each_of_its_calls_and_the_next_statement_runs()
    {
        var database = new ScriptedStatement();
        await using var batcher = await database.BusyBatcherAsync(maxBatch: 100);
        database.FailNext(new InvalidOperationException("connection lost"));

        var doomed = new[] { batcher.RunAsync("a", Token), batcher.RunAsync("b", Token) };
        database.Release();
        foreach (var call in doomed)
        {
            Assert.Equal("connection lost", (await Assert.ThrowsAsync<InvalidOperationException>(() => call)).Message);
        }

        Assert.Equal("c!", await batcher.RunAsync("c", Token));
    }

    [Fact]
    public async Task A_call_cancelled_while_queued_is_never_sent()
    {
        var database = new ScriptedStatement();
        await using var batcher = await database.BusyBatcherAsync(maxBatch: 100);
        using var cancel = new CancellationTokenSource();

        var cancelled = batcher.RunAsync("gone", cancel.Token);
        var kept = batcher.RunAsync("kept", Token);
        await cancel.CancelAsync();
        database.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal("kept!", await kept);
        Assert.DoesNotContain(database.Batches, batch => batch.Contains("gone"));
    }

    [Fact]
    public async Task Stopping_finishes_the_queued_calls_and_refuses_new_ones()
    {
        var database = new ScriptedStatement();
        var batcher = database.Batcher(maxBatch: 4, workers: 2);
        var calls = Enumerable.Range(0, 30).Select(i => batcher.RunAsync($"k{i}", Token)).ToList();

        var stopping = batcher.DisposeAsync();
        database.Release();
        await stopping;

        Assert.All(calls, call => Assert.True(call.IsCompletedSuccessfully));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => batcher.RunAsync("late", Token));
    }

    [Fact]
    public async Task Calls_for_one_key_run_one_at_a_time_and_in_order_however_many_workers()
    {
        var inFlight = new ConcurrentDictionary<string, int>();
        var order = new ConcurrentQueue<(string Key, int Sequence)>();
        var overlaps = 0;
        await using var batcher = new StatementBatcher<string, (string Key, int Sequence), int>(
            call => call.Key,
            async (batch, cancellationToken) =>
            {
                foreach (var call in batch)
                {
                    if (!inFlight.TryAdd(call.Key, 0))
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    order.Enqueue(call);
                }

                await Task.Delay(2, cancellationToken);
                foreach (var call in batch)
                {
                    inFlight.TryRemove(call.Key, out _);
                }

                return [.. batch.Select(call => call.Sequence)];
            },
            maxBatch: 16,
            workers: 4);

        var calls = Enumerable.Range(0, 600).Select(i => batcher.RunAsync(($"k{i % 7}", i), Token)).ToList();

        Assert.Equal(Enumerable.Range(0, 600), await Task.WhenAll(calls));
        Assert.Equal(0, overlaps);
        Assert.All(order.GroupBy(call => call.Key), group => Assert.Equal(group.Select(call => call.Sequence).Order(), group.Select(call => call.Sequence)));
    }

    [Fact]
    public async Task A_statement_answering_the_wrong_number_of_rows_fails_its_calls_and_the_worker_carries_on()
    {
        var first = true;
        await using var batcher = new StatementBatcher<string, string, string>(
            key => key,
            (keys, _) =>
            {
                var answers = keys.Select(key => key + "!").ToArray();
                var broken = first;
                first = false;
                return Task.FromResult(broken ? answers[1..] : answers);
            },
            maxBatch: 100,
            workers: 1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.RunAsync("a", Token));

        Assert.Contains("returned 0 results", error.Message, StringComparison.Ordinal);
        Assert.Equal("b!", await batcher.RunAsync("b", Token));
    }

    [Fact]
    public async Task Stopping_past_its_deadline_fails_the_calls_not_yet_sent()
    {
        var database = new ScriptedStatement();
        var batcher = await database.BusyBatcherAsync(maxBatch: 100);
        var queued = Enumerable.Range(0, 5).Select(i => batcher.RunAsync($"k{i}", Token)).ToList();
        using var deadline = new CancellationTokenSource();

        var stopping = batcher.StopAsync(deadline.Token);
        await deadline.CancelAsync();
        database.Release();
        await stopping;

        Assert.All(queued, call => Assert.True(call.IsCanceled || call.IsFaulted));
        Assert.Equal([1], database.BatchSizes);
    }

    /// <summary>
    /// Answers each key with key + "!" and records each batch; the first statement waits until released, so tests
    /// can queue calls behind it.
    /// </summary>
    private sealed class ScriptedStatement
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<string[]> _batches = new();
        private readonly SemaphoreSlim _started = new(0);
        private Exception? _failNext;

        public List<string[]> Batches => [.. _batches];

        public List<int> BatchSizes => Batches.ConvertAll(batch => batch.Length);

        public StatementBatcher<string, string, string> Batcher(int maxBatch, int workers) =>
            new(key => key, ExecuteAsync, maxBatch, workers);

        /// <summary>A batcher with one worker, busy with a first statement (call "first") until <see cref="Release"/>.</summary>
        public async Task<StatementBatcher<string, string, string>> BusyBatcherAsync(int maxBatch)
        {
            var batcher = Batcher(maxBatch, workers: 1);
            _ = batcher.RunAsync("first", Token);
            await Started(1);
            return batcher;
        }

        public void Release() => _released.TrySetResult();

        public void FailNext(Exception error) => _failNext = error;

        public async Task Started(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(await _started.WaitAsync(TimeSpan.FromSeconds(10), Token), "No statement started.");
            }
        }

        private async Task<string[]> ExecuteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        {
            var first = _batches.IsEmpty;
            _batches.Enqueue([.. keys]);
            _started.Release();
            if (first)
            {
                await _released.Task;
            }
            else if (Interlocked.Exchange(ref _failNext, null) is { } error)
            {
                throw error;
            }

            return [.. keys.Select(key => key + "!")];
        }
    }
}
