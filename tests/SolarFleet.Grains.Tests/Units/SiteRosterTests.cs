using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Grains.Sites;

namespace SolarFleet.Grains.Tests.Units;

public sealed class SiteRosterTests
{
    private static readonly InverterSettings Roof = new("10.0.0.2", 50000);
    private static readonly InverterSettings Garage = new("10.0.0.3", 50000);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 21, 12, 0, 0, TimeSpan.Zero));
    private readonly SiteState _state = new();
    private readonly SiteRoster _roster;

    public SiteRosterTests() => _roster = new SiteRoster(_time, ledgerDaysInState: 3);

    [Fact]
    public void A_removed_inverter_is_remembered_until_its_held_ledger_dates_are_a_day_past()
    {
        SiteRoster.Upsert(_state, "roof", Roof);

        _roster.Forget(_state, ["roof"]);
        Assert.Empty(_state.Inverters);
        Assert.Equal(["roof"], SiteRoster.LedgerHolders(_state));

        _time.Advance(TimeSpan.FromDays(4));
        _roster.Forget(_state, []);
        Assert.Equal(["roof"], SiteRoster.LedgerHolders(_state));

        _time.Advance(TimeSpan.FromSeconds(1));
        _roster.Forget(_state, []);
        Assert.Empty(SiteRoster.LedgerHolders(_state));
    }

    [Fact]
    public void Putting_an_inverter_back_on_the_site_stops_remembering_it_as_removed_and_a_repeat_changes_nothing()
    {
        SiteRoster.Upsert(_state, "roof", Roof);
        _roster.Forget(_state, ["roof"]);

        Assert.True(SiteRoster.Upsert(_state, "roof", Roof));
        Assert.False(SiteRoster.Upsert(_state, "roof", Roof));
        Assert.True(SiteRoster.Upsert(_state, "roof", Roof with { Port = 50001 }));
        Assert.Empty(_state.RemovedInverters);
    }

    [Fact]
    public void Replacing_the_inverters_removes_those_left_out_and_the_same_list_again_changes_nothing()
    {
        SiteRoster.Upsert(_state, "roof", Roof);
        SiteRoster.Upsert(_state, "shed", Roof);

        Assert.True(_roster.Replace(_state, new Dictionary<string, InverterSettings> { ["roof"] = Roof, ["garage"] = Garage }, out var removed));
        Assert.Equal(["shed"], removed);
        Assert.Equal(["garage", "roof"], _state.Inverters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["shed"], _state.RemovedInverters.Keys);

        Assert.False(_roster.Replace(_state, new Dictionary<string, InverterSettings> { ["garage"] = Garage, ["roof"] = Roof }, out removed));
        Assert.Empty(removed);
        Assert.True(_roster.Replace(_state, new Dictionary<string, InverterSettings> { ["garage"] = Garage, ["roof"] = Garage }, out removed));
        Assert.Empty(removed);
    }
}
