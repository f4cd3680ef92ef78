using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Silo.Api.Alerts;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Dashboard.Alerts;

namespace SolarFleet.Silo.Dashboard.Pages;

public sealed class AlertsModel(AlertListReader reader) : PageModel
{
    public AlertQueryParameters Parameters { get; private set; } = new();

    public AlertPage Alerts { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Zones { get; private set; } = new Dictionary<string, string>();

    public ValidationErrors Errors { get; private set; } = new();

    public string? NextLink { get; private set; }

    public async Task OnGetAsync([FromQuery] string? state, [FromQuery] string? kind, [FromQuery] string? severity, [FromQuery] string? after, CancellationToken cancellationToken)
    {
        Parameters = new AlertQueryParameters { State = Blank(state), Kind = Blank(kind), Severity = Blank(severity), After = Blank(after) };
        (Alerts, Zones, Errors) = await reader.ReadAsync(Parameters, cancellationToken);
        if (Alerts.Next is { } next)
        {
            var query = new QueryBuilder();
            foreach (var (name, value) in new[] { ("state", Parameters.State), ("kind", Parameters.Kind), ("severity", Parameters.Severity) })
            {
                if (value is not null)
                {
                    query.Add(name, value);
                }
            }

            query.Add("after", AlertListQuery.Cursor.Format(next));
            NextLink = "/alerts" + query.ToQueryString();
        }
    }

    // An empty select ("any") is no filter, not a bad value.
    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
