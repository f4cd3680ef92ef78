namespace SolarFleet.Postgres.Tests.Infrastructure;

/// <summary>Polls a condition that background work makes true, failing with a message after a bounded wait.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string failure, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(failure);
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
