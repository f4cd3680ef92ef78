using SolarFleet.Abstractions.Inverters;
using SolarFleet.Solar;
using SolarFleet.Solar.Sky;

namespace SolarFleet.Grains.Underproduction;

/// <summary>
/// An inverter's yield over a window as its neighbours are compared: energy per watt of nameplate, and for an array
/// with a known tilt or azimuth, scaled to a reference array (20° facing the equator) by the two arrays' clear-sky
/// insolation over the window. An east-facing roof makes half a south-facing one's yield on a clear afternoon; scaled,
/// both read the same, and clouds still dim them alike.
/// </summary>
public static class PeerYields
{
    /// <summary>The yield, or null when the window holds too little clear-sky light to scale by (the sun behind the array).</summary>
    public static double? Of(CompletedYield window, InverterSettings settings, double latitude, double longitude)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.DcCapacityW is not { } capacity || capacity <= 0)
        {
            return null;
        }

        var yield = window.EnergyWh / (double)capacity;
        if (settings.TiltDegrees is null && settings.AzimuthDegrees is null)
        {
            return yield;
        }

        var site = new GeoPoint(latitude, longitude);
        var own = ArrayOrientation.Of(settings, latitude);
        var reference = ArrayOrientation.Reference(latitude);
        var step = window.Window.IsDay ? TimeSpan.FromMinutes(15) : TimeSpan.FromMinutes(5);
        var ownLight = ClearSky.Insolation(site, window.Window.Start, window.Window.End, own, step: step);
        var referenceLight = ClearSky.Insolation(site, window.Window.Start, window.Window.End, reference, step: step);
        return ownLight < 0.1 * referenceLight || ownLight <= 0 ? null : yield * referenceLight / ownLight;
    }
}
