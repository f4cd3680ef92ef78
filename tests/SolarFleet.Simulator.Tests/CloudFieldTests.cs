using SolarFleet.Simulator.Solar;

namespace SolarFleet.Simulator.Tests;

/// <summary>The regional cloud field: deterministic, drifting with the wind, covering about the share asked for.</summary>
public sealed class CloudFieldTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_clear_sky_lets_all_the_light_through()
    {
        Assert.Equal(1, CloudField.Clear.Transmittance(37.4, -122.1, Noon));
    }

    [Fact]
    public void The_same_seed_gives_the_same_sky_and_another_seed_another()
    {
        var samples = Enumerable.Range(0, 200).Select(i => (Lat: 37.2 + (i * 0.002), Time: Noon.AddMinutes(i))).ToArray();

        var first = samples.Select(s => new CloudField(7, 0.5).Transmittance(s.Lat, -122.1, s.Time)).ToArray();
        var again = samples.Select(s => new CloudField(7, 0.5).Transmittance(s.Lat, -122.1, s.Time)).ToArray();
        var other = samples.Select(s => new CloudField(8, 0.5).Transmittance(s.Lat, -122.1, s.Time)).ToArray();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void A_site_downwind_sees_the_clouds_its_upwind_neighbour_saw_earlier()
    {
        // Wind from the west at 30 km/h: 5 km further east is 10 minutes later.
        var field = new CloudField(3, 0.5, windKmh: 30, windFromDegrees: 270);
        const double latitude = 37.4;
        var kmPerDegree = 111.32 * Math.Cos(latitude * Math.PI / 180);
        for (var minute = 0; minute < 120; minute += 7)
        {
            var upwind = field.Transmittance(latitude, -122.2, Noon.AddMinutes(minute));
            var downwind = field.Transmittance(latitude, -122.2 + (5 / kmPerDegree), Noon.AddMinutes(minute + 10));
            Assert.Equal(upwind, downwind, 6);
        }
    }

    [Fact]
    public void Half_cover_dims_about_half_the_samples_and_never_below_the_clouds_opacity()
    {
        var field = new CloudField(11, 0.5, opacity: 0.7);
        var samples = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            for (var minute = 0; minute < 600; minute += 10)
            {
                samples.Add(field.Transmittance(37.2 + (i * 0.01), -122.3 + (i * 0.007), Noon.AddMinutes(minute)));
            }
        }

        Assert.All(samples, t => Assert.InRange(t, 0.3 - 1e-9, 1));
        Assert.InRange(samples.Count(t => t < 0.9) / (double)samples.Count, 0.3, 0.7);
    }
}
