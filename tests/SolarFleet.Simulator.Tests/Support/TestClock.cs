using Microsoft.Extensions.Time.Testing;
using SolarFleet.Simulator.Sites;

namespace SolarFleet.Simulator.Tests.Support;

internal static class TestClock
{
    public static SimulatedSite LosAngeles { get; } = new("los-angeles", 34.05, -118.24, "America/Los_Angeles");

    public static SimulatedSite Sydney { get; } = new("sydney", -33.87, 151.21, "Australia/Sydney");

    /// <summary>A fake clock showing a wall-clock time at a site.</summary>
    public static FakeTimeProvider At(SimulatedSite site, DateTime localTime) => new(site.Instant(localTime));

    /// <summary>The test's token, cut off after a generous real-time bound so a broken server fails rather than hangs.</summary>
    public static CancellationTokenSource Deadline(int seconds = 15)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
        return deadline;
    }

    /// <summary>Waits (real time, bounded) until a condition the server reaches asynchronously holds.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        try
        {
            while (!condition())
            {
                await Task.Delay(10, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Timed out waiting until {what}.");
        }
    }
}
