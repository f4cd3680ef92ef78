using SolarFleet.Silo.Reads;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Reads;

/// <summary>
/// A report read item after item, with the next few reads under way: a fleet energy report waited one site's latency per
/// site, one site at a time.
/// </summary>
public sealed class ReadAheadTests
{
    [Fact]
    public async Task Results_come_in_the_items_order_whatever_order_the_reads_finish_in()
    {
        var reads = new Reads();
        var results = new List<int>();
        var consuming = ConsumeAsync(ReadAhead.InOrderAsync(Enumerable.Range(0, 6), 3, reads.Start, TestContext.Current.CancellationToken), results);

        // The third read finishes first, then the second, then the first; the rest follow as they start.
        await reads.WaitForStartedAsync(3);
        reads.Finish(2);
        reads.Finish(1);
        reads.Finish(0);
        await reads.WaitForStartedAsync(6);
        reads.Finish(5);
        reads.Finish(4);
        reads.Finish(3);
        await consuming;

        Assert.Equal([0, 1, 2, 3, 4, 5], results);
    }

    [Fact]
    public async Task Reads_run_ahead_of_the_consumer_up_to_the_width_and_no_further()
    {
        var reads = new Reads();
        await using var results = ReadAhead.InOrderAsync(Enumerable.Range(0, 20), 4, reads.Start, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);

        var first = results.MoveNextAsync();
        await reads.WaitForStartedAsync(4);
        Assert.Equal(4, reads.Started);
        Assert.False(first.IsCompleted);

        reads.Finish(0);
        Assert.True(await first);
        Assert.Equal(0, results.Current);

        // One read finished and was taken: one more starts, and only when the consumer asks again.
        var second = results.MoveNextAsync();
        await reads.WaitForStartedAsync(5);
        Assert.Equal(5, reads.Started);
        reads.Finish(1);
        Assert.True(await second);
        Assert.Equal(4, reads.MostUnderWay);
    }

    [Fact]
    public async Task A_consumer_that_stops_early_leaves_no_read_running()
    {
        var reads = new Reads();
        await using (var results = ReadAhead.InOrderAsync(Enumerable.Range(0, 20), 4, reads.Start, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken))
        {
            var first = results.MoveNextAsync();
            await reads.WaitForStartedAsync(4);
            reads.Finish(0);
            Assert.True(await first);
        }

        // Disposed: the three reads under way were cancelled, and had ended by the time disposal returned.
        Assert.Equal(4, reads.Started);
        Assert.Equal(0, reads.UnderWay);
        Assert.Equal(3, reads.Cancelled);
    }

    [Fact]
    public async Task A_failed_read_fails_the_report_at_its_place_after_the_results_before_it()
    {
        var reads = new Reads();
        var results = new List<int>();
        var consuming = ConsumeAsync(ReadAhead.InOrderAsync(Enumerable.Range(0, 10), 3, reads.Start, TestContext.Current.CancellationToken), results);

        await reads.WaitForStartedAsync(3);
        reads.Finish(0);
        reads.Fail(1, new InvalidOperationException("site 1 could not be read"));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => consuming);

        Assert.Equal("site 1 could not be read", failure.Message);
        Assert.Equal([0], results);
        Assert.Equal(0, reads.UnderWay);
    }

    private static Task ConsumeAsync(IAsyncEnumerable<int> read, List<int> results) => Task.Run(
        async () =>
        {
            await foreach (var result in read)
            {
                results.Add(result);
            }
        },
        TestContext.Current.CancellationToken);

    /// <summary>Reads that finish when told, counting those under way.</summary>
    private sealed class Reads
    {
        private readonly Dictionary<int, TaskCompletionSource<int>> _reads = [];
        private int _underWay;
        private int _most;
        private int _cancelled;

        public int Started
        {
            get
            {
                lock (_reads)
                {
                    return _reads.Count;
                }
            }
        }

        public int UnderWay => Volatile.Read(ref _underWay);

        public int MostUnderWay => Volatile.Read(ref _most);

        public int Cancelled => Volatile.Read(ref _cancelled);

        public async Task<int> Start(int item, CancellationToken cancellationToken)
        {
            var read = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_reads)
            {
                _reads.Add(item, read);
                _most = Math.Max(_most, ++_underWay);
            }

            try
            {
                using var cancel = cancellationToken.Register(() =>
                {
                    Interlocked.Increment(ref _cancelled);
                    read.TrySetCanceled(cancellationToken);
                });
                return await read.Task;
            }
            finally
            {
                Interlocked.Decrement(ref _underWay);
            }
        }

        public Task<int> WaitForStartedAsync(int count) =>
            Eventually.Get(() => Task.FromResult(Started), started => started >= count, TimeSpan.FromSeconds(10), $"{count} reads started");

        public void Finish(int item) => Read(item).SetResult(item);

        public void Fail(int item, Exception failure) => Read(item).SetException(failure);

        private TaskCompletionSource<int> Read(int item)
        {
            lock (_reads)
            {
                return _reads[item];
            }
        }
    }
}
