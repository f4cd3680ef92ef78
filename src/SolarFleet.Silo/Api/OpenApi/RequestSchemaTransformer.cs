using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SolarFleet.Silo.Api.OpenApi;

/// <summary>
/// Request bodies say which fields are required by <see cref="RequiredAttribute"/> on the field, and nothing else:
/// every field of a request record is nullable in C# (so that a missing one is the validator's to name), which would
/// otherwise make the contract list every field as required and nullable; fields limited by
/// <see cref="AllowedValuesAttribute"/> list their values.
/// </summary>
public sealed class RequestSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = context.JsonTypeInfo;
        if (type.Kind != JsonTypeInfoKind.Object || !IsRequest(type.Type) || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in type.Properties)
        {
            if (property.AttributeProvider?.GetCustomAttributes(typeof(AllowedValuesAttribute), inherit: true).OfType<AllowedValuesAttribute>().FirstOrDefault() is { } allowed
                && schema.Properties.TryGetValue(property.Name, out var limited) && limited is OpenApiSchema values)
            {
                ParameterTransformer.ListValues(values, allowed);
            }

            if (property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true)
            {
                required.Add(property.Name);
                if (schema.Properties.TryGetValue(property.Name, out var field) && field is OpenApiSchema concrete && concrete.Type is { } kind)
                {
                    concrete.Type = kind & ~JsonSchemaType.Null;
                }
            }
        }

        schema.Required = required;
        return Task.CompletedTask;
    }

    private static bool IsRequest(Type type) => type.Namespace == typeof(Contracts.SiteRequest).Namespace && type.Name.EndsWith("Request", StringComparison.Ordinal)
        || type == typeof(Contracts.FleetDocument) || type == typeof(Contracts.FleetDocumentSite) || type == typeof(Contracts.FleetDocumentInverter);
}
