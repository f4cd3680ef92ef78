using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Sites;

namespace SolarFleet.Silo.Demo;

/// <summary>
/// The demo fleet: three homes and thirteen Pis, one of them reporting an inverter fault and one unreachable, so every
/// part of the dashboard and API has something to show. The homes are the three of <see cref="Homes"/> where it is
/// nearest late morning when the demo starts, so on real time the fleet produces whatever the hour.
/// </summary>
public sealed class DemoFleetPlan
{
    public const int PiCount = 13;

    public const int SiteCount = 3;

    // Late morning by the sun: production now, and hours of it to come.
    private const double TargetSolarHour = 11;

    private static readonly TimeSpan SunUpFor = TimeSpan.FromMinutes(30);

    private DemoFleetPlan(IReadOnlyList<DemoSite> sites) => Sites = sites;

    /// <summary>Homes around the world, no more than three hours of sun apart, so three are always in daylight.</summary>
    public static IReadOnlyList<DemoSite> Homes { get; } =
    [
        new("honolulu-kealoha", "Kealoha home, Honolulu", 21.31, -157.86, "Pacific/Honolulu"),
        new("sunnyvale-lee", "Lee family, Sunnyvale", 37.37, -122.04, "America/Los_Angeles"),
        new("phoenix-garcia", "Garcia residence, Phoenix", 33.45, -112.07, "America/Phoenix"),
        new("boston-okafor", "Okafor home, Boston", 42.36, -71.06, "America/New_York"),
        new("sao-paulo-silva", "Silva family, Sao Paulo", -23.55, -46.63, "America/Sao_Paulo"),
        new("lisbon-ferreira", "Ferreira house, Lisbon", 38.72, -9.14, "Europe/Lisbon"),
        new("athens-papadopoulos", "Papadopoulos home, Athens", 37.98, 23.73, "Europe/Athens"),
        new("nairobi-wanjiru", "Wanjiru home, Nairobi", -1.29, 36.82, "Africa/Nairobi"),
        new("dubai-haddad", "Haddad villa, Dubai", 25.20, 55.27, "Asia/Dubai"),
        new("bengaluru-rao", "Rao family, Bengaluru", 12.97, 77.59, "Asia/Kolkata"),
        new("bangkok-srisai", "Srisai house, Bangkok", 13.75, 100.50, "Asia/Bangkok"),
        new("perth-nguyen", "Nguyen home, Perth", -31.95, 115.86, "Australia/Perth"),
        new("tokyo-sato", "Sato residence, Tokyo", 35.68, 139.69, "Asia/Tokyo"),
        new("brisbane-walker", "Walker family, Brisbane", -27.47, 153.03, "Australia/Brisbane"),
        new("auckland-ngata", "Ngata home, Auckland", -36.85, 174.76, "Pacific/Auckland"),
    ];

    /// <summary>The demo's homes; Pis are dealt to them in turn: Pi i belongs to Sites[i % SiteCount].</summary>
    public IReadOnlyList<DemoSite> Sites { get; }

    /// <summary>The misbehaving Pis, by index.</summary>
    public static IReadOnlyDictionary<int, PiFaultModes> Faults { get; } = new Dictionary<int, PiFaultModes>
    {
        [4] = PiFaultModes.FaultStatus,
        [8] = PiFaultModes.RefuseConnections,
    };

    /// <summary>
    /// The plan for a demo starting at <paramref name="now"/>: the homes where the sun has risen and will not set for a
    /// while, nearest late morning first.
    /// </summary>
    public static DemoFleetPlan At(DateTimeOffset now) =>
        new(Homes.OrderByDescending(home => InDaylight(home, now)).ThenBy(home => SolarHoursFrom(TargetSolarHour, home, now)).Take(SiteCount).ToArray());

    public static string InverterId(int piIndex) => $"inv-{piIndex / SiteCount + 1}";

    private static bool InDaylight(DemoSite home, DateTimeOffset now)
    {
        var site = new SimulatedSite(home.Id, home.Latitude, home.Longitude, home.TimeZone);
        var sun = site.SunTimesOn(DateOnly.FromDateTime(site.LocalTime(now)));
        return sun.Sunrise <= now - SunUpFor && now + SunUpFor * 4 <= sun.Sunset;
    }

    /// <summary>How far, in hours either way, the home's local solar time is from <paramref name="hour"/>.</summary>
    private static double SolarHoursFrom(double hour, DemoSite home, DateTimeOffset now)
    {
        var solar = now.UtcDateTime.TimeOfDay.TotalHours + home.Longitude / 15;
        var apart = Math.Abs(((solar - hour) % 24 + 24) % 24);
        return Math.Min(apart, 24 - apart);
    }
}
