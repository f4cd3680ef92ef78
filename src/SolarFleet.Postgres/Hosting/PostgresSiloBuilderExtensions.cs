using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using SolarFleet.Grains.Hosting;
using SolarFleet.Postgres.Alerts;
using SolarFleet.Postgres.Batching;
using SolarFleet.Postgres.GrainState;
using SolarFleet.Postgres.History;
using SolarFleet.Postgres.Reminders;
using SolarFleet.Postgres.Schema;

namespace SolarFleet.Postgres.Hosting;

public static class PostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant name of Npgsql, as the Orleans providers know it.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Production storage: cluster membership through the Orleans ADO.NET provider; reminders and grain state
    /// (provider <see cref="SolarFleetStorage.GrainStateProvider"/>) through <see cref="PostgresReminderTable"/> and
    /// <see cref="PostgresGrainStorage"/>, which keep that provider's tables and batch; and the energy history, the
    /// alerts and the webhook outbox in the <c>solarfleet</c> schema. The schema is migrated in the silo's first
    /// lifecycle stage, before any provider starts.
    /// </summary>
    public static ISiloBuilder UseSolarFleetPostgres(
        this ISiloBuilder builder,
        string connectionString,
        Action<PostgresHistoryOptions>? configureHistory = null,
        Action<PostgresAlertOptions>? configureAlerts = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var providers = OrleansProviderConnection.For(connectionString);

        builder.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = providers;
        });
        builder.Services.TryAddSingleton(services => new StatementMetrics(services.GetService<IMeterFactory>()));
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable>(services => new PostgresReminderTable(
            providers,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            services.GetRequiredService<StatementMetrics>()));
        builder.Services.AddGrainStorage(SolarFleetStorage.GrainStateProvider, (services, name) => new PostgresGrainStorage(
            name,
            providers,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            // Grain state types are [GenerateSerializer] records: the Orleans binary format is version tolerant for them.
            new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<ILogger<PostgresGrainStorage>>(),
            services.GetRequiredService<StatementMetrics>()));

        // The schema must exist before any provider reads its queries, whatever order the host registered
        // things in: migrate in the silo's very first stage.
        PostgresServiceCollectionExtensions.AddMigrationGate(builder.Services, connectionString);
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => new SiloStageHook(
            "SolarFleet schema migration",
            ServiceLifecycleStage.First,
            provider.GetRequiredService<SchemaMigrationGate>().EnsureMigratedAsync));

        // History flushing starts before grains run and stops (with a final flush) only after they have been
        // deactivated: runtime stages stop after the application ones.
        builder.Services.AddSolarFleetPostgresHistory(connectionString, configureHistory);
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider =>
        {
            var store = provider.GetRequiredService<PostgresHistoryStore>();
            return new SiloStageHook("SolarFleet history store", ServiceLifecycleStage.RuntimeInitialize, store.StartAsync, store.StopAsync);
        });
        builder.Services.AddSolarFleetPostgresAlerts(connectionString, configureAlerts);
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider =>
        {
            var store = provider.GetRequiredService<PostgresAlertStore>();
            return new SiloStageHook("SolarFleet alert store", ServiceLifecycleStage.RuntimeInitialize, store.StartAsync, store.StopAsync);
        });
        return builder;
    }
}
