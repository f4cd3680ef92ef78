using System.Globalization;
using System.Text;

namespace SolarFleet.Silo.Api.Energy;

/// <summary>Streams report rows as CSV with a header row, flushing as it goes so large ranges never sit in memory.</summary>
public sealed class EnergyCsvResult(IAsyncEnumerable<EnergyRow> rows, string fileName) : IResult
{
    public const string Header = "siteId,period,energyWh,inverters,complete,coverage";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var cancellationToken = httpContext.RequestAborted;
        var line = new StringBuilder(Header).Append('\n');
        var pending = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            line.Append(row.SiteId).Append(',')
                .Append(row.Period).Append(',')
                .Append(row.EnergyWh.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.Inverters.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.Complete ? "true" : "false").Append(',')
                .Append(row.Coverage.ToString("0.####", CultureInfo.InvariantCulture)).Append('\n');
            if (++pending == 256)
            {
                await response.WriteAsync(line.ToString(), cancellationToken);
                line.Clear();
                pending = 0;
            }
        }

        await response.WriteAsync(line.ToString(), cancellationToken);
    }
}
