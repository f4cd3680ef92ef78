using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;
using SolarFleet.Postgres.Alerts;
using SolarFleet.Postgres.Tests.Infrastructure;
using SolarFleet.Silo.Health;

namespace SolarFleet.Silo.Tests.Health;

public sealed class AlertStoreReadinessCheckTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_check_is_healthy_until_alert_writes_fail_and_then_reports_the_backlog_and_the_error()
    {
        // Nothing listens on the port: the database is down from the start.
        var connectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = LoopbackPort.Free(), Username = "postgres", Timeout = 2 }.ConnectionString;
        await using var store = new PostgresAlertStore(
            Options.Create(new PostgresAlertOptions { ConnectionString = connectionString }),
            Options.Create(new AlertStoreOptions()),
            TimeProvider.System,
            NullLogger<PostgresAlertStore>.Instance);
        var check = new AlertStoreReadinessCheck(store);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), Token)).Status);

        var raisedAt = new DateTimeOffset(2025, 6, 21, 12, 0, 0, TimeSpan.Zero);
        store.Record(new AlertTransition(
            new Alert("a-1", AlertKind.Fault, AlertSeverity.Critical, "site-a", "inv-1", raisedAt, null, null, null, "Fault", "detail", new Dictionary<string, double>()),
            AlertTransitionKind.Raised));
        Assert.False(await store.FlushAsync(Token));

        var result = await check.CheckHealthAsync(new HealthCheckContext(), Token);
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("1 transitions waiting", result.Description, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AlertStoreUnavailableException>(() => store.GetAsync("a-1", Token));
    }
}
