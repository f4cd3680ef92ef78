namespace SolarFleet.Postgres.GrainState;

/// <summary>What a read found: no row, or a row's version and payload (null once cleared).</summary>
internal readonly record struct StoredState(int? Version, byte[]? Payload);

/// <summary>A write that succeeds only over <paramref name="ExpectedVersion"/> (null: only if no row exists).</summary>
internal sealed record StateWrite(GrainStateKey Key, int? ExpectedVersion, byte[] Payload);

/// <summary>A clear (payload dropped, row and version kept) that succeeds only over <paramref name="ExpectedVersion"/>.</summary>
internal sealed record StateClear(GrainStateKey Key, int ExpectedVersion);
