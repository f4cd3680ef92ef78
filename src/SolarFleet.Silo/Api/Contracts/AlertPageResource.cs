using System.Text.Json.Serialization;

namespace SolarFleet.Silo.Api.Contracts;

/// <summary>
/// A page of alerts, newest raised first. <see cref="Next"/> is the cursor of the next page (pass it as <c>after</c>),
/// null on the last. A site's page also says how daylight is judged there (<see cref="Daylight"/>).
/// </summary>
public sealed record AlertPageResource(
    IReadOnlyList<AlertResource> Alerts,
    string? Next,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Daylight = null);
