using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Alerts;
using SolarFleet.Silo.Api.Contracts;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api.Alerts;

/// <summary>/api/alerts: what needs a visit, from raise to resolve, and its acknowledgement.</summary>
public static class AlertEndpoints
{
    public static RouteGroupBuilder MapAlertEndpoints(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts");
        alerts.MapGet("/", ListAlerts).ForReaders().Checked().WithName("ListAlerts")
            .WithSummary("Alerts of every site, newest raised first: open by default.");
        alerts.MapPost("/{alertId}/acknowledge", Acknowledge).ForAdmins().WithName("AcknowledgeAlert").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Marks an alert acknowledged by the caller's key; the first acknowledgement stands.");
        api.MapGet("/sites/{siteId}/alerts", ListSiteAlerts).ForReaders().Checked().WithTags("Alerts").WithName("ListSiteAlerts")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One site's alerts (also of a removed site), and how daylight is judged there.");
        return api;
    }

    private static async Task<Results<Ok<AlertPageResource>, ValidationProblem>> ListAlerts(
        HttpContext http, [AsParameters] AlertQueryParameters parameters, [FromServices] IAlertStore store, CancellationToken cancellationToken)
    {
        var errors = ValidationErrors.Of(http);
        if (AlertListQuery.Parse(parameters, siteId: null, errors) is not { } query)
        {
            return ApiResults.Invalid(errors);
        }

        return TypedResults.Ok(ToResource(await store.QueryAsync(query, cancellationToken), daylight: null));
    }

    private static async Task<Results<Ok<AlertPageResource>, ValidationProblem, ProblemHttpResult>> ListSiteAlerts(
        HttpContext http,
        string siteId,
        [AsParameters] AlertQueryParameters parameters,
        [FromServices] IAlertStore store,
        [FromServices] IGrainFactory grains,
        [FromServices] IOptions<AlertRuleOptions> rules,
        CancellationToken cancellationToken)
    {
        var errors = ValidationErrors.Of(http);
        if (AlertListQuery.Parse(parameters, siteId, errors) is not { } query)
        {
            return ApiResults.Invalid(errors);
        }

        if (await grains.GetGrain<ISiteGrain>(siteId).GetSnapshot() is not { } site)
        {
            return ApiResults.NotFound($"There is no site '{siteId}'.");
        }

        var summary = site.Summary;
        var daylight = Daylight.For(summary.Latitude, summary.Longitude, summary.TimeZone, rules.Value.Daylight).Describe();
        return TypedResults.Ok(ToResource(await store.QueryAsync(query, cancellationToken), daylight));
    }

    private static async Task<Results<Ok<AlertResource>, ProblemHttpResult>> Acknowledge(
        HttpContext http, string alertId, [FromServices] IAlertStore store, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var by = http.User.FindFirstValue(ClaimTypes.Name) ?? "admin";
        return await store.AcknowledgeAsync(alertId, by, time.GetUtcNow(), cancellationToken) is { } alert
            ? TypedResults.Ok(alert.ToResource())
            : ApiResults.NotFound($"There is no alert '{alertId}'.");
    }

    private static AlertPageResource ToResource(AlertPage page, string? daylight) =>
        new(page.Alerts.Select(a => a.ToResource()).ToArray(), page.Next is { } next ? AlertListQuery.Cursor.Format(next) : null, daylight);
}
