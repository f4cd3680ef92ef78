using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Sites;
using SolarFleet.Simulator.Solar;

namespace SolarFleet.Simulator.Inverter;

/// <summary>
/// An SPR-4000m at a site, advanced lazily: whenever someone looks, it replays every 23 s update
/// between the last look and now. Nothing runs on a timer, so fake time drives it exactly.
/// Thread-safe; every member takes "now" from the caller's clock.
/// </summary>
internal sealed class InverterModel
{
    public const int MaxAcWatts = 4000;
    public const int StepSeconds = 23;

    private const long StepTicks = StepSeconds * TimeSpan.TicksPerSecond;
    private const long DawnStandbyTicks = 4 * TimeSpan.TicksPerMinute;
    private const long DawnSyncTicks = 3 * TimeSpan.TicksPerMinute;
    private const long DuskStandbyTicks = 4 * TimeSpan.TicksPerMinute;
    private const int CloudBlockSteps = 20;
    private const ulong CloudStream = 1;
    private const ulong JitterStream = 2;
    private const ulong WeatherStream = 3;
    private const ulong VoltageStream = 4;
    private const ulong FrequencyStream = 5;

    private readonly Lock _gate = new();
    private readonly SimulatedSite _site;
    private readonly ulong _seed;
    private readonly double _peakWatts;
    private readonly CloudField? _clouds;
    private readonly long _phaseTicks;
    private readonly Dictionary<DateOnly, long> _closedSegmentsWh = [];

    private SolarDay _day;
    private long _cursorTicks;
    private DateOnly? _stateDate;
    private long _segmentStartTicks;
    private double _todayExactWh;
    private double _lifetimeExactWh;
    private long _upTimeSeconds;
    private InverterSnapshot _current;
    private InverterSnapshot _reported;
    private bool _frozen;
    private int? _faultStatus;
    private PiFaults _faults = PiFaults.None;
    private long _faultsSinceTicks = long.MaxValue;
    private DateOnly _shadedDate;
    private long _shadedFromTicks;

    /// <param name="site">Where the panels are.</param>
    /// <param name="seed">Drives the update phase, clouds and grid noise.</param>
    /// <param name="peakWatts">Array output with the sun overhead, before the 4,000 W AC cap.</param>
    /// <param name="initialLifetimeWh">PowerTotal at the start of the day before <paramref name="origin"/>.</param>
    /// <param name="origin">When the simulation starts; the inverter's history begins the local day before.</param>
    /// <param name="clouds">The region's sky; null: each inverter has weather of its own (clear or cloudy by the day).</param>
    public InverterModel(SimulatedSite site, ulong seed, double peakWatts, double initialLifetimeWh, DateTimeOffset origin, CloudField? clouds = null)
    {
        _site = site;
        _clouds = clouds;
        _seed = seed;
        _peakWatts = peakWatts;
        _phaseTicks = (long)(seed % StepSeconds) * TimeSpan.TicksPerSecond;
        _lifetimeExactWh = initialLifetimeWh;

        var originDate = DateOnly.FromDateTime(site.LocalTime(origin));
        _day = SolarDay.Compute(site, originDate.AddDays(-1));
        _cursorTicks = AlignDown(_day.DayStartTicks - 1);
        _current = new InverterSnapshot(0, 0, (long)initialLifetimeWh, 0, 2400, 6000, 0, _day.DayStartTicks);
        _reported = _current;
    }

    /// <summary>What the Pi serves now.</summary>
    public InverterSnapshot Observe(DateTimeOffset now)
    {
        lock (_gate)
        {
            Advance(now.UtcTicks);
            return _reported;
        }
    }

    /// <summary>True energy of a local date: every PowerToday value the inverter ended a run with, restarts included.</summary>
    public long EnergyOn(DateOnly localDate, DateTimeOffset now)
    {
        lock (_gate)
        {
            Advance(now.UtcTicks);
            var closed = _closedSegmentsWh.GetValueOrDefault(localDate);
            return localDate == _stateDate ? closed + _current.PowerTodayWh : closed;
        }
    }

    /// <summary>True lifetime energy, whole watt-hours.</summary>
    public long LifetimeWh(DateTimeOffset now)
    {
        lock (_gate)
        {
            Advance(now.UtcTicks);
            return _current.LifetimeWh;
        }
    }

    /// <summary>Restarts a running inverter: PowerToday and UpTime start again from 0. False when it is dark.</summary>
    public bool Restart(DateTimeOffset now)
    {
        lock (_gate)
        {
            var nowTicks = now.UtcTicks;
            Advance(nowTicks);
            var day = DayOf(nowTicks);
            if (_stateDate != day.Date || nowTicks > day.SunsetTicks)
            {
                return false;
            }

            CloseSegment();
            _segmentStartTicks = nowTicks;
            _todayExactWh = 0;
            _upTimeSeconds = 0;
            Publish(_current with { PowerNowW = 0, PowerTodayWh = 0, StatusCode = 3, UpTimeSeconds = 0, UpdatedUtcTicks = nowTicks });
            return true;
        }
    }

    /// <summary>A fault code replaces the status and stops production until cleared (null).</summary>
    public void SetFaultStatus(int? code, DateTimeOffset now)
    {
        lock (_gate)
        {
            Advance(now.UtcTicks);
            _faultStatus = code;
        }
    }

    /// <summary>While frozen the inverter keeps producing but the Pi stops seeing its updates.</summary>
    public void SetFrozen(bool frozen, DateTimeOffset now)
    {
        lock (_gate)
        {
            Advance(now.UtcTicks);
            _frozen = frozen;
            if (!frozen)
            {
                _reported = Reported(_current);
            }
        }
    }

    /// <summary>
    /// Takes the inverter's own faults (dark, derated, shading, grid, PowerTotal, clock) of <paramref name="faults"/>;
    /// those with a start apply from <see cref="PiFaults.Since"/>, or from now.
    /// </summary>
    public void SetFaults(PiFaults faults, DateTimeOffset now)
    {
        lock (_gate)
        {
            Advance(now.UtcTicks);
            _faults = faults;
            _faultsSinceTicks = (faults.Since ?? now).UtcTicks;
            _shadedDate = default;
            Publish(_current);
        }
    }

    /// <summary>The Pi's TimeStamp of an update: the site's wall clock, off by the clock fault if there is one.</summary>
    public DateTime TimeStampOf(long updatedUtcTicks)
    {
        var local = _site.LocalTime(new DateTimeOffset(updatedUtcTicks, TimeSpan.Zero));
        var faults = Volatile.Read(ref _faults);
        return faults.Has(PiFaultModes.ClockOff) ? local + faults.ClockOffset : local;
    }

    private void Advance(long nowTicks)
    {
        while (true)
        {
            var next = _cursorTicks + StepTicks;
            if (next > nowTicks)
            {
                return;
            }

            var day = DayOf(next);
            if (day.SunriseTicks is not { } sunrise || next > day.SunsetTicks)
            {
                // Dark until the next local day: skip to its first step without replaying the night.
                _cursorTicks = Math.Min(AlignDown(day.DayEndTicks - 1), AlignDown(nowTicks));
            }
            else if (next < sunrise)
            {
                _cursorTicks = Math.Min(AlignDown(sunrise - 1), AlignDown(nowTicks));
            }
            else
            {
                Update(day, next);
                _cursorTicks = next;
            }
        }
    }

    private void Update(SolarDay day, long ticks)
    {
        if (ticks >= _faultsSinceTicks && _faults.Has(PiFaultModes.Dark))
        {
            // Dark: no morning start; an inverter that was awake sends one last standby update, then nothing.
            if (_stateDate == day.Date && (_current.StatusCode != 3 || _current.PowerNowW != 0))
            {
                Publish(_current with { PowerNowW = 0, StatusCode = 3, UpdatedUtcTicks = ticks });
            }

            return;
        }

        if (_stateDate != day.Date)
        {
            // The first update of a local day is the morning start: PowerToday and UpTime reset.
            CloseSegment();
            _stateDate = day.Date;
            _segmentStartTicks = day.SunriseTicks!.Value;
            _todayExactWh = 0;
            _upTimeSeconds = 0;
        }

        var step = (ticks - _phaseTicks) / StepTicks;
        var sinceStart = ticks - _segmentStartTicks;
        var untilDark = day.SunsetTicks!.Value - ticks;
        int status;
        var power = 0;
        if (_faultStatus is { } code)
        {
            status = code;
        }
        else if (sinceStart < DawnStandbyTicks || untilDark < DuskStandbyTicks)
        {
            status = 3;
        }
        else if (sinceStart < DawnStandbyTicks + DawnSyncTicks)
        {
            status = 2;
        }
        else
        {
            power = PowerAt(day, ticks, step);
            status = power > 0 ? 7 : 6;
        }

        var energyWh = power * (StepSeconds / 3600.0);
        _todayExactWh += energyWh;
        _lifetimeExactWh += energyWh;
        if (status is 6 or 7)
        {
            _upTimeSeconds += StepSeconds;
        }

        var nominalDeciVolts = ticks >= _faultsSinceTicks && _faults.Has(PiFaultModes.GridOutOfRange) ? (int)Math.Round(_faults.GridVoltageV * 10) : 2400;
        var volts = nominalDeciVolts + (int)Math.Round((DeterministicNoise.Uniform(_seed, step, VoltageStream) - 0.5) * 60);
        var hertz = 6000 + (int)Math.Round((DeterministicNoise.Uniform(_seed, step, FrequencyStream) - 0.5) * 6);
        Publish(new InverterSnapshot(power, (long)_todayExactWh, (long)_lifetimeExactWh, status, volts, hertz, _upTimeSeconds, ticks));
    }

    private int PowerAt(SolarDay day, long ticks, long step)
    {
        // Measured from the apparent horizon (refraction and the sun's disc), so light, like the
        // inverter's day, starts at sunrise and ends at sunset.
        var light = day.SinElevation(ticks) + SolarDay.SinHorizonDepression;
        if (light <= 0)
        {
            return 0;
        }

        var cloud = _clouds is { } field
            ? field.Transmittance(_site.Latitude, _site.Longitude, ticks)
            : 1 - (Cloudiness(day.Date) * DeterministicNoise.Smooth(_seed, step, CloudBlockSteps, CloudStream));
        var jitter = 1 + ((DeterministicNoise.Uniform(_seed, step, JitterStream) - 0.5) * 0.02);
        var watts = _peakWatts * light * cloud * jitter * FaultShare(day, ticks);
        return (int)Math.Round(Math.Min(MaxAcWatts, watts));
    }

    // The share of its output the faults leave the array: a derating applies from its start, shading every afternoon.
    private double FaultShare(SolarDay day, long ticks)
    {
        var share = 1.0;
        if (ticks >= _faultsSinceTicks && _faults.Has(PiFaultModes.Derated))
        {
            share *= _faults.DeratedTo;
        }

        if (_faults.Has(PiFaultModes.Shading))
        {
            if (_shadedDate != day.Date)
            {
                _shadedDate = day.Date;
                _shadedFromTicks = _site.Instant(day.Date.ToDateTime(_faults.ShadedAfter)).UtcTicks;
            }

            if (ticks >= _shadedFromTicks)
            {
                share *= 1 - _faults.ShadingLoss;
            }
        }

        return share;
    }

    /// <summary>How cloudy a date is: about half the days are clear, the rest lose up to 60 % at worst.</summary>
    private double Cloudiness(DateOnly date)
    {
        var u = DeterministicNoise.Uniform(_seed, date.DayNumber, WeatherStream);
        return u < 0.5 ? u * 0.1 : (u - 0.5) * 1.2;
    }

    private void CloseSegment()
    {
        if (_stateDate is { } date)
        {
            _closedSegmentsWh[date] = _closedSegmentsWh.GetValueOrDefault(date) + _current.PowerTodayWh;
        }
    }

    private void Publish(InverterSnapshot snapshot)
    {
        _current = snapshot;
        if (!_frozen)
        {
            _reported = Reported(snapshot);
        }
    }

    // What the Pi shows of an update: PowerTotal is read low once that fault has begun.
    private InverterSnapshot Reported(in InverterSnapshot snapshot) =>
        snapshot.UpdatedUtcTicks >= _faultsSinceTicks && _faults.Has(PiFaultModes.PowerTotalBackwards)
            ? snapshot with { LifetimeWh = Math.Max(0, snapshot.LifetimeWh - (long)(_faults.PowerTotalDropKwh * 1000)) }
            : snapshot;

    private SolarDay DayOf(long utcTicks)
    {
        if (utcTicks < _day.DayStartTicks || utcTicks >= _day.DayEndTicks)
        {
            var local = _site.LocalTime(new DateTimeOffset(utcTicks, TimeSpan.Zero));
            _day = SolarDay.Compute(_site, DateOnly.FromDateTime(local));
        }

        return _day;
    }

    private long AlignDown(long utcTicks) => _phaseTicks + ((utcTicks - _phaseTicks) / StepTicks * StepTicks);
}
