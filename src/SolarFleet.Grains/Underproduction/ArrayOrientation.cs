using SolarFleet.Abstractions.Inverters;
using SolarFleet.Solar.Sky;

namespace SolarFleet.Grains.Underproduction;

/// <summary>Which way an inverter's array faces: as registered, with what is not given taken from the reference array.</summary>
public static class ArrayOrientation
{
    /// <summary>The reference array's tilt: a typical pitched roof.</summary>
    public const double ReferenceTiltDegrees = 20;

    /// <summary>The reference array: 20° facing the equator.</summary>
    public static PanelOrientation Reference(double latitude) => new(ReferenceTiltDegrees, EquatorAzimuth(latitude));

    /// <summary>The array as registered; a tilt or azimuth not given is the reference array's.</summary>
    public static PanelOrientation Of(InverterSettings settings, double latitude)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new PanelOrientation(settings.TiltDegrees ?? ReferenceTiltDegrees, settings.AzimuthDegrees ?? EquatorAzimuth(latitude));
    }

    private static double EquatorAzimuth(double latitude) => latitude >= 0 ? 180.0 : 0.0;
}
