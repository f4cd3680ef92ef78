using SolarFleet.Silo.Api.Energy;
using SolarFleet.Silo.Dashboard.Charts;

namespace SolarFleet.Silo.Dashboard.Pages.Shared;

/// <summary>The energy bars partial's model: the chart, the rows it draws (its table), and names unique on the page.</summary>
public sealed record BarChartView(string Id, string Title, string PeriodHeading, IReadOnlyList<EnergyRow> Rows)
{
    public EnergyBars Chart { get; } = Id == "months" ? EnergyBars.Months(Rows) : EnergyBars.Days(Rows);
}
