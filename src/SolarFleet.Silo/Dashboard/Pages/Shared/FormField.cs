namespace SolarFleet.Silo.Dashboard.Pages.Shared;

/// <summary>One labelled input with its hint and the messages for its field (named as the API names it).</summary>
public sealed record FormField(string Name, string Label, string? Value, IReadOnlyList<string> Errors, string? Hint = null, string Type = "text", bool ReadOnly = false, string? List = null)
{
    public static FormField Of(string name, string label, string? value, IReadOnlyDictionary<string, string[]> errors, string? hint = null, string type = "text", bool readOnly = false, string? list = null) =>
        new(name, label, value, errors.TryGetValue(name, out var messages) ? messages : [], hint, type, readOnly, list);
}
