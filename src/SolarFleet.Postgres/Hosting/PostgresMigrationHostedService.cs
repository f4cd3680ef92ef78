using Microsoft.Extensions.Hosting;
using SolarFleet.Postgres.Schema;

namespace SolarFleet.Postgres.Hosting;

/// <summary>
/// Applies the schema when the host starts. Register it before <c>UseOrleans</c> so that it runs before the
/// silo starts (hosted services start in registration order); a failure stops the host from starting.
/// </summary>
public sealed class PostgresMigrationHostedService(SchemaMigrationGate gate) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => gate.EnsureMigratedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
