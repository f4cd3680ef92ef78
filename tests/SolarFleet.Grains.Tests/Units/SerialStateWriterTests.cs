using System.Runtime.CompilerServices;
using SolarFleet.Grains.Persistence;
using SolarFleet.Grains.Tests.Support;

namespace SolarFleet.Grains.Tests.Units;

public sealed class SerialStateWriterTests
{
    private readonly List<TaskCompletionSource> _writes = [];
    private readonly SerialStateWriter _writer;
    private int _running;
    private int _maxRunning;

    public SerialStateWriterTests() => _writer = new SerialStateWriter(WriteAsync);

    [Fact]
    public async Task Never_runs_two_writes_at_once_and_folds_requests_that_wait()
    {
        var first = _writer.WriteAsync();
        var second = _writer.WriteAsync();
        var third = _writer.WriteAsync();

        Assert.Same(second, third);
        Assert.Equal(1, Count);

        Write(0).SetResult();
        await first;
        await Eventually.True(() => Count == 2, "the waiting write started");
        Write(1).SetResult();
        await second;

        Assert.Equal(1, _maxRunning);
        Assert.Equal(2, Count);
    }

    [Fact]
    public async Task A_request_after_a_waiting_write_started_gets_a_write_of_its_own()
    {
        var first = _writer.WriteAsync();
        var second = _writer.WriteAsync();
        Write(0).SetResult();
        await first;
        await Eventually.True(() => Count == 2, "the waiting write started");

        var third = _writer.WriteAsync();

        Assert.NotSame(second, third);
        Write(1).SetResult();
        await second;
        await Eventually.True(() => Count == 3, "the third write started");
        Write(2).SetResult();
        await third;
        Assert.Equal(3, Count);
    }

    [Fact]
    public async Task A_failed_write_fails_its_caller_only()
    {
        var first = _writer.WriteAsync();
        var second = _writer.WriteAsync();
        Write(0).SetException(new InvalidOperationException("storage down"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        await Eventually.True(() => Count == 2, "the next write started");
        Write(1).SetResult();
        await second;
    }

    [Fact]
    public async Task Another_operation_runs_after_every_queued_write()
    {
        var order = new List<string>();
        var write = _writer.WriteAsync();
        var clear = _writer.RunAsync(() =>
        {
            order.Add("clear");
            return Task.CompletedTask;
        });

        Assert.Empty(order);
        Write(0).SetResult();
        await write;
        await clear;
        await _writer.IdleAsync();
        Assert.Equal(["clear"], order);
    }

    [Fact]
    public async Task Keeps_nothing_of_a_finished_write()
    {
        // An inverter holds its writer for the life of its activation: what the writer keeps, the fleet keeps 100,000 times.
        var finished = await WriteOnceAsync();

        await AssertCollectedAsync(finished, "the writer still holds a write that has finished");
        Assert.False(_writer.IsBusy);
    }

    [Fact]
    public async Task Keeps_nothing_of_an_operation_that_finished_at_once()
    {
        var finished = RunDoneOnce();

        await AssertCollectedAsync(finished, "the writer still holds an operation that has finished");
        Assert.False(_writer.IsBusy);
    }

    private int Count
    {
        get
        {
            lock (_writes)
            {
                return _writes.Count;
            }
        }
    }

    private static async Task AssertCollectedAsync(WeakReference finished, string message)
    {
        // The thread that completed the write may still be unwinding frames that reference it: look a few times over a
        // second. What the writer itself holds stays alive however long this waits.
        for (var look = 0; look < 50 && finished.IsAlive; look++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        Assert.False(finished.IsAlive, message);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<WeakReference> WriteOnceAsync()
    {
        var write = _writer.WriteAsync();
        Write(0).SetResult();
        await write;
        return new WeakReference(write);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference RunDoneOnce()
    {
        // A task of its own (not the shared completed one), finished before the writer sees it.
        var operation = Task.FromResult(new object());
        var run = _writer.RunAsync(() => operation);
        Assert.True(run.IsCompletedSuccessfully);
        return new WeakReference(operation);
    }

    private TaskCompletionSource Write(int index)
    {
        lock (_writes)
        {
            return _writes[index];
        }
    }

    private async Task WriteAsync()
    {
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_writes)
        {
            _running++;
            _maxRunning = Math.Max(_maxRunning, _running);
            _writes.Add(write);
        }

        try
        {
            await write.Task;
        }
        finally
        {
            lock (_writes)
            {
                _running--;
            }
        }
    }
}
