using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans;
using Orleans.Configuration;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Inverters;
using SolarFleet.Grains.Tests.Support;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Grains.Tests.Cluster;

public sealed class InverterGrainTests : IAsyncLifetime
{
    private const string Site = "home";
    private static readonly DateTimeOffset Start = new(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(InverterSettings.DefaultPollSeconds);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly ScriptedPiClient _pis;
    private GrainCluster _cluster = null!;

    public InverterGrainTests() => _pis = new ScriptedPiClient(_time);

    public async ValueTask InitializeAsync()
    {
        _cluster = await GrainCluster.StartAsync(_pis, _time);
        await _cluster.Site(Site).Configure(new SiteSettings("Home", "UTC"));
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task An_unregistered_inverter_has_no_snapshot()
    {
        Assert.Null(await _cluster.Inverter(Site, "nobody").GetSnapshot());
    }

    [Fact]
    public async Task Polls_once_registered_and_shows_what_the_pi_said()
    {
        _pis.Answer(50_001, now => Generating(now, power: 2984, today: 12_345));

        await _cluster.Site(Site).UpsertInverter("inv", Settings(50_001));
        var snapshot = await _cluster.PolledAsync(Site, "inv", Start);

        Assert.Equal(InverterHealth.Online, snapshot.Health);
        Assert.Equal(2984, snapshot.PowerW);
        Assert.Equal(12_345, snapshot.EnergyTodayWh);
        Assert.Equal(new DateOnly(2026, 6, 21), snapshot.LocalDate);
        Assert.Equal("Generating", snapshot.StatusText);
        Assert.Equal(240.5, snapshot.GridVoltageV);
        Assert.Null(snapshot.LastError);
    }

    [Fact]
    public async Task Polls_at_its_period_and_a_repeated_configure_neither_polls_nor_retimes()
    {
        _pis.Answer(50_002, now => Generating(now));
        await _cluster.Site(Site).UpsertInverter("inv", Settings(50_002));
        await _cluster.PolledAsync(Site, "inv", Start);

        _time.Advance(TimeSpan.FromSeconds(10));
        await _cluster.Site(Site).UpsertInverter("inv", Settings(50_002));
        await _cluster.Inverter(Site, "inv").Configure(new InverterRegistration(Site, "inv", "UTC", Settings(50_002)));
        _time.Advance(TimeSpan.FromSeconds(12));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(1, _pis.PollCount(50_002));

        _time.Advance(TimeSpan.FromSeconds(1));
        await _cluster.PolledAsync(Site, "inv", Start + Period);
        Assert.Equal([Start, Start + Period], _pis.PollTimes(50_002));
    }

    [Fact]
    public async Task A_new_address_takes_effect_at_once_without_a_restart()
    {
        _pis.Answer(50_003, now => Generating(now, power: 100));
        _pis.Answer(50_004, now => Generating(now, power: 200));
        await _cluster.Site(Site).UpsertInverter("inv", Settings(50_003));
        await _cluster.PolledAsync(Site, "inv", Start);

        _time.Advance(TimeSpan.FromSeconds(5));
        await _cluster.Site(Site).UpsertInverter("inv", Settings(50_004));
        var snapshot = await _cluster.PolledAsync(Site, "inv", Start + TimeSpan.FromSeconds(5));

        Assert.Equal(200, snapshot.PowerW);
        Assert.Equal(50_004, snapshot.Settings.Port);
        Assert.Equal(1, _pis.PollCount(50_003));
    }

    [Fact]
    public async Task Removing_stops_polling_and_forgets_the_state_and_the_site_not_the_inverter_holds_the_reminder()
    {
        _pis.Answer(50_005, now => Generating(now));
        await _cluster.Site(Site).UpsertInverter("inv", Settings(50_005));
        await _cluster.PolledAsync(Site, "inv", Start);
        Assert.True(await HasReminder(_cluster.Site(Site)));
        Assert.False(await HasReminder(_cluster.Inverter(Site, "inv")));

        Assert.True(await _cluster.Site(Site).RemoveInverter("inv"));
        Assert.False(await _cluster.Site(Site).RemoveInverter("inv"));
        _time.Advance(Period * 3);
        await Task.Delay(100, TestContext.Current.CancellationToken);

        Assert.Equal(1, _pis.PollCount(50_005));
        Assert.Null(await _cluster.Inverter(Site, "inv").GetSnapshot());
        Assert.True(await HasReminder(_cluster.Site(Site)));

        await _cluster.Site(Site).Remove();
        Assert.False(await HasReminder(_cluster.Site(Site)));
    }

    [Fact]
    public async Task Rejects_bad_registrations_with_a_clear_message()
    {
        var inverter = _cluster.Inverter(Site, "inv");

        var port = await Assert.ThrowsAsync<ArgumentException>(() => inverter.Configure(new InverterRegistration(Site, "inv", "UTC", Settings(80))));
        Assert.Contains("49152-65535", port.Message, StringComparison.Ordinal);
        var zone = await Assert.ThrowsAsync<ArgumentException>(() => inverter.Configure(new InverterRegistration(Site, "inv", "Mars/Olympus", Settings(50_006))));
        Assert.Contains("Mars/Olympus", zone.Message, StringComparison.Ordinal);
        var period = await Assert.ThrowsAsync<ArgumentException>(() => inverter.Configure(new InverterRegistration(Site, "inv", "UTC", Settings(50_006) with { PollSeconds = 2 })));
        Assert.Contains("5-3600", period.Message, StringComparison.Ordinal);
        var key = await Assert.ThrowsAsync<ArgumentException>(() => inverter.Configure(new InverterRegistration(Site, "other", "UTC", Settings(50_006))));
        Assert.Contains("home/other", key.Message, StringComparison.Ordinal);
        Assert.Null(await inverter.GetSnapshot());
    }

    [Fact]
    public async Task Reads_and_changes_answer_while_a_poll_waits_on_a_slow_pi()
    {
        var answer = _pis.Hang(50_007);
        await _cluster.Site(Site).UpsertInverter("inv", Settings(50_007));
        await Eventually.True(() => _pis.PollCount(50_007) == 1, "the poll went out");

        var snapshot = await _cluster.Inverter(Site, "inv").GetSnapshot().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(InverterHealth.Pending, snapshot!.Health);
        await _cluster.Inverter(Site, "inv").GetHeldLedger(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30)).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await _cluster.Site(Site).UpsertInverter("inv", Settings(50_007) with { PollSeconds = 60 }).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        answer.SetResult(PiPollResult.Success(Generating(Start), TimeSpan.FromSeconds(8)));
        var polled = await _cluster.PolledAsync(Site, "inv", Start);
        Assert.Equal(60, polled.Settings.PollSeconds);
        Assert.Equal(1, _pis.MaxInFlight(50_007));
    }

    [Fact]
    public async Task Backs_off_while_the_pi_fails_turns_unreachable_and_recovers_at_once()
    {
        _pis.Fail(50_008, PiFailureKind.ConnectionRefused, "Connection refused by 127.0.0.1:50008.");
        await _cluster.Site(Site).UpsertInverter("inv", Settings(50_008));

        // Failures at 0, then after 46 s, 92 s, 184 s, and from then on every 300 s (the cap).
        var expected = new[] { 0, 46, 138, 322, 622, 922 }.Select(s => Start + TimeSpan.FromSeconds(s)).ToArray();
        await _cluster.PolledAsync(Site, "inv", expected[0]);
        for (var i = 1; i < expected.Length; i++)
        {
            _time.Advance(expected[i] - expected[i - 1] - TimeSpan.FromSeconds(1));
            await Task.Delay(20, TestContext.Current.CancellationToken);
            Assert.Equal(i, _pis.PollCount(50_008));
            _time.Advance(TimeSpan.FromSeconds(1));
            await _cluster.PolledAsync(Site, "inv", expected[i]);
        }

        Assert.Equal(expected, _pis.PollTimes(50_008));
        var down = (await _cluster.Inverter(Site, "inv").GetSnapshot())!;
        Assert.Equal(InverterHealth.Unreachable, down.Health);
        Assert.Equal(Start, down.HealthSince);
        Assert.Equal("refused: Connection refused by 127.0.0.1:50008.", down.LastError);
        Assert.Equal(6, down.ConsecutiveFailures);

        _pis.Answer(50_008, now => Generating(now));
        _time.Advance(TimeSpan.FromSeconds(300));
        var back = await _cluster.PolledAsync(Site, "inv", expected[^1] + TimeSpan.FromSeconds(300));
        Assert.Equal(InverterHealth.Online, back.Health);
        Assert.Equal(0, back.ConsecutiveFailures);

        _time.Advance(Period);
        await _cluster.PolledAsync(Site, "inv", expected[^1] + TimeSpan.FromSeconds(300) + Period);
    }

    [Fact]
    public async Task Resumes_from_persisted_state_after_deactivation()
    {
        _pis.Answer(50_009, now => Generating(now, power: 1000, today: 4000));
        await _cluster.Site(Site).UpsertInverter("inv", Settings(50_009));
        await _cluster.PolledAsync(Site, "inv", Start);
        _pis.Answer(50_009, now => Generating(now, power: 1000, today: 40, uptime: 30));
        _time.Advance(Period);
        await _cluster.PolledAsync(Site, "inv", Start + Period);

        await _cluster.Cluster.DeactivateAsync(_cluster.Inverter(Site, "inv"));
        var resumed = (await _cluster.Inverter(Site, "inv").GetSnapshot())!;

        Assert.Equal(4040, resumed.EnergyTodayWh);
        Assert.Equal(InverterHealth.Online, resumed.Health);
        Assert.Equal(Start + Period, resumed.LastPollAt);
        Assert.Equal(Start, resumed.HealthSince);
    }

    [Fact]
    public async Task An_inverter_drops_the_reminder_it_held_before_its_site_held_one_and_keeps_polling()
    {
        // A cluster of its own that reads the reminder table every second, so a row written there is served soon.
        await using var cluster = await GrainCluster.StartAsync(
            _pis, _time, silo: b => b.Configure<ReminderOptions>(o => o.RefreshReminderListPeriod = TimeSpan.FromSeconds(1)));
        await cluster.Site(Site).Configure(new SiteSettings("Home", "UTC"));
        _pis.Answer(50_010, now => Generating(now, power: 1200));
        await cluster.Site(Site).UpsertInverter("inv", Settings(50_010));
        await cluster.PolledAsync(Site, "inv", Start);
        var inverter = cluster.Inverter(Site, "inv");
        var table = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();

        // What an earlier version registered for every inverter, still in the table after an upgrade.
        await table.UpsertRow(new ReminderEntry
        {
            GrainId = inverter.GetGrainId(),
            ReminderName = InverterGrain.ReminderName,
            StartAt = DateTime.UtcNow.AddSeconds(3),
            Period = TimeSpan.FromMinutes(1),
        }, TestContext.Current.CancellationToken);
        Assert.True(await HasReminder(cluster, inverter));

        await Eventually.Value(() => HasReminder(cluster, inverter), held => !held, "the inverter dropped its old reminder when it fired");
        _time.Advance(Period);
        var snapshot = await cluster.PolledAsync(Site, "inv", Start + Period);
        Assert.Equal(1200, snapshot.PowerW);
    }

    private Task<bool> HasReminder(IAddressable grain) => HasReminder(_cluster, grain);

    private static async Task<bool> HasReminder(GrainCluster cluster, IAddressable grain)
    {
        var table = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        var rows = await table.ReadRows(grain.GetGrainId());
        return rows.Reminders.Count > 0;
    }

    private static InverterSettings Settings(int port) => new("127.0.0.1", port);

    private static PiReading Generating(DateTimeOffset now, int power = 1500, long today = 5000, long uptime = 20_000) => new()
    {
        PowerNowW = power,
        PowerTodayWh = today,
        PowerTotal = 12_000,
        StatusCode = 7,
        GridVoltageV = 240.5,
        GridFrequencyHz = 60.0,
        UptimeSeconds = uptime,
        Timestamp = now.DateTime.AddSeconds(-10),
    };
}
