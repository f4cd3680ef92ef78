using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SolarFleet.Grains.Alerts;
using SolarFleet.Grains.Energy;
using SolarFleet.Postgres.Alerts;
using SolarFleet.Postgres.History;
using SolarFleet.Postgres.Schema;

namespace SolarFleet.Postgres.Hosting;

public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Registers the schema migrator for <paramref name="connectionString"/> and a hosted service that applies it
    /// at start-up. Call before <c>UseOrleans</c> so the schema is in place before the silo starts.
    /// </summary>
    public static IServiceCollection AddSolarFleetPostgresMigrations(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        AddMigrationGate(services, connectionString);
        services.AddHostedService<PostgresMigrationHostedService>();
        return services;
    }

    /// <summary>
    /// Registers <see cref="PostgresHistoryStore"/> as the <see cref="IEnergyLedgerStore"/> and <see cref="IReadingLog"/>,
    /// replacing any registered before (the embedded in-memory ones).
    /// </summary>
    public static IServiceCollection AddSolarFleetPostgresHistory(
        this IServiceCollection services,
        string connectionString,
        Action<PostgresHistoryOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddOptions<PostgresHistoryOptions>().Configure(options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresHistoryStore>();
        services.RemoveAll<IEnergyLedgerStore>();
        services.RemoveAll<IReadingLog>();
        services.AddSingleton<IEnergyLedgerStore>(provider => provider.GetRequiredService<PostgresHistoryStore>());
        services.AddSingleton<IReadingLog>(provider => provider.GetRequiredService<PostgresHistoryStore>());
        return services;
    }

    /// <summary>
    /// Registers <see cref="PostgresAlertStore"/> as the <see cref="IAlertStore"/> and <see cref="IWebhookOutbox"/>,
    /// replacing any registered before (the embedded in-memory ones). The webhooks it creates deliveries for come from
    /// <see cref="AlertStoreOptions"/>.
    /// </summary>
    public static IServiceCollection AddSolarFleetPostgresAlerts(
        this IServiceCollection services,
        string connectionString,
        Action<PostgresAlertOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddOptions<PostgresAlertOptions>().Configure(options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
        services.AddOptions<AlertStoreOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresAlertStore>();
        services.RemoveAll<IAlertStore>();
        services.RemoveAll<IWebhookOutbox>();
        services.AddSingleton<IAlertStore>(provider => provider.GetRequiredService<PostgresAlertStore>());
        services.AddSingleton<IWebhookOutbox>(provider => provider.GetRequiredService<PostgresAlertStore>());
        return services;
    }

    internal static void AddMigrationGate(IServiceCollection services, string connectionString) =>
        services.TryAddSingleton(provider => new SchemaMigrationGate(
            new PostgresMigrator(provider.GetService<ILogger<PostgresMigrator>>(), provider.GetService<TimeProvider>()),
            connectionString));
}
