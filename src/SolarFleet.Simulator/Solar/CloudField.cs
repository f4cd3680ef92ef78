using SolarFleet.Simulator.Inverter;

namespace SolarFleet.Simulator.Solar;

/// <summary>
/// A deterministic field of cumulus drifting with the wind over a region. What a point lets through (1 in the clear,
/// down to 1 - <see cref="Opacity"/> under a thick cloud) depends only on where it is and when, so neighbours see the
/// same clouds a few minutes apart and places tens of kilometres apart see different ones: the correlated dimming
/// peer comparison must not mistake for a fault.
/// </summary>
public sealed class CloudField
{
    private const double KmPerDegreeLatitude = 110.57;
    private const double KmPerDegreeLongitudeAtEquator = 111.32;
    private const double RegionKm = 30;
    private const ulong RegionStream = 11;
    private const ulong CloudStream = 12;
    private const ulong DetailStream = 13;

    // Hours are counted from here so positions stay small numbers (precise doubles) for any date of interest.
    private static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly ulong _seed;
    private readonly double _towardEastKmh;
    private readonly double _towardNorthKmh;

    /// <param name="seed">Which clouds: the same seed always gives the same sky.</param>
    /// <param name="cover">About the share of the sky covered, 0 (clear) to 1 (overcast).</param>
    /// <param name="windKmh">How fast the clouds drift.</param>
    /// <param name="windFromDegrees">Where the wind comes from, degrees clockwise from north.</param>
    /// <param name="cloudKm">Typical size of a cloud.</param>
    /// <param name="opacity">Share of the light a thick cloud takes away (diffuse light still gets through).</param>
    public CloudField(long seed, double cover, double windKmh = 30, double windFromDegrees = 250, double cloudKm = 2, double opacity = 0.7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cover, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cover, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(windKmh);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cloudKm);
        ArgumentOutOfRangeException.ThrowIfLessThan(opacity, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(opacity, 1);
        _seed = DeterministicNoise.Mix((ulong)seed);
        Cover = cover;
        WindKmh = windKmh;
        CloudKm = cloudKm;
        Opacity = opacity;
        var toward = (windFromDegrees + 180) * Math.PI / 180;
        _towardEastKmh = windKmh * Math.Sin(toward);
        _towardNorthKmh = windKmh * Math.Cos(toward);
    }

    /// <summary>A sky without a cloud.</summary>
    public static CloudField Clear { get; } = new(0, 0);

    public double Cover { get; }

    public double WindKmh { get; }

    public double CloudKm { get; }

    public double Opacity { get; }

    /// <summary>Share of the light that reaches a point at an instant: 1 - <see cref="Opacity"/> to 1.</summary>
    public double Transmittance(double latitude, double longitude, DateTimeOffset at) => Transmittance(latitude, longitude, at.UtcTicks);

    internal double Transmittance(double latitude, double longitude, long utcTicks)
    {
        if (Cover <= 0 || Opacity <= 0)
        {
            return 1;
        }

        // The field drifts: a point sees the part of it that was upwind of it earlier.
        var hours = (utcTicks - EpochTicks) / (double)TimeSpan.TicksPerHour;
        var x = (longitude * KmPerDegreeLongitudeAtEquator * Math.Cos(latitude * Math.PI / 180)) - (_towardEastKmh * hours);
        var y = (latitude * KmPerDegreeLatitude) - (_towardNorthKmh * hours);

        // Some parts of a region are cloudier than others; within them, clouds of about CloudKm with ragged edges.
        var local = Math.Clamp(Cover + (0.5 * (Value(x / RegionKm, y / RegionKm, RegionStream) - 0.5)), 0, 1);
        var cloud = (0.65 * Value(x / CloudKm, y / CloudKm, CloudStream)) + (0.35 * Value(x * 2.5 / CloudKm, y * 2.5 / CloudKm, DetailStream));
        var edge = 0.5 + ((0.5 - local) * 0.55);
        var density = SmoothStep(edge - 0.05, edge + 0.05, cloud);
        return 1 - (Opacity * density);
    }

    private static double SmoothStep(double from, double to, double value)
    {
        var t = Math.Clamp((value - from) / (to - from), 0, 1);
        return t * t * (3 - (2 * t));
    }

    // Value noise on a unit lattice: smooth between seeded corner values.
    private double Value(double x, double y, ulong stream)
    {
        var cellX = Math.Floor(x);
        var cellY = Math.Floor(y);
        var tx = Fade(x - cellX);
        var ty = Fade(y - cellY);
        var ix = (long)cellX;
        var iy = (long)cellY;
        var a = Corner(ix, iy, stream);
        var b = Corner(ix + 1, iy, stream);
        var c = Corner(ix, iy + 1, stream);
        var d = Corner(ix + 1, iy + 1, stream);
        var bottom = a + ((b - a) * tx);
        var top = c + ((d - c) * tx);
        return bottom + ((top - bottom) * ty);
    }

    private double Corner(long x, long y, ulong stream) =>
        DeterministicNoise.Uniform(_seed, (long)DeterministicNoise.Mix((ulong)x) ^ y, stream);

    private static double Fade(double t) => t * t * (3 - (2 * t));
}
