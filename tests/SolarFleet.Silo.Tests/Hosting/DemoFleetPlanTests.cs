using SolarFleet.Silo.Demo;
using SolarFleet.Simulator.Sites;

namespace SolarFleet.Silo.Tests.Hosting;

/// <summary>On real time the demo still shows a producing fleet: it starts with the homes where the sun is up.</summary>
public sealed class DemoFleetPlanTests
{
    public static TheoryData<string> Days => ["2026-06-21", "2026-12-21", "2026-03-20"];

    [Theory]
    [MemberData(nameof(Days))]
    public void Whatever_the_hour_the_demo_homes_have_had_the_sun_up_half_an_hour_and_keep_it_for_two_more(string day)
    {
        var midnight = DateTimeOffset.Parse(day + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        for (var minutes = 0; minutes < 24 * 60; minutes += 20)
        {
            var now = midnight.AddMinutes(minutes);
            var plan = DemoFleetPlan.At(now);

            Assert.Equal(DemoFleetPlan.SiteCount, plan.Sites.Select(s => s.TimeZone).Distinct(StringComparer.Ordinal).Count());
            foreach (var home in plan.Sites)
            {
                var site = new SimulatedSite(home.Id, home.Latitude, home.Longitude, home.TimeZone);
                var sun = site.SunTimesOn(DateOnly.FromDateTime(site.LocalTime(now)));
                Assert.True(
                    sun.Sunrise <= now.AddMinutes(-30) && now.AddHours(2) <= sun.Sunset,
                    $"{home.Id} at {now:u}: sun {sun.Sunrise:t}-{sun.Sunset:t} local");
            }
        }
    }
}
