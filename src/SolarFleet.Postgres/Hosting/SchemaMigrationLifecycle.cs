using Orleans;
using Orleans.Runtime;
using SolarFleet.Postgres.Schema;

namespace SolarFleet.Postgres.Hosting;

/// <summary>
/// Makes sure the schema exists before any Orleans provider reads its queries, whatever order the host
/// registered things in: it runs in the first silo lifecycle stage.
/// </summary>
internal sealed class SchemaMigrationLifecycle(SchemaMigrationGate gate) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        nameof(SchemaMigrationLifecycle),
        ServiceLifecycleStage.First,
        cancellationToken => gate.EnsureMigratedAsync(cancellationToken));
}
