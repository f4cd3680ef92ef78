using SolarFleet.Grains.Persistence;

namespace SolarFleet.Grains.Tests.Units;

public sealed class ReloadOnFailedWriteTests
{
    [Fact]
    public async Task A_failed_write_asks_the_activation_to_reload_and_the_failure_reaches_the_caller()
    {
        var reloads = 0;
        var failure = new InvalidOperationException("storage said no");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ReloadOnFailedWrite.WriteAsync(() => Task.FromException(failure), () => reloads++));

        Assert.Same(failure, thrown);
        Assert.Equal(1, reloads);
    }

    [Fact]
    public async Task A_write_that_succeeds_keeps_the_activation()
    {
        var (writes, reloads) = (0, 0);

        await ReloadOnFailedWrite.WriteAsync(() => { writes++; return Task.CompletedTask; }, () => reloads++);

        Assert.Equal((1, 0), (writes, reloads));
    }
}
