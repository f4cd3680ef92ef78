using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Api;

/// <summary>What readers see of a failed poll is SolarFleet's account of it, never bytes the peer sent.</summary>
public sealed class LastErrorTests
{
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_banner_from_a_service_that_is_not_a_pi_never_reaches_last_error()
    {
        const string Banner = "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5\r\n";
        await using var service = new ScriptedPi { Banner = Banner };
        await using var factory = new SolarFleetFactory().With("SolarFleet:Grains:JitterFirstPoll", "false");
        using var admin = factory.Client(SolarFleetFactory.AdminKey);
        using var reader = factory.Client(SolarFleetFactory.ReaderKey);
        (await admin.Put("/api/sites/banner-home", SiloWithSimulator.SiteBody())).Dispose();
        (await admin.Put("/api/sites/banner-home/inverters/pi", new { host = "127.0.0.1", port = service.Port, pollSeconds = 5 })).Dispose();

        var inverter = await Eventually.Get(
            () => reader.GetJson("/api/sites/banner-home/inverters/pi"),
            j => j["lastError"] is not null,
            PollWait,
            "a failed poll");

        var lastError = (string)inverter["lastError"]!;
        Assert.Equal("protocol_error: protocol error: the Pi sent a line that is not an answer (40 bytes)", lastError);
        Assert.DoesNotContain("SSH", lastError, StringComparison.Ordinal);
        Assert.DoesNotContain("Ubuntu", lastError, StringComparison.Ordinal);
    }
}
