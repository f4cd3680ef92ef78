using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SolarFleet.Silo.Auth;

namespace SolarFleet.Silo.Api.OpenApi;

/// <summary>
/// The API key in the contract: an <c>X-Api-Key</c> header scheme, required by every operation that needs
/// authorization, with which role in its description.
/// </summary>
public sealed class ApiKeySecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "SolarFleet API",
            Version = "v1",
            Description = "Monitors a fleet of home solar inverters: sites, inverters, the fleet document, energy reports. Every call carries an API key in X-Api-Key (a reader key reads, an admin key also writes); errors are problem documents.",
            Contact = new OpenApiContact { Name = "SolarFleet operators", Url = new Uri("https://solarfleet.invalid/docs/api") },
            License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://solarfleet.invalid/license") },
        };
        foreach (var server in document.Servers ?? [])
        {
            // The server is where the document was fetched from; paths already begin with '/'.
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[AuthPolicies.Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = AuthPolicies.HeaderName,
            Description = "An API key with the role reader (reads) or admin (reads and writes).",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var policies = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        if (policies.Count == 0)
        {
            return Task.CompletedTask;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AuthPolicies.Scheme, context.Document)] = [] });
        operation.Description = (operation.Description is { Length: > 0 } text ? text + " " : string.Empty)
            + (policies.Contains(AuthPolicies.Admin) ? "Needs an admin key." : "Needs a reader or admin key.");
        return Task.CompletedTask;
    }
}
