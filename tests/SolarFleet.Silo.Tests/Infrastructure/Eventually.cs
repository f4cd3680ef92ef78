namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>Polls a condition until it holds or a deadline passes; the failure says what was last seen.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await read();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}; last seen: {(describe is null ? last : describe(last))}");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
