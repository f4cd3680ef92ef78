using System.Globalization;
using SolarFleet.Simulator.Sites;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>
/// A site where it is around midday right now, whatever time the tests run: an equatorial site in the fixed-offset
/// IANA zone whose local time is nearest noon, at the longitude whose solar noon matches that zone.
/// </summary>
public static class DaylightSite
{
    public static (string TimeZone, double Latitude, double Longitude) Now()
    {
        var utc = DateTimeOffset.UtcNow;
        var offset = (int)Math.Round(12 - utc.TimeOfDay.TotalHours);
        if (offset < -12)
        {
            offset += 24;
        }

        if (offset > 12)
        {
            offset -= 24;
        }

        // Etc/GMT zones have the sign inverted: Etc/GMT-3 is UTC+3.
        var zone = offset == 0 ? "Etc/GMT" : string.Create(CultureInfo.InvariantCulture, $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}");
        return (zone, 0.0, offset * 15.0);
    }

    public static SimulatedSite Simulated(string name)
    {
        var (zone, latitude, longitude) = Now();
        return new SimulatedSite(name, latitude, longitude, zone);
    }
}
