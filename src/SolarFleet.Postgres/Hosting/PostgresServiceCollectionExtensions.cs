using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SolarFleet.Grains.Energy;
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

    internal static void AddMigrationGate(IServiceCollection services, string connectionString) =>
        services.TryAddSingleton(provider => new SchemaMigrationGate(
            new PostgresMigrator(provider.GetService<ILogger<PostgresMigrator>>(), provider.GetService<TimeProvider>()),
            connectionString));
}
