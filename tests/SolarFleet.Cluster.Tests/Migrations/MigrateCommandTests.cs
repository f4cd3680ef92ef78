using System.Globalization;
using SolarFleet.Cluster.Tests.Infrastructure;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Migrations;

/// <summary><c>SolarFleet.Silo migrate</c>, run as a deploy job would run it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrateCommandTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Migrate_applies_the_schema_once_with_a_one_line_report_then_does_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await postgres.Server.CreateDatabaseAsync("migrate", ct);

        var first = await SiloExecutable.RunAsync(Limit, "migrate", $"--ConnectionStrings:SolarFleet={database}");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(
            ["migrate: applied 0001_orleans_membership, 0002_orleans_reminders, 0003_orleans_grain_state, 0004_solarfleet_history, 0005_ledger_provenance, 0006_alerts; schema version 6."],
            first.StdoutLines);
        Assert.Empty(first.Stderr);
        Assert.Equal(
            [1, 2, 3, 4, 5, 6],
            await Db.ListAsync<int>(database, "SELECT version FROM solarfleet.schema_migrations ORDER BY version", ct));
        var appliedAt = await Db.ScalarAsync<DateTime>(database, "SELECT max(applied_at) FROM solarfleet.schema_migrations", ct);

        var second = await SiloExecutable.RunAsync(Limit, "migrate", $"--ConnectionStrings:SolarFleet={database}");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(["migrate: schema already at version 6; nothing to do."], second.StdoutLines);
        Assert.Empty(second.Stderr);
        Assert.Equal(appliedAt, await Db.ScalarAsync<DateTime>(database, "SELECT max(applied_at) FROM solarfleet.schema_migrations", ct));
    }

    [Fact]
    public async Task Migrate_needs_no_cluster_certificates_when_given_the_settings_of_a_silo_on_postgresql()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await postgres.Server.CreateDatabaseAsync("migrate_no_tls", ct);

        // As the migrate Job and compose service run it: the silos' settings, without the cluster TLS files.
        var run = await SiloExecutable.RunAsync(Limit, "migrate", "--SolarFleet:Storage=Postgres", $"--ConnectionStrings:SolarFleet={database}");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public async Task Migrate_against_an_unreachable_database_fails_with_one_line_and_a_non_zero_exit()
    {
        var port = LoopbackPort.Free();

        var run = await SiloExecutable.RunAsync(
            Limit,
            "migrate",
            string.Create(CultureInfo.InvariantCulture, $"--ConnectionStrings:SolarFleet=Host=127.0.0.1;Port={port};Database=solarfleet;Username=solarfleet;Timeout=5"));

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Empty(run.Stdout);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("migrate: ", line, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}"), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_without_a_connection_string_says_which_setting_is_missing()
    {
        var run = await SiloExecutable.RunAsync(Limit, "migrate");

        Assert.True(run.ExitCode != 0, run.ToString());
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("ConnectionStrings:SolarFleet", line, StringComparison.Ordinal);
    }
}
