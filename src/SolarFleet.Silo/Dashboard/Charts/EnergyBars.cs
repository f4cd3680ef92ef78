using System.Globalization;
using SolarFleet.Silo.Api.Energy;
using SolarFleet.Silo.Dashboard.Display;

namespace SolarFleet.Silo.Dashboard.Charts;

/// <summary>
/// Energy report rows drawn as bars, one per period. A period the ledger does not call complete (not observed all
/// through, or still running) is striped and marked under the axis, so that a day with no data at all shows too.
/// </summary>
public sealed record EnergyBars(ChartAxes Axes, IReadOnlyList<EnergyBar> Bars, string Description)
{
    /// <summary>The share of a period's width its bar fills; the rest is the gap between bars.</summary>
    public const double Fill = 0.7;

    private const int DaysBetweenLabels = 7;

    /// <summary>Daily bars, labelled every week counting back from the last day, so that today is always labelled.</summary>
    public static EnergyBars Days(IReadOnlyList<EnergyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Build(
            rows,
            (row, i) => (rows.Count - 1 - i) % DaysBetweenLabels == 0 ? new AxisLabel(row.From.ToString("d MMM", CultureInfo.InvariantCulture), false) : null,
            "days");
    }

    /// <summary>Monthly bars; every other month's label gives way on a narrow screen.</summary>
    public static EnergyBars Months(IReadOnlyList<EnergyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Build(rows, (row, i) => new AxisLabel(row.From.ToString("MMM", CultureInfo.InvariantCulture), i % 2 == 1), "months");
    }

    public static BarState StateOf(EnergyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.PeriodStatus == EnergyPeriodStatus.Future ? BarState.Future : row.Complete ? BarState.Complete : BarState.Incomplete;
    }

    private static EnergyBars Build(IReadOnlyList<EnergyRow> rows, Func<EnergyRow, int, AxisLabel?> label, string periods)
    {
        var scale = NiceScale.For(rows.Count == 0 ? 0 : rows.Max(r => r.EnergyWh ?? 0));
        var width = rows.Count == 0 ? 0 : 100.0 / rows.Count;
        var bars = new List<EnergyBar>(rows.Count);
        var times = new List<AxisTick>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var top = ChartFrame.Y(scale.Fraction(row.EnergyWh ?? 0));
            bars.Add(new EnergyBar(row.Period, (i + ((1 - Fill) / 2)) * width, width * Fill, top, ChartFrame.PlotBottom - top, row.EnergyWh, StateOf(row)));
            if (label(row, i) is { } text)
            {
                times.Add(new AxisTick((i + 0.5) * width, text.Text, text.Minor));
            }
        }

        return new EnergyBars(new ChartAxes(ChartFrame.ValueTicks(scale, v => Units.Energy((long)v)), times), bars, Describe(rows, periods));
    }

    private static string Describe(IReadOnlyList<EnergyRow> rows, string periods)
    {
        var shown = rows.Where(r => r.PeriodStatus != EnergyPeriodStatus.Future).ToList();
        if (shown.Count == 0)
        {
            return "No " + periods + " yet.";
        }

        var highest = shown.MaxBy(r => r.EnergyWh ?? 0)!;
        var incomplete = shown.Count(r => !r.Complete);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{shown[0].Period} to {shown[^1].Period}: highest {Units.Energy(highest.EnergyWh ?? 0)} in {highest.Period}; {incomplete} of {shown.Count} {periods} incomplete (striped and marked under the axis).");
    }

    private sealed record AxisLabel(string Text, bool Minor);
}
