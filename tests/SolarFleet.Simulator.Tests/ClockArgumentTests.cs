using Microsoft.Extensions.Time.Testing;
using SolarFleet.Simulator.Cli;

namespace SolarFleet.Simulator.Tests;

/// <summary>A simulator told another process's speed and the instant it sped up from keeps that process's clock.</summary>
public sealed class ClockArgumentTests
{
    [Fact]
    public void A_clock_sped_up_since_an_instant_shows_what_a_clock_sped_up_then_shows_now()
    {
        var real = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero));
        Assert.True(SimulatorArguments.TryParse(["--speed", "60"], out var first, out _));
        var demo = first!.Clock(real);
        real.Advance(TimeSpan.FromMinutes(3));

        Assert.True(SimulatorArguments.TryParse(["--speed", "60", "--since", "2026-06-01T10:00:00Z"], out var later, out var error), error);
        var newcomer = later!.Clock(real);
        real.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(real.GetUtcNow().AddMinutes(3 * 59).AddSeconds(10 * 59), demo.GetUtcNow());
        Assert.Equal(demo.GetUtcNow(), newcomer.GetUtcNow());
    }

    [Theory]
    [InlineData("--since", "2026-06-01T10:00:00Z")]
    [InlineData("--speed", "60", "--start", "09:00", "--since", "2026-06-01T10:00:00Z")]
    public void Since_goes_with_speed_and_not_with_start(params string[] args)
    {
        Assert.False(SimulatorArguments.TryParse(args, out _, out var error));
        Assert.Equal("--since goes with --speed, and not with --start.", error);
    }
}
