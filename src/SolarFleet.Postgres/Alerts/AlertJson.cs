using System.Text.Json;
using System.Text.Json.Serialization;
using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Postgres.Alerts;

/// <summary>How alerts are kept in text and jsonb columns: enums by their camelCase names, as the API shows them.</summary>
internal static class AlertJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly Dictionary<string, AlertKind> Kinds = Enum.GetValues<AlertKind>().ToDictionary(value => Name(value), StringComparer.Ordinal);
    private static readonly Dictionary<string, AlertSeverity> Severities = Enum.GetValues<AlertSeverity>().ToDictionary(value => Name(value), StringComparer.Ordinal);

    /// <summary>"darkInDaylight", "critical", "raised".</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static AlertKind Kind(string name) =>
        Kinds.TryGetValue(name, out var kind) ? kind : throw new InvalidOperationException($"Unknown alert kind '{name}' in the database.");

    public static AlertSeverity Severity(string name) =>
        Severities.TryGetValue(name, out var severity) ? severity : throw new InvalidOperationException($"Unknown alert severity '{name}' in the database.");

    public static AlertTransitionKind Transition(string name) =>
        name == "raised" ? AlertTransitionKind.Raised : AlertTransitionKind.Resolved;

    public static string WriteAlert(Alert alert) => JsonSerializer.Serialize(alert, Options);

    public static Alert ReadAlert(string json) =>
        JsonSerializer.Deserialize<Alert>(json, Options) ?? throw new InvalidOperationException("A delivery holds no alert.");

    public static string WriteFigures(IReadOnlyDictionary<string, double> figures) => JsonSerializer.Serialize(figures, Options);

    public static IReadOnlyDictionary<string, double> ReadFigures(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(json, Options) ?? [];
}
