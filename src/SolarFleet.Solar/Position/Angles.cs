namespace SolarFleet.Solar.Position;

internal static class Angles
{
    /// <summary>The same angle within [-180, 180) degrees.</summary>
    public static double Normalize180(double degrees)
    {
        var reduced = (degrees + 180) % 360;
        return (reduced < 0 ? reduced + 360 : reduced) - 180;
    }
}
