using Orleans;
using Orleans.Runtime;
using SolarFleet.Postgres.History;

namespace SolarFleet.Postgres.Hosting;

/// <summary>
/// Starts the history store's flush loop before grains run and stops it (with a final flush) only after they
/// have been deactivated, since the runtime stages stop after the application ones.
/// </summary>
internal sealed class HistoryStoreLifecycle(PostgresHistoryStore store) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        nameof(HistoryStoreLifecycle),
        ServiceLifecycleStage.RuntimeInitialize,
        store.StartAsync,
        store.StopAsync);
}
