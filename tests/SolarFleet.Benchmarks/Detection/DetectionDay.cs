using System.Globalization;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Energy;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Grains.Alerts;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Inverters;
using SolarFleet.Grains.Underproduction;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Readings;
using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Inverter;
using SolarFleet.Simulator.Sites;
using SolarFleet.Simulator.Solar;
using SolarFleet.Solar;
using SolarFleet.Solar.Position;

namespace SolarFleet.Benchmarks.Detection;

/// <summary>
/// One simulated day of a region on fake time, without sockets or grains: each site's Pi is a
/// <see cref="SimulatedInverter"/> read at the site's poll times, its rules an <see cref="InverterMonitor"/> fed as the
/// grain feeds it (next poll after <see cref="InverterMonitor.NextDelay"/>), and peer comparison the grains' rules over
/// an in-memory <see cref="PeerYieldBook"/>, judged at the first poll after <see cref="UnderproductionOptions.PeerSettle"/>.
/// </summary>
public static class DetectionDay
{
    public const string TimeZone = "America/Los_Angeles";
    public const int InverterDcCapacityW = 4400;

    private static readonly GeoPoint Center = new(37.4, -122.1);
    private static readonly PiPollFailure Refused = new(PiFailureKind.ConnectionRefused, "Connection refused (simulated).", 0, 1);

    /// <summary>Simulates day <paramref name="day"/> (0-based) under a clear or cloudy sky; one outcome per site.</summary>
    public static DayOutcome Simulate(DetectionArguments arguments, bool cloudy, int day)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var seed = (arguments.Seed * 7919) + (day * 2) + (cloudy ? 1 : 0);
        var random = new Random(seed);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var date = arguments.Date.AddDays(day);
        var grainOptions = new SolarFleetGrainOptions();
        var alertOptions = new AlertRuleOptions();
        var (learning, waiting) = (0, 0);
        if (arguments.Alone)
        {
            // More peers than there are sites: every site is judged against itself.
            alertOptions.Underproduction.MinPeers = arguments.Sites + 1;
            // The fault day's morning was whole, so its verdict waits for that many whole days after it.
            (learning, waiting) = (alertOptions.Underproduction.MinLearnedDays, alertOptions.Underproduction.OwnHistoryDays);
        }

        var start = At(date.AddDays(-learning), new TimeOnly(3, 0), zone);
        var end = At(date.AddDays(1 + waiting), new TimeOnly(0, 30), zone);
        var clouds = cloudy ? new CloudField(seed, arguments.Cover) : CloudField.Clear;
        var peers = new PeerYieldBook(alertOptions.Underproduction.PeerRadiusKm, alertOptions.Underproduction.NearestPeers);
        var sites = Place(arguments, random, date, zone, start, clouds, grainOptions, alertOptions);

        var queue = new PriorityQueue<BenchmarkSite, long>(sites.Count);
        foreach (var site in sites)
        {
            // Polls spread evenly over the first period, as the grains' first-poll jitter spreads them.
            queue.Enqueue(site, start.UtcTicks + (TimeSpan.FromSeconds(arguments.PeriodSeconds).Ticks * site.Index / sites.Count));
        }

        var rows = new List<DailyEnergy>();
        long polls = 0;
        while (queue.TryDequeue(out var site, out var ticks))
        {
            var now = new DateTimeOffset(ticks, TimeSpan.Zero);
            Poll(site, now, rows);
            polls++;
            Report(site, peers);
            Judge(site, now, peers, alertOptions.Underproduction);
            var next = now + site.Monitor.NextDelay();
            if (next <= end)
            {
                queue.Enqueue(site, next.UtcTicks);
            }
        }

        return new DayOutcome(date, cloudy, polls, learning + 1 + waiting, sites.Select(Outcome).ToArray());
    }

    private static List<BenchmarkSite> Place(
        DetectionArguments arguments, Random random, DateOnly date, TimeZoneInfo zone, DateTimeOffset start, CloudField clouds, SolarFleetGrainOptions grainOptions, AlertRuleOptions alertOptions)
    {
        var faulty = (int)Math.Round(arguments.Sites * arguments.FaultyShare);
        var order = Enumerable.Range(0, arguments.Sites).OrderBy(_ => random.Next()).ToArray();
        var faultOf = new Dictionary<int, InjectedFault>();
        InjectedFault[] kinds = arguments.Alone ? [InjectedFault.Derated80, InjectedFault.Derated70, InjectedFault.Derated50] : Enum.GetValues<InjectedFault>();
        for (var i = 0; i < faulty; i++)
        {
            faultOf[order[i]] = kinds[i % kinds.Length];
        }

        var sites = new List<BenchmarkSite>(arguments.Sites);
        for (var i = 0; i < arguments.Sites; i++)
        {
            // Uniform over a disc of the region's width.
            var r = arguments.RegionKm / 2 * Math.Sqrt(random.NextDouble());
            var angle = random.NextDouble() * 2 * Math.PI;
            var latitude = Center.Latitude + (r * Math.Cos(angle) / 110.57);
            var longitude = Center.Longitude + (r * Math.Sin(angle) / (111.32 * Math.Cos(latitude * Math.PI / 180)));
            var key = string.Create(CultureInfo.InvariantCulture, $"site-{i:000}");

            // Arrays differ by ±5 % from their nameplate (orientation, soiling, tolerance): the spread peers really have.
            var peakWatts = InverterDcCapacityW * (0.95 + (0.1 * random.NextDouble()));
            var lifetimeWh = (2_000 + (28_000 * random.NextDouble())) * 1000;
            var inverter = new SimulatedInverter(new SimulatedSite(key, latitude, longitude, TimeZone), (ulong)random.NextInt64(), peakWatts, lifetimeWh, start, clouds);
            var registration = new InverterRegistration(
                key,
                "inv-01",
                TimeZone,
                new InverterSettings("127.0.0.1", InverterSettings.MinPort + i, arguments.PeriodSeconds, DcCapacityW: InverterDcCapacityW),
                latitude,
                longitude);
            var monitor = new InverterMonitor(key, "inv-01", new InverterState(), grainOptions, alertOptions);
            monitor.Apply(registration, start);

            var fault = faultOf.TryGetValue(i, out var f) ? f : (InjectedFault?)null;
            var (faults, faultStart, detectableFrom) = fault is { } injected
                ? Inject(injected, inverter.Site, new GeoPoint(latitude, longitude), date, zone, start, alertOptions.Daylight)
                : (PiFaults.None, start, start);
            inverter.SetFaults(faults, start);
            sites.Add(new BenchmarkSite(i, key, latitude, longitude, inverter, monitor) { Fault = fault, FaultStart = faultStart, DetectableFrom = detectableFrom });
        }

        return sites;
    }

    // The simulator's faults for each injected kind; the start of each, and when it could first be seen.
    private static (PiFaults Faults, DateTimeOffset Start, DateTimeOffset DetectableFrom) Inject(
        InjectedFault fault, SimulatedSite site, GeoPoint point, DateOnly date, TimeZoneInfo zone, DateTimeOffset start, DaylightOptions daylight)
    {
        DateTimeOffset Local(int hour) => At(date, new TimeOnly(hour, 0), zone);
        PiFaults Derated(double share) => new() { Modes = PiFaultModes.Derated, DeratedTo = share, Since = Local(9) };
        return fault switch
        {
            // Dark all day can only be told once the sun is high enough that any inverter would be awake.
            InjectedFault.DarkAllDay => (PiFaults.Of(PiFaultModes.Dark), start, ElevationWindow.For(point, date, zone, daylight.MinElevationDegrees).Rises ?? start),
            InjectedFault.DarkFromNoon => (new PiFaults { Modes = PiFaultModes.Dark, Since = Local(12) }, Local(12), Local(12)),
            InjectedFault.Derated80 => (Derated(0.8), Local(9), Local(9)),
            InjectedFault.Derated70 => (Derated(0.7), Local(9), Local(9)),
            InjectedFault.Derated50 => (Derated(0.5), Local(9), Local(9)),
            InjectedFault.Shading => (new PiFaults { Modes = PiFaultModes.Shading, ShadingLoss = 0.4, ShadedAfter = new TimeOnly(13, 0) }, Local(13), Local(13)),
            InjectedFault.Unreachable => (PiFaults.None, Local(11), Local(11)),

            // A wrong clock shows once the TimeStamp moves: from the inverter's first update at sunrise.
            InjectedFault.ClockOff => (new PiFaults { Modes = PiFaultModes.ClockOff, ClockOffset = TimeSpan.FromHours(3) }, start, site.SunTimesOn(date).Sunrise ?? start),
            InjectedFault.GridOutOfRange => (new PiFaults { Modes = PiFaultModes.GridOutOfRange, GridVoltageV = 258, Since = Local(11) }, Local(11), Local(11)),
            InjectedFault.PowerTotalBackwards => (new PiFaults { Modes = PiFaultModes.PowerTotalBackwards, PowerTotalDropKwh = 500, Since = Local(10) }, Local(10), Local(10)),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "Not an injected fault."),
        };
    }

    private static void Poll(BenchmarkSite site, DateTimeOffset now, List<DailyEnergy> rows)
    {
        if (site.Fault == InjectedFault.Unreachable && now >= site.FaultStart)
        {
            site.Monitor.OnFailure(Refused, now);
        }
        else
        {
            rows.Clear();
            site.Monitor.OnSuccess(ToPiReading(site.Inverter.Read(now)), now, rows);
        }

        Record(site, site.Monitor.AlertTransitions);
    }

    // What the protocol client would decode from the simulator's answers (PowerTotal in kWh with three decimals).
    private static PiReading ToPiReading(SimulatedReading reading) => new()
    {
        PowerNowW = reading.PowerNowW,
        PowerTodayWh = reading.PowerTodayWh,
        PowerTotal = reading.LifetimeWh / 1000.0,
        PowerTotalDecimals = 3,
        StatusCode = reading.StatusCode,
        GridVoltageV = reading.GridVoltageV,
        GridFrequencyHz = reading.GridFrequencyHz,
        UptimeSeconds = reading.UpTimeSeconds,
        Timestamp = reading.TimeStampLocal,
    };

    private static void Report(BenchmarkSite site, PeerYieldBook peers)
    {
        foreach (var completed in site.Monitor.CompletedYields)
        {
            peers.Report(completed.Window, new PeerYield(site.Key, site.Latitude, site.Longitude, completed.EnergyWh / (double)InverterDcCapacityW));
            site.Pending.Add(completed);
        }
    }

    private static void Judge(BenchmarkSite site, DateTimeOffset now, PeerYieldBook peers, UnderproductionOptions options)
    {
        while (site.Pending.Count > 0 && site.Pending[0].Window.End + options.PeerSettle <= now)
        {
            var own = site.Pending[0];
            site.Pending.RemoveAt(0);
            var around = peers.PeersAround(own.Window, site.Latitude, site.Longitude, site.Key);
            var verdict = UnderproductionRules.Judge(own.Window, own.EnergyWh / (double)InverterDcCapacityW, around, options, site.Monitor.Alerts.OwnClearSky);

            // As the grain does: the verdict is timed at its window's end.
            site.Monitor.OnUnderproduction(verdict, own.Window.End);
            Record(site, site.Monitor.AlertTransitions);
        }
    }

    private static void Record(BenchmarkSite site, IReadOnlyList<AlertTransition> transitions)
    {
        foreach (var transition in transitions)
        {
            if (transition.Transition == AlertTransitionKind.Raised)
            {
                site.Raised.Add((transition.Alert.Kind, transition.Alert.RaisedAt));
            }
        }
    }

    private static SiteOutcome Outcome(BenchmarkSite site)
    {
        var expected = site.Fault?.ExpectedAlert();
        var detection = site.Raised.FindIndex(r => r.Kind == expected && r.At >= site.FaultStart);
        var others = site.Raised.Where((_, i) => i != detection).Select(r => new RaisedAlert(r.Kind, r.At)).ToArray();
        return new SiteOutcome(
            site.Index,
            site.Fault,
            site.Fault is null ? null : site.DetectableFrom,
            detection >= 0 ? site.Raised[detection].At : null,
            others);
    }

    private static DateTimeOffset At(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

/// <summary>Every site's outcome of one simulated day, with the days around it that were simulated too (see <see cref="DetectionArguments.Alone"/>).</summary>
public sealed record DayOutcome(DateOnly Date, bool Cloudy, long Polls, int DaysSimulated, IReadOnlyList<SiteOutcome> Sites);
