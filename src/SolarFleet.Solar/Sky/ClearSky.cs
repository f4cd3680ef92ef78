using SolarFleet.Solar.Position;

namespace SolarFleet.Solar.Sky;

/// <summary>Expected sunlight under a cloudless sky, on the level or on an array, at an instant or over an interval.</summary>
public static class ClearSky
{
    /// <summary>The step at which <see cref="Insolation"/> samples the sky.</summary>
    public static readonly TimeSpan DefaultStep = TimeSpan.FromMinutes(5);

    /// <summary>Global horizontal irradiance in W/m² at a site and instant; 0 while the sun is down.</summary>
    /// <param name="model">Haurwitz when null.</param>
    public static double Ghi(GeoPoint site, DateTimeOffset instant, ClearSkyModel? model = null) =>
        PlaneOfArray(SolarPosition.At(site, instant), null, model);

    /// <summary>Irradiance in W/m² on an array at a site and instant; 0 while the sun is down.</summary>
    /// <param name="model">Haurwitz when null.</param>
    public static double PlaneOfArray(GeoPoint site, DateTimeOffset instant, PanelOrientation orientation, ClearSkyModel? model = null) =>
        PlaneOfArray(SolarPosition.At(site, instant), orientation, model);

    /// <summary>Irradiance in W/m² on an array (on the level when <paramref name="orientation"/> is null).</summary>
    /// <param name="model">Haurwitz when null.</param>
    public static double PlaneOfArray(SunPosition sun, PanelOrientation? orientation = null, ClearSkyModel? model = null)
    {
        var light = (model ?? ClearSkyModel.Haurwitz).At(sun);
        return orientation is { } panel ? IsotropicSky.PlaneOfArray(light, sun, panel) : light.Global;
    }

    /// <summary>
    /// Clear-sky energy reaching a square metre of an array over [<paramref name="from"/>, <paramref name="to"/>), in
    /// Wh/m²: the plane-of-array irradiance at the middle of each step, times the step.
    /// </summary>
    /// <param name="model">Haurwitz when null.</param>
    /// <param name="step"><see cref="DefaultStep"/> when null; the last step ends at <paramref name="to"/>.</param>
    public static double Insolation(
        GeoPoint site, DateTimeOffset from, DateTimeOffset to, PanelOrientation? orientation = null, ClearSkyModel? model = null, TimeSpan? step = null)
    {
        if (to < from)
        {
            throw new ArgumentException($"The interval ends ({to:O}) before it starts ({from:O}).", nameof(to));
        }

        var stepTicks = (step ?? DefaultStep).Ticks;
        if (stepTicks <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");
        }

        var sky = model ?? ClearSkyModel.Haurwitz;
        var endTicks = to.UtcTicks;
        var wattHours = 0.0;
        for (var start = from.UtcTicks; start < endTicks; start += stepTicks)
        {
            var length = Math.Min(stepTicks, endTicks - start);
            var middle = new DateTimeOffset(start + (length / 2), TimeSpan.Zero);
            wattHours += PlaneOfArray(SolarPosition.At(site, middle), orientation, sky) * length / TimeSpan.TicksPerHour;
        }

        return wattHours;
    }
}
