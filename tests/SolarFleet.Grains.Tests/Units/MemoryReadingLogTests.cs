using SolarFleet.Grains.Energy;

namespace SolarFleet.Grains.Tests.Units;

public sealed class MemoryReadingLogTests
{
    [Fact]
    public void Keeps_the_most_recent_readings_up_to_its_capacity_oldest_first()
    {
        var log = new MemoryReadingLog(capacity: 3);
        for (var i = 1; i <= 5; i++)
        {
            log.Append(new InverterReadingRecord("s", "i", DateTimeOffset.UnixEpoch.AddSeconds(i), null, i, null, null, 7, null, null, null));
        }

        Assert.Equal(5, log.Appended);
        Assert.Equal([3, 4, 5], log.Recent().Select(reading => reading.PowerW));
    }

    [Fact]
    public void Rejects_a_capacity_below_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryReadingLog(0));
}
