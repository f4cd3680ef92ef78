using SolarFleet.Postgres.Schema;

namespace SolarFleet.Silo.Hosting;

/// <summary><c>SolarFleet.Silo migrate</c>: applies the PostgreSQL schema and exits, for operators and deploy jobs.</summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var connectionString = configuration.GetConnectionString("SolarFleet");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await stderr.WriteLineAsync("migrate: ConnectionStrings:SolarFleet is not set (ConnectionStrings__SolarFleet or --ConnectionStrings:SolarFleet=...).");
            return 2;
        }

        try
        {
            var report = await new PostgresMigrator().MigrateAsync(connectionString, cancellationToken);
            await stdout.WriteLineAsync(report.ChangedSchema
                ? $"migrate: applied {string.Join(", ", report.Applied)}; schema version {report.SchemaVersion}."
                : $"migrate: schema already at version {report.SchemaVersion}; nothing to do.");
            return 0;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            await stderr.WriteLineAsync($"migrate: {ex.Message}");
            return 1;
        }
    }
}
