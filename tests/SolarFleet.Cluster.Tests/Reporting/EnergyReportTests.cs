using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using SolarFleet.Postgres.Tests.Infrastructure;
using SolarFleet.Silo.Api.Energy;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Reporting;

/// <summary>Energy reports through the HTTP API of a silo whose ledger lives in PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class EnergyReportTests(ReportingSilo reporting) : IClassFixture<ReportingSilo>
{
    private const string DayRange = "from=2025-03-08&to=2025-03-11&interval=day";
    private const string MonthRange = "from=2025-03-01&to=2025-04-30&interval=month";

    [Fact]
    public async Task Day_rows_follow_each_sites_own_calendar_across_the_date_line_and_flag_gaps() =>
        await reporting.Silos.RunAsync(async () =>
        {
            var rows = await Rows($"/api/fleet/energy?{DayRange}");

            // Site by site (akl, then la), every day of the range present; missing days are 0 and incomplete.
            Assert.Equal(
                [
                    "akl 2025-03-08 0 Wh 0 inverters complete=False coverage=0",
                    "akl 2025-03-09 41000 Wh 2 inverters complete=True coverage=1",
                    "akl 2025-03-10 37500 Wh 2 inverters complete=False coverage=0.95",
                    "akl 2025-03-11 0 Wh 0 inverters complete=False coverage=0",
                    "la 2025-03-08 21000 Wh 2 inverters complete=True coverage=1",
                    "la 2025-03-09 18500 Wh 2 inverters complete=True coverage=1",
                    "la 2025-03-10 12000 Wh 1 inverters complete=False coverage=0.25",
                    "la 2025-03-11 0 Wh 0 inverters complete=False coverage=0",
                ],
                rows);
        });

    [Fact]
    public async Task A_day_with_a_clock_change_is_one_row_of_that_day() =>
        await reporting.Silos.RunAsync(async () =>
        {
            // Auckland falls back on 2025-04-06: 25 hours, still one day of the site's calendar.
            Assert.Equal(
                [
                    "akl 2025-04-05 16200 Wh 2 inverters complete=True coverage=1",
                    "akl 2025-04-06 14100 Wh 2 inverters complete=True coverage=1",
                    "akl 2025-04-07 15100 Wh 2 inverters complete=True coverage=1",
                ],
                await Rows("/api/sites/akl/energy?from=2025-04-05&to=2025-04-07"));
        });

    [Fact]
    public async Task Month_rows_add_up_the_sites_days_and_are_incomplete_with_the_observed_share() =>
        await reporting.Silos.RunAsync(async () =>
        {
            // March: 31 days x 2 inverters = 62 inverter-days; April: 60.
            Assert.Equal(
                [
                    $"akl 2025-03 78500 Wh 2 inverters complete=False coverage={Share(3.9, 62)}",
                    $"akl 2025-04 45400 Wh 2 inverters complete=False coverage={Share(6, 60)}",
                    $"la 2025-03 51500 Wh 2 inverters complete=False coverage={Share(4.5, 62)}",
                    $"la 2025-04 29000 Wh 2 inverters complete=False coverage={Share(2, 60)}",
                ],
                await Rows($"/api/fleet/energy?{MonthRange}"));
        });

    [Theory]
    [InlineData($"/api/fleet/energy?{DayRange}")]
    [InlineData($"/api/fleet/energy?{MonthRange}")]
    [InlineData("/api/sites/la/energy?from=2025-03-01&to=2025-04-30")]
    public async Task Csv_matches_json_row_for_row(string path) =>
        await reporting.Silos.RunAsync(async () =>
        {
            var json = await Rows(path);
            using var response = await reporting.Api.Get(path + "&format=csv");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(EnergyCsvResult.Header, lines[0]);
            Assert.Equal(json, lines.Skip(1).Select(FromCsv).ToArray());
            Assert.Equal(
                await Full(path),
                lines.Skip(1).Select(line => string.Join(',', line.Split(',')[..^1])).ToArray());
        });

    [Theory]
    [InlineData("/api/fleet/energy?from=2025-02-30&to=2025-03-01", "from")]
    [InlineData("/api/fleet/energy?from=2025-03-10&to=2025-03-01", "from")]
    [InlineData("/api/fleet/energy?from=2020-01-01&to=2025-01-10", "to")]
    [InlineData("/api/fleet/energy?to=2025-01-10", "from")]
    [InlineData("/api/fleet/energy?from=2025-01-01&to=2025-01-02&interval=week", "interval")]
    [InlineData("/api/fleet/energy?from=03/01/2025&to=2025-03-31&format=csv", "from")]
    [InlineData("/api/sites/la/energy?from=2025-13-01&to=2025-12-01", "from")]
    [InlineData("/api/sites/akl/energy?from=2025-04-01&to=2025-03-01&interval=month", "from")]
    [InlineData("/api/fleet/energy?from=2025-01-01&to=2025-01-02&interval=-5", "interval")]
    [InlineData("/api/fleet/energy?from=2025-01-01&to=2025-01-02&interval=1", "interval")]
    [InlineData("/api/fleet/energy?from=2025-01-01&to=9999-12-31", "to")]
    [InlineData("/api/fleet/energy?from=2025-01-01&to=2025-01-02&format=xml", "format")]
    public async Task Bad_ranges_are_400_problem_documents_naming_the_field(string path, string field) =>
        await reporting.Silos.RunAsync(async () =>
        {
            using var response = await reporting.Api.Get(path);
            Assert.Equal([field], await response.ErrorFields());
        });

    [Theory]
    [InlineData("/api/fleet/energy?from=9999-12-01&to=9999-12-31")]
    [InlineData("/api/sites/la/energy?from=9999-11-15&to=9999-12-31&interval=month")]
    public async Task The_last_dates_there_are_are_future_rows_not_a_server_error(string path) =>
        await reporting.Silos.RunAsync(async () =>
        {
            var rows = (await reporting.Api.GetJson(path)).AsArray();
            Assert.NotEmpty(rows);
            Assert.All(rows, row =>
            {
                Assert.Equal("future", row!["periodStatus"]!.GetValue<string>());
                Assert.Null(row["energyWh"]);
            });
        });

    [Fact]
    public async Task An_unknown_site_is_a_404_problem() =>
        await reporting.Silos.RunAsync(async () =>
        {
            using var response = await reporting.Api.Get("/api/sites/nowhere/energy?from=2025-03-01&to=2025-03-31");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        });

    private static string Share(double observed, int inverterDays) =>
        Math.Round(observed / inverterDays, 4).ToString(CultureInfo.InvariantCulture);

    private async Task<string[]> Rows(string path) =>
        [.. (await reporting.Api.GetJson(path)).AsArray().Select(Describe)];

    // Every field of the JSON rows but the last (siteRemovedAt, null here), as CSV writes them.
    private async Task<string[]> Full(string path) =>
        [.. (await reporting.Api.GetJson(path)).AsArray().Select(row => string.Join(
            ',',
            row!["siteId"], row["period"], row["from"], row["to"], row["periodStatus"], row["timeZone"], row["energyWh"], row["powerTodayWh"],
            row["bridgedWh"], row["setAsideWh"], row["anomalies"], row["restarts"], row["inverters"],
            row["complete"]!.GetValue<bool>() ? "true" : "false",
            row["coverage"]!.GetValue<double>().ToString("0.####", CultureInfo.InvariantCulture)))];

    private static string Describe(JsonNode? row) => string.Create(
        CultureInfo.InvariantCulture,
        $"{row!["siteId"]} {row["period"]} {row["energyWh"]} Wh {row["inverters"]} inverters complete={row["complete"]!.GetValue<bool>()} coverage={row["coverage"]!.GetValue<double>()}");

    private static string FromCsv(string line)
    {
        var f = line.Split(',');
        Assert.Equal(16, f.Length);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{f[0]} {f[1]} {long.Parse(f[6], CultureInfo.InvariantCulture)} Wh {int.Parse(f[12], CultureInfo.InvariantCulture)} inverters complete={bool.Parse(f[13])} coverage={double.Parse(f[14], CultureInfo.InvariantCulture)}");
    }
}
