using System.Globalization;
using System.Text;
using SolarFleet.Silo.Api.Power;
using SolarFleet.Silo.Dashboard.Display;

namespace SolarFleet.Silo.Dashboard.Charts;

/// <summary>
/// A day's power curve drawn: the line (and the area under it) across the site's local day, broken where no inverter
/// reported, with hours of the site's own clock along the bottom.
/// </summary>
/// <param name="Lines">SVG path data, one per unbroken run of slots, in a 0-<see cref="Width"/> by pixel box.</param>
/// <param name="Areas">The same runs closed down to the zero line.</param>
/// <param name="Peak">The slot with the highest power, if any reported.</param>
/// <param name="Reported">Slots so far with a reading.</param>
public sealed record PowerChart(
    ChartAxes Axes,
    IReadOnlyList<string> Lines,
    IReadOnlyList<string> Areas,
    PowerPoint? Peak,
    int Reported,
    int Slots)
{
    /// <summary>The curve's own horizontal units; the box is stretched to the chart's width.</summary>
    public const double Width = 1000;

    private const int HoursBetweenLabels = 6;

    public static PowerChart Build(PowerCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(curve.TimeZone);
        var reported = curve.Slots.Where(s => s.PowerW is not null).ToList();
        var scale = NiceScale.For(reported.Count == 0 ? 0 : reported.Max(s => s.PowerW!.Value));
        var span = (curve.To - curve.From).Ticks;
        var slot = TimeSpan.FromMinutes(curve.SlotMinutes).Ticks;
        double X(DateTimeOffset at) => (at - curve.From).Ticks / (double)span * Width;

        var lines = new List<string>();
        var areas = new List<string>();
        foreach (var run in Runs(curve.Slots))
        {
            // Each point at its slot's middle; a run of one slot is drawn across its slot, not as an invisible dot.
            var points = run.Count == 1
                ? [(X(run[0].Start), run[0].PowerW!.Value), (X(run[0].Start) + (slot / (double)span * Width), run[0].PowerW!.Value)]
                : run.Select(p => (X(p.Start) + (slot / 2.0 / span * Width), p.PowerW!.Value)).ToList();
            var line = new StringBuilder();
            foreach (var (x, watts) in points)
            {
                line.Append(line.Length == 0 ? 'M' : 'L').Append(ChartFrame.Number(x)).Append(',').Append(ChartFrame.Number(ChartFrame.Y(scale.Fraction(watts)))).Append(' ');
            }

            lines.Add(line.ToString().TrimEnd());
            var bottom = ChartFrame.Number(ChartFrame.PlotBottom);
            areas.Add(string.Create(CultureInfo.InvariantCulture, $"{line}L{ChartFrame.Number(points[^1].Item1)},{bottom} L{ChartFrame.Number(points[0].Item1)},{bottom} Z"));
        }

        var times = new List<AxisTick>();
        for (var hour = 0; hour <= 24; hour += HoursBetweenLabels)
        {
            if (LocalHour(curve, zone, hour) is { } at)
            {
                times.Add(new AxisTick(X(at) / Width * 100, string.Create(CultureInfo.InvariantCulture, $"{hour:00}:00")));
            }
        }

        var peak = reported.Count == 0 ? null : reported.MaxBy(s => s.PowerW);
        return new PowerChart(
            new ChartAxes(ChartFrame.ValueTicks(scale, v => Units.Power((long)v)), times), lines, areas, peak, reported.Count, curve.Slots.Count);
    }

    /// <summary>The curve in words, for those who cannot see it.</summary>
    public string Description => Peak is { } peak
        ? string.Create(CultureInfo.InvariantCulture, $"Highest {Units.Power(peak.PowerW!.Value)} at {peak.Start:HH:mm}; {Reported} of the {Slots} five-minute slots so far have readings.")
        : "No readings yet today.";

    /// <summary>Runs of consecutive slots with readings.</summary>
    private static IEnumerable<List<PowerPoint>> Runs(IReadOnlyList<PowerPoint> slots)
    {
        var run = new List<PowerPoint>();
        foreach (var point in slots)
        {
            if (point.PowerW is null)
            {
                if (run.Count > 0)
                {
                    yield return run;
                    run = [];
                }
            }
            else
            {
                run.Add(point);
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    /// <summary>The instant a local hour of the day begins; null for an hour the clocks skip.</summary>
    private static DateTimeOffset? LocalHour(PowerCurve curve, TimeZoneInfo zone, int hour)
    {
        if (hour == 24)
        {
            return curve.To;
        }

        var local = curve.Date.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified);
        return zone.IsInvalidTime(local) ? null : new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
