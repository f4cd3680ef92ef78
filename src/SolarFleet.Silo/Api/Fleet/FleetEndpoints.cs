using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Network;
using SolarFleet.Silo.Api.Contracts;
using SolarFleet.Silo.Api.Json;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Hosting;
using SolarFleet.Silo.Reads;

namespace SolarFleet.Silo.Api.Fleet;

/// <summary>
/// /api/fleet and /api/problems: the roll-up, what needs attention, and the fleet document, which is stored whole as
/// desired state and applied by the grains (see <see cref="IFleetDocumentGrain"/>).
/// </summary>
public static class FleetEndpoints
{
    public const int MaxWaitSeconds = 600;

    public static RouteGroupBuilder MapFleetEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/fleet", GetFleet).WithTags("Fleet").ForReaders().WithName("GetFleet").WithSummary("The fleet roll-up.");
        api.MapPut("/fleet", PutFleet).WithTags("Fleet").ForAdmins().TakesJson<FleetDocument>().ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName("PutFleet")
            .WithSummary("Stores a whole fleet document as the next generation; the fleet is then made to match it (sites it does not list are removed).")
            .WithDescription("200 when the fleet already matches it (or matched within ?wait= seconds), else 202 while it converges; the ETag is the generation. If-Match with a generation makes the store conditional (412 when another generation was stored meanwhile).");
        api.MapGet("/fleet/document", GetDocument).WithTags("Fleet").ForReaders().ProducesProblem(StatusCodes.Status404NotFound).WithName("GetFleetDocument")
            .WithSummary("The stored fleet document, its generation, and how far the fleet is from matching it.");
        api.MapGet("/fleet/document/status", GetDocumentStatus).WithTags("Fleet").ForReaders().WithName("GetFleetDocumentStatus")
            .WithSummary("How far the fleet is from matching the stored document, without the document.");
        api.MapGet("/problems", GetProblems).WithTags("Fleet").ForReaders().WithName("ListProblems").WithSummary("Every inverter that needs attention.");
        return api;
    }

    private static async Task<Ok<FleetResource>> GetFleet([FromServices] FleetReads reads) =>
        TypedResults.Ok((await reads.SummaryAsync()).ToResource());

    private static async Task<Ok<ProblemResource[]>> GetProblems([FromServices] FleetReads reads) =>
        TypedResults.Ok((await reads.ProblemsAsync()).Select(p => p.ToResource()).ToArray());

    private static async Task<Results<Ok<FleetDocumentStatusResource>, Accepted<FleetDocumentStatusResource>, ValidationProblem, ProblemHttpResult>> PutFleet(
        HttpRequest request,
        HttpResponse response,
        [FromServices] JsonBody json,
        [FromServices] IOptions<SolarFleetOptions> options,
        [FromServices] FleetDocuments documents,
        [FromServices] TargetPolicy policy,
        [FromQuery, Description("Seconds (0 to 600) to wait for the fleet to match the document before answering; 0 or absent answers at once.")] string? wait,
        [FromHeader(Name = "If-Match"), Description("The generation this document replaces, as the ETag gave it (\"12\"; \"0\" when none is stored): 412 if another was stored since.")] string? ifMatch,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var waitFor = ParseWait(wait, errors);
        var expected = ParseIfMatch(ifMatch, errors);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        var (body, bodyErrors) = await json.ReadAsync<FleetDocument>(request, options.Value.Api.MaxFleetDocumentBytes, cancellationToken);
        var desired = body is null ? null : FleetDocumentValidator.Check(body, bodyErrors, policy);
        if (!bodyErrors.IsEmpty || desired is null)
        {
            return ApiResults.Invalid(bodyErrors);
        }

        FleetDocumentStatus status;
        try
        {
            status = await documents.StoreAsync(desired, expected);
        }
        catch (GenerationConflictException conflict)
        {
            response.Headers.ETag = ETag(conflict.Actual);
            return ApiResults.PreconditionFailed($"{conflict.Message} Read it again (GET /api/fleet/document) and send yours with If-Match: \"{conflict.Actual}\".");
        }

        // Stored: from here the fleet converges whether or not this client waits to see it.
        if (waitFor > TimeSpan.Zero)
        {
            status = await documents.WaitAsync(status.Generation, waitFor, cancellationToken);
        }

        response.Headers.ETag = ETag(status.Generation);
        response.Headers.Location = "/api/fleet/document";
        var resource = status.ToResource();
        return status.ObservedGeneration >= status.Generation ? TypedResults.Ok(resource) : TypedResults.Accepted("/api/fleet/document", resource);
    }

    private static async Task<Results<Ok<StoredFleetDocumentResource>, ProblemHttpResult>> GetDocument(HttpResponse response, [FromServices] FleetDocuments documents)
    {
        if (await documents.DocumentAsync() is not { } stored)
        {
            return ApiResults.NotFound("No fleet document has been stored (PUT /api/fleet stores one).");
        }

        var status = await documents.StatusAsync();
        response.Headers.ETag = ETag(stored.Generation);
        return TypedResults.Ok(new StoredFleetDocumentResource(stored.Generation, status.ToResource(), stored.Document.ToResource()));
    }

    private static async Task<Ok<FleetDocumentStatusResource>> GetDocumentStatus(HttpResponse response, [FromServices] FleetDocuments documents)
    {
        var status = await documents.StatusAsync();
        response.Headers.ETag = ETag(status.Generation);
        return TypedResults.Ok(status.ToResource());
    }

    private static string ETag(long generation) => string.Create(CultureInfo.InvariantCulture, $"\"{generation}\"");

    private static TimeSpan ParseWait(string? wait, ValidationErrors errors)
    {
        if (wait is null)
        {
            return TimeSpan.Zero;
        }

        if (int.TryParse(wait, System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= MaxWaitSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        errors.Add("wait", string.Create(CultureInfo.InvariantCulture, $"must be a whole number of seconds from 0 to {MaxWaitSeconds}."));
        return TimeSpan.Zero;
    }

    /// <summary>The generation an If-Match names ("12" or 12; "0" means no document yet); null without the header.</summary>
    private static long? ParseIfMatch(string? ifMatch, ValidationErrors errors)
    {
        if (ifMatch is null)
        {
            return null;
        }

        var tag = ifMatch.Trim();
        if (tag.Length >= 2 && tag[0] == '"' && tag[^1] == '"')
        {
            tag = tag[1..^1];
        }

        if (long.TryParse(tag, System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
        {
            return generation;
        }

        errors.Add("If-Match", "must be the generation of the stored fleet document, as its ETag gives it (for example \"12\").");
        return null;
    }
}
