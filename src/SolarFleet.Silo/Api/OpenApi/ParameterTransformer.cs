using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SolarFleet.Silo.Api.Routing;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api.OpenApi;

/// <summary>
/// Every parameter in the contract, with its rule: route ids that a filter reads rather than the handler (so the
/// generator never sees them) are added, ids carry their pattern, and parameters limited by
/// <see cref="AllowedValuesAttribute"/> list their values.
/// </summary>
public sealed partial class ParameterTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        operation.Parameters ??= [];
        var route = context.Description.RelativePath ?? string.Empty;
        foreach (var name in RouteParameter().Matches(route).Select(m => m.Groups["name"].Value))
        {
            if (!operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == name))
            {
                operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
            }
        }

        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            if (parameter.In == ParameterLocation.Path && parameter.Name is { } name && RouteIdFilter.RouteIds.Contains(name) && parameter.Schema is OpenApiSchema id)
            {
                id.Pattern = RequestValidator.IdPattern;
                parameter.Description ??= $"The {name[..^2]}'s id: 1-{RequestValidator.MaxIdLength} characters of a-z, 0-9, '-' and '_'.";
            }

            var allowed = context.Description.ParameterDescriptions
                .FirstOrDefault(d => string.Equals(d.Name, parameter.Name, StringComparison.OrdinalIgnoreCase))?.ParameterDescriptor is IParameterInfoParameterDescriptor { ParameterInfo: var info }
                ? info.GetCustomAttributes(typeof(AllowedValuesAttribute), inherit: true).OfType<AllowedValuesAttribute>().FirstOrDefault()
                : null;
            if (allowed is not null && parameter.Schema is OpenApiSchema values)
            {
                ListValues(values, allowed);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The values an <see cref="AllowedValuesAttribute"/> allows, as the schema's enum.</summary>
    public static void ListValues(OpenApiSchema schema, AllowedValuesAttribute allowed)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(allowed);
        schema.Enum = allowed.Values.Select(v => (JsonNode)JsonValue.Create(v?.ToString())!).ToList();
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex RouteParameter();
}
