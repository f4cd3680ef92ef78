using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SolarFleet.Postgres.Hosting;
using SolarFleet.Postgres.Schema;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Postgres.Tests.Schema;

[Collection(PostgresCollection.Name)]
public sealed class MigratorTests(PostgresFixture fixture)
{
    // Every named query the 10.x clustering, reminder and grain storage providers require at start-up.
    private static readonly string[] ProviderQueryKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "ReadReminderRowKey", "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Scripts_are_embedded_in_version_order()
    {
        var versions = MigrationScript.All.Select(script => script.Version).ToList();

        Assert.Equal([1, 2, 3, 4, 5, 6], versions);
        Assert.Equal("0001_orleans_membership", MigrationScript.All[0].Name);
    }

    [Fact]
    public async Task Empty_database_gets_every_table_and_provider_query()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("migrate", Token);

        var report = await new PostgresMigrator().MigrateAsync(connectionString, Token);

        Assert.Equal(MigrationScript.All.Select(script => script.Name), report.Applied);
        Assert.Empty(report.AlreadyApplied);
        Assert.Equal(6, report.SchemaVersion);
        var keys = await Db.ListAsync<string>(connectionString, "SELECT querykey FROM orleansquery", Token);
        Assert.Empty(ProviderQueryKeys.Except(keys));
        var tables = await Db.ListAsync<string>(
            connectionString,
            "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('public', 'solarfleet')",
            Token);
        Assert.Superset(
            new HashSet<string>
            {
                "public.orleans_membership", "public.orleans_membership_version", "public.orleans_reminders",
                "public.orleans_storage", "solarfleet.daily_ledger", "solarfleet.readings", "solarfleet.schema_migrations",
                "solarfleet.alerts", "solarfleet.webhook_deliveries",
            },
            tables.ToHashSet());
    }

    [Fact]
    public async Task Second_run_is_a_no_op()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("rerun", Token);
        var migrator = new PostgresMigrator();
        await migrator.MigrateAsync(connectionString, Token);

        var again = await migrator.MigrateAsync(connectionString, Token);

        Assert.False(again.ChangedSchema);
        Assert.Equal(6, again.AlreadyApplied.Count);
        Assert.Equal(6L, await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM solarfleet.schema_migrations", Token));
    }

    [Fact]
    public async Task Two_migrators_started_at_once_both_succeed_and_apply_once()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("race", Token);

        var reports = await Task.WhenAll(
            Task.Run(() => new PostgresMigrator().MigrateAsync(connectionString, Token), Token),
            Task.Run(() => new PostgresMigrator().MigrateAsync(connectionString, Token), Token));

        Assert.Equal(6, reports.Sum(report => report.Applied.Count));
        Assert.All(reports, report => Assert.Equal(6, report.SchemaVersion));
        Assert.Equal(6L, await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM solarfleet.schema_migrations", Token));
    }

    [Fact]
    public async Task Hosted_service_migrates_when_the_host_starts()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("hosted", Token);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSolarFleetPostgresMigrations(connectionString);
        using var host = builder.Build();

        await host.StartAsync(Token);
        await host.StopAsync(Token);

        Assert.Equal(6L, await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM solarfleet.schema_migrations", Token));
    }

    [Fact]
    public async Task Host_does_not_start_when_the_database_cannot_be_reached()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSolarFleetPostgresMigrations($"Host=127.0.0.1;Port={LoopbackPort.Free()};Username=postgres;Timeout=2");
        using var host = builder.Build();

        await Assert.ThrowsAsync<NpgsqlException>(() => host.StartAsync(Token));
    }

    [Fact]
    public async Task Edited_applied_migration_is_refused_with_its_name()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("edited", Token);
        await new PostgresMigrator().MigrateAsync(connectionString, Token);
        var edited = MigrationScript.All
            .Select(script => script.Version == 2 ? script with { Checksum = "0000" } : script)
            .ToList();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new PostgresMigrator(edited, null, null).MigrateAsync(connectionString, Token));

        Assert.Contains("0002_orleans_reminders", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_script_is_rolled_back_whole_and_not_recorded()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("broken", Token);
        var broken = new MigrationScript(
            99,
            "0099_broken",
            "CREATE TABLE solarfleet.half_done (id integer); SELECT no_such_function();",
            "abc");
        var scripts = MigrationScript.All.Append(broken).ToList();

        await Assert.ThrowsAsync<PostgresException>(() => new PostgresMigrator(scripts, null, null).MigrateAsync(connectionString, Token));

        Assert.Equal(6L, await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM solarfleet.schema_migrations", Token));
        Assert.Equal(0L, await Db.ScalarAsync<long>(
            connectionString,
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'half_done'",
            Token));
        var lockHolders = await Db.ScalarAsync<long>(
            fixture.Server.ConnectionString(),
            $"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = {PostgresMigrator.AdvisoryLockKey & 0xFFFF_FFFF}",
            Token);
        Assert.Equal(0L, lockHolders);
    }
}
