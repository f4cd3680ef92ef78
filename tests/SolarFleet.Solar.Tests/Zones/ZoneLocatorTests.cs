using SolarFleet.Solar.Zones;

namespace SolarFleet.Solar.Tests.Zones;

public sealed class ZoneLocatorTests : IDisposable
{
    // Lines in tzdata's zone.tab format (tzdata 2025b), including the seconds form and a comment.
    private const string Table = """
        # tzdb timezone descriptions
        #country-
        #code	coordinates	TZ	comments
        AU	-3352+15113	Australia/Sydney	New South Wales (most areas)
        DE	+5230+01322	Europe/Berlin	most of Germany
        US	+340308-1181434	America/Los_Angeles	Pacific
        XX	not-a-place	Nowhere/Garbage
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("solarfleet-zones-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("America/Los_Angeles", 34 + (3 / 60.0) + (8 / 3600.0), -(118 + (14 / 60.0) + (34 / 3600.0)))]
    [InlineData("Europe/Berlin", 52.5, 13 + (22 / 60.0))]
    [InlineData("Australia/Sydney", -(33 + (52 / 60.0)), 151 + (13 / 60.0))]
    public void A_zone_is_placed_at_its_principal_city(string zoneId, double latitude, double longitude)
    {
        var located = Locator().Locate(zoneId);

        Assert.NotNull(located);
        Assert.True(located.IsApproximate);
        Assert.Equal(zoneId, located.ApproximatedFromZone);
        Assert.Equal(latitude, located.Point.Latitude, 1e-9);
        Assert.Equal(longitude, located.Point.Longitude, 1e-9);
    }

    [Theory]
    [InlineData("Etc/UTC")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Nowhere/Garbage")]
    public void A_zone_without_a_city_or_a_malformed_line_locates_nothing(string zoneId)
    {
        Assert.Null(Locator().Locate(zoneId));
    }

    [Fact]
    public void Without_the_table_nothing_is_located()
    {
        var locator = new ZoneLocator(Path.Combine(_directory, "missing.tab"));

        Assert.Null(locator.Locate("America/Los_Angeles"));
    }

    [Fact]
    public void The_first_table_that_exists_is_read()
    {
        var locator = new ZoneLocator(Path.Combine(_directory, "zone.tab"), Write("zone1970.tab"));

        Assert.NotNull(locator.Locate("Europe/Berlin"));
    }

    [Fact]
    public void A_link_is_placed_at_the_city_of_the_zone_it_copies()
    {
        var locator = Locator();

        Assert.Equal(locator.Locate("America/Los_Angeles")?.Point, locator.Locate("US/Pacific")?.Point);
        Assert.Equal(locator.Locate("Australia/Sydney")?.Point, locator.Locate("Australia/NSW")?.Point);
        Assert.Equal("US/Pacific", locator.Locate("US/Pacific")?.ApproximatedFromZone);
    }

    [Fact]
    public void A_Windows_zone_is_placed_at_the_city_of_its_primary_IANA_zone()
    {
        var locator = Locator();
        var pacific = TimeZoneInfo.FindSystemTimeZoneById("Pacific Standard Time");

        Assert.Equal(locator.Locate("America/Los_Angeles"), locator.Locate(pacific));
        Assert.Equal("America/Los_Angeles", locator.Locate(pacific)?.ApproximatedFromZone);
        Assert.Null(locator.Locate(TimeZoneInfo.Utc));
    }

    [Fact]
    public void The_systems_tzdata_places_the_principal_zones_and_their_links()
    {
        var locator = ZoneLocator.Default;

        Assert.Equal(new GeoPoint(34 + (3 / 60.0) + (8 / 3600.0), -(118 + (14 / 60.0) + (34 / 3600.0))), locator.Locate("America/Los_Angeles")?.Point);
        Assert.Equal(locator.Locate("America/Los_Angeles")?.Point, locator.Locate("US/Pacific")?.Point);
        Assert.Equal(new GeoPoint(52.5, 13 + (22 / 60.0)), locator.Locate("Europe/Berlin")?.Point);
        Assert.Equal(new GeoPoint(-(33 + (52 / 60.0)), 151 + (13 / 60.0)), locator.Locate("Australia/Sydney")?.Point);
        Assert.Equal(locator.Locate("Asia/Kolkata")?.Point, locator.Locate("Asia/Calcutta")?.Point);
        Assert.NotNull(locator.Locate("Asia/Kolkata"));
        Assert.Null(locator.Locate("Etc/UTC"));
    }

    [Fact]
    public void A_site_is_placed_at_its_own_coordinates_when_it_has_them_and_at_its_zones_city_otherwise()
    {
        var locator = Locator();
        var home = new GeoPoint(37.4419, -122.143);

        var exact = SiteLocation.Of(home, "America/Los_Angeles", locator);
        var approximate = SiteLocation.Of(null, "America/Los_Angeles", locator);

        Assert.Equal(SiteLocation.Exact(home), exact);
        Assert.False(exact!.IsApproximate);
        Assert.Null(exact.ApproximatedFromZone);
        Assert.Equal(locator.Locate("America/Los_Angeles"), approximate);
        Assert.True(approximate!.IsApproximate);
        Assert.Null(SiteLocation.Of(null, "Mars/Olympus_Mons", locator));
        Assert.Null(SiteLocation.Of(null, null, locator));
    }

    private ZoneLocator Locator() => new(Write("zone.tab"));

    private string Write(string name)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, Table.Replace("\r\n", "\n", StringComparison.Ordinal));
        return path;
    }
}
