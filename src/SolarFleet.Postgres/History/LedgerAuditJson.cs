using System.Text.Json;
using System.Text.Json.Serialization;
using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Postgres.History;

/// <summary>A ledger row's audit as it is kept in the <c>audit</c> jsonb column.</summary>
internal static class LedgerAuditJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string? Write(IReadOnlyList<LedgerAuditEntry>? audit) =>
        audit is { Count: > 0 } ? JsonSerializer.Serialize(audit, Options) : null;

    public static IReadOnlyList<LedgerAuditEntry>? Read(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<LedgerAuditEntry[]>(json, Options);
}
