using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Grains.Alerts;
using SolarFleet.Solar;
using SolarFleet.Solar.Position;
using SolarFleet.Solar.Sky;

namespace SolarFleet.Grains.Underproduction;

/// <summary>
/// An inverter's own output against a clear sky, followed poll by poll, free of Orleans: the judge of
/// <see cref="OwnClearSkyRules"/> when it has too few peers. It learns whether or not it has peers, so an inverter whose
/// neighbours leave has its history. The window under way lives in memory: one lost with an activation is a window
/// not counted.
/// </summary>
public sealed class OwnClearSky
{
    // Windows judged recently, by start: a window is judged a couple of minutes after it ends.
    private const int WindowsKept = 4;

    private readonly OwnOutputTrack _track;
    private readonly UnderproductionOptions _options;
    private readonly GeoPoint _site;
    private readonly PanelOrientation _orientation;
    private readonly int _dcCapacityW;
    private readonly TimeZoneInfo _zone;
    private readonly List<double> _samples = [];
    private readonly Queue<(DateTimeOffset Start, double? Clearness)> _closed = new();
    private DateTimeOffset? _windowStart;

    public OwnClearSky(OwnOutputTrack track, UnderproductionOptions options, InverterRegistration registration, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registration);
        if (registration is not { Settings.DcCapacityW: > 0 and var capacity, Latitude: { } latitude, Longitude: { } longitude })
        {
            throw new ArgumentException("Only an inverter with a DC nameplate at a site with coordinates compares its output.", nameof(registration));
        }

        _track = track;
        _options = options;
        _site = new GeoPoint(latitude, longitude);
        _orientation = ArrayOrientation.Of(registration.Settings, latitude);
        _dcCapacityW = capacity;
        _zone = zone;
    }

    /// <summary>Whether two registrations describe the same array at the same place: what was learned of one holds for the other.</summary>
    public static bool SameArray(InverterRegistration a, InverterRegistration b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Settings.DcCapacityW == b.Settings.DcCapacityW
            && a.Settings.TiltDegrees == b.Settings.TiltDegrees
            && a.Settings.AzimuthDegrees == b.Settings.AzimuthDegrees
            && a.Latitude == b.Latitude
            && a.Longitude == b.Longitude;
    }

    /// <summary>The days learned, oldest first.</summary>
    public IReadOnlyList<OwnOutputDay> Days => _track.Days;

    /// <summary>Takes a good poll's power.</summary>
    public void Observe(DateTimeOffset polledAt, DateOnly siteToday, int? powerNowW)
    {
        var window = YieldWindow.Holding(polledAt, _options.Window);
        if (window.Start != _windowStart)
        {
            CloseWindow();
            _windowStart = window.Start;
        }

        if (siteToday != _track.Date)
        {
            CloseDay(siteToday);
        }

        var sun = SolarPosition.At(_site, polledAt);
        if (powerNowW is not { } power || sun.Elevation < _options.MinSunElevationDegrees)
        {
            return;
        }

        var light = ClearSky.PlaneOfArray(sun, _orientation);
        if (light >= OwnClearSkyRules.MinIrradiance)
        {
            _samples.Add(OwnClearSkyRules.Clearness(power, _dcCapacityW, light));
        }
    }

    /// <summary>The verdict on a window (a daylight window, or a whole day at its close) when peers are too few.</summary>
    public AlertObservation Judge(YieldWindow window)
    {
        if (window.IsDay)
        {
            var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(window.Start + TimeSpan.FromHours(12), _zone).DateTime);
            var verdict = OwnClearSkyRules.JudgeDay(date, _track.Days, _options);
            if (verdict.Condition == AlertCondition.Present)
            {
                // Days judged underproducing teach nothing about full sun.
                var first = date.AddDays(1 - _options.OwnHistoryDays);
                for (var i = 0; i < _track.Days.Count; i++)
                {
                    if (_track.Days[i].Date >= first && _track.Days[i].Date <= date)
                    {
                        _track.Days[i] = _track.Days[i] with { Underproducing = true };
                    }
                }
            }

            return verdict;
        }

        var clearness = _closed.FirstOrDefault(w => w.Start == window.Start).Clearness;
        var on = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(window.Start, _zone).DateTime);
        return OwnClearSkyRules.JudgeWindow(clearness, on, _track.Days, _options);
    }

    private void CloseWindow()
    {
        if (_windowStart is not { } start)
        {
            return;
        }

        var clearness = OwnClearSkyRules.WindowClearness(_samples);
        _samples.Clear();
        _closed.Enqueue((start, clearness));
        while (_closed.Count > WindowsKept)
        {
            _closed.Dequeue();
        }

        if (clearness is { } value)
        {
            _track.BestToday = Math.Max(_track.BestToday ?? 0, value);
        }
    }

    private void CloseDay(DateOnly siteToday)
    {
        if (_track.BestToday is { } best && _track.Date != default)
        {
            _track.Days.RemoveAll(d => d.Date == _track.Date);
            _track.Days.Add(new OwnOutputDay(_track.Date, best));
        }

        _track.Days.RemoveAll(d => d.Date < siteToday.AddDays(-_options.LearningDays));
        _track.Date = siteToday;
        _track.BestToday = null;
    }
}
