namespace SolarFleet.Silo.Tests.Ledger;

/// <summary>The ledger scenarios on the embedded default (grain state and ledger in memory).</summary>
public sealed class LedgerScenariosOnMemory : LedgerScenarios
{
    protected override Task<LedgerHost> StartHostAsync() => LedgerHost.StartAsync(Start, connectionString: null);
}
