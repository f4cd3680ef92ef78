using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Sites;

namespace SolarFleet.Grains.Tests.Units;

public sealed class SiteRegistrationTests
{
    private static readonly SiteSettings Berlin = new("Berlin home", "Europe/Berlin", 52.52, 13.40);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 21, 22, 30, 0, TimeSpan.Zero));

    [Fact]
    public void A_site_is_new_once_then_a_repeat_changes_nothing_a_new_name_renames_and_a_new_zone_or_place_moves_it()
    {
        var state = new SiteState();

        Assert.Equal(SiteChange.New, SiteRegistration.Configure(state, Berlin));
        Assert.Equal(SiteChange.None, SiteRegistration.Configure(state, Berlin));
        Assert.Equal(SiteChange.Renamed, SiteRegistration.Configure(state, Berlin with { Name = "Home" }));
        Assert.Equal(SiteChange.Moved, SiteRegistration.Configure(state, Berlin with { Latitude = 52.0 }));
        Assert.Equal(SiteChange.Moved, SiteRegistration.Configure(state, Berlin with { Latitude = 52.0, TimeZone = "Europe/Paris" }));
        Assert.Equal(Berlin with { Latitude = 52.0, TimeZone = "Europe/Paris" }, SiteRegistration.LiveSettings(state));
    }

    [Fact]
    public void A_removed_site_keeps_its_first_removal_time_and_comes_back_as_new_with_the_same_settings()
    {
        var state = new SiteState();
        SiteRegistration.Configure(state, Berlin);

        var removedAt = SiteRegistration.Remove(state, _time, out var wasLive);
        _time.Advance(TimeSpan.FromHours(1));
        var again = SiteRegistration.Remove(state, _time, out var wasLiveAgain);

        Assert.True(wasLive);
        Assert.False(wasLiveAgain);
        Assert.Equal(removedAt, again);
        Assert.Null(SiteRegistration.LiveSettings(state));
        Assert.Equal(SiteChange.New, SiteRegistration.Configure(state, Berlin));
        Assert.Null(state.RemovedAt);
    }

    [Fact]
    public void A_removed_site_shows_nothing_produced_on_its_own_date_until_its_retention_is_over()
    {
        var removedAt = _time.GetUtcNow();
        var snapshot = SiteRegistration.RemovedSnapshot("berlin", Berlin, removedAt, _time.GetUtcNow());

        // 22:30 UTC is already the next day in Berlin.
        Assert.Equal(new DateOnly(2026, 6, 22), snapshot.Summary.LocalDate);
        Assert.Equal(0, snapshot.Summary.EnergyTodayWh);
        Assert.Empty(snapshot.Inverters);
        Assert.Equal(removedAt, snapshot.RemovedAt);
        Assert.False(SiteRegistration.IsExpired(removedAt, removedAt + TimeSpan.FromDays(30), TimeSpan.FromDays(30)));
        Assert.True(SiteRegistration.IsExpired(removedAt, removedAt + TimeSpan.FromDays(30) + TimeSpan.FromTicks(1), TimeSpan.FromDays(30)));
    }
}
