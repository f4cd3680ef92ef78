namespace SolarFleet.Abstractions.Energy;

/// <summary>
/// One thing that happened to a day's readings. Repeats of the same kind in a row are folded into one entry:
/// <paramref name="Count"/> says how many, <paramref name="FirstAt"/> and <paramref name="LastAt"/> when (poll clock).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LedgerAuditEntry(LedgerAuditKind Kind, DateTimeOffset FirstAt, DateTimeOffset LastAt, int Count, string Detail);
