using Microsoft.AspNetCore.Http.HttpResults;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api;

/// <summary>The API's uniform error answers (application/problem+json).</summary>
public static class ApiResults
{
    public static ValidationProblem Invalid(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is not valid.");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status412PreconditionFailed, title: "The document changed meanwhile");
}
