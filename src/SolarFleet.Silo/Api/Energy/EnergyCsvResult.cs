using System.Globalization;
using System.Text;

namespace SolarFleet.Silo.Api.Energy;

/// <summary>Streams report rows as CSV with a header row, flushing as it goes so large ranges never sit in memory.</summary>
public sealed class EnergyCsvResult(IAsyncEnumerable<EnergyRow> rows, string fileName) : IResult
{
    public const string Header =
        "siteId,period,from,to,periodStatus,timeZone,energyWh,powerTodayWh,bridgedWh,setAsideWh,anomalies,restarts,inverters,complete,coverage,siteRemovedAt";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var cancellationToken = httpContext.RequestAborted;
        var line = new StringBuilder(Header).Append('\n');
        var pending = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            Append(line, row);
            if (++pending == 256)
            {
                await response.WriteAsync(line.ToString(), cancellationToken);
                line.Clear();
                pending = 0;
            }
        }

        await response.WriteAsync(line.ToString(), cancellationToken);
    }

    private static void Append(StringBuilder line, EnergyRow row)
    {
        var c = CultureInfo.InvariantCulture;
        line.Append(row.SiteId).Append(',')
            .Append(row.Period).Append(',')
            .Append(row.From.ToString("yyyy-MM-dd", c)).Append(',')
            .Append(row.To.ToString("yyyy-MM-dd", c)).Append(',')
            .Append(Status(row.PeriodStatus)).Append(',')
            .Append(row.TimeZone).Append(',')
            .Append(row.EnergyWh?.ToString(c)).Append(',')
            .Append(row.PowerTodayWh?.ToString(c)).Append(',')
            .Append(row.BridgedWh?.ToString(c)).Append(',')
            .Append(row.SetAsideWh.ToString(c)).Append(',')
            .Append(row.Anomalies.ToString(c)).Append(',')
            .Append(row.Restarts.ToString(c)).Append(',')
            .Append(row.Inverters.ToString(c)).Append(',')
            .Append(row.Complete ? "true" : "false").Append(',')
            .Append(row.Coverage?.ToString("0.####", c)).Append(',')
            .Append(row.SiteRemovedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", c)).Append('\n');
    }

    private static string Status(EnergyPeriodStatus status) => status switch
    {
        EnergyPeriodStatus.Complete => "complete",
        EnergyPeriodStatus.Partial => "partial",
        _ => "future",
    };
}
