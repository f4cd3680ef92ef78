using SolarFleet.Simulator.Cli;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Tests.Support;
using SolarFleet.Simulator.Time;

namespace SolarFleet.Simulator.Tests;

/// <summary>The lines a load generator writes to the simulator: per-Pi stats, and freezing the truth.</summary>
public sealed class ConsoleCommandTests
{
    private static readonly DateTime Noon = new(2025, 6, 21, 12, 0, 0);

    [Fact]
    public async Task Stats_give_each_Pis_connections_most_at_once_and_energy_today_and_freeze_stops_the_energy()
    {
        using var deadline = TestClock.Deadline();
        var fake = TestClock.At(TestClock.LosAngeles, Noon);
        var clock = new FreezableTimeProvider(fake);
        await using var simulator = await PiSimulator.StartAsync(new PiSimulatorOptions { PiCount = 2, Sites = [TestClock.LosAngeles] }, clock, null, deadline.Token);
        await WireClient.PollAsync(simulator.Pis[1].Endpoint, deadline.Token);

        var frozen = ConsoleCommands.Answer("freeze\n", simulator, clock);
        fake.Advance(TimeSpan.FromHours(1));
        var stats = ConsoleCommands.Answer("stats", simulator, clock);

        Assert.Equal($"frozen: {fake.GetUtcNow().AddHours(-1):O}", frozen);
        var today = DateOnly.FromDateTime(Noon);
        Assert.Equal($"stats: 0/0/{simulator.Pis[0].EnergyOn(today)} 1/1/{simulator.Pis[1].EnergyOn(today)}", stats);
        Assert.True(simulator.Pis[1].EnergyOn(today) > 0);
        Assert.Null(ConsoleCommands.Answer("status", simulator, clock));
    }
}
