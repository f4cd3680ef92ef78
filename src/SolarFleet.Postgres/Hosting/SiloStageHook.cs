using Orleans;
using Orleans.Runtime;

namespace SolarFleet.Postgres.Hosting;

/// <summary>Runs start (and stop) work at one stage of the silo lifecycle.</summary>
internal sealed class SiloStageHook(
    string name,
    int stage,
    Func<CancellationToken, Task> onStart,
    Func<CancellationToken, Task>? onStop = null) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(name, stage, onStart, onStop ?? (_ => Task.CompletedTask));
}
