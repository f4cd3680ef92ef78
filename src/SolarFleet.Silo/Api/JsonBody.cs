using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api;

/// <summary>
/// Reads a JSON request body with a size limit, turning every way it can be wrong (too big, not JSON,
/// wrong type at a field) into a field-named validation error rather than an exception.
/// </summary>
public sealed class JsonBody(IOptions<JsonOptions> json)
{
    public async Task<(T? Value, ValidationErrors Errors)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        var errors = new ValidationErrors();
        if (request.ContentLength is { } length && length > maxBytes)
        {
            errors.Add("body", TooLarge(length, maxBytes));
            return (null, errors);
        }

        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("body", $"must be JSON (Content-Type application/json), not '{contentType}'.");
            return (null, errors);
        }

        ReadOnlySequence<byte> body;
        var reader = request.BodyReader;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                if (read.Buffer.Length > maxBytes)
                {
                    errors.Add("body", TooLarge(null, maxBytes));
                    reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                    return (null, errors);
                }

                if (read.IsCompleted)
                {
                    body = read.Buffer;
                    break;
                }

                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (BadHttpRequestException ex)
        {
            errors.Add("body", ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge(null, maxBytes) : ex.Message);
            return (null, errors);
        }

        try
        {
            if (body.IsEmpty)
            {
                errors.Add("body", "is empty; a JSON object is required.");
                return (null, errors);
            }

            var jsonReader = new Utf8JsonReader(body);
            var value = JsonSerializer.Deserialize<T>(ref jsonReader, json.Value.SerializerOptions);
            if (value is null)
            {
                errors.Add("body", "must be a JSON object, not null.");
            }

            return (value, errors);
        }
        catch (JsonException ex)
        {
            errors.Add(FieldOf(ex.Path), Describe(ex));
            return (null, errors);
        }
        finally
        {
            reader.AdvanceTo(body.End);
        }
    }

    private static string TooLarge(long? length, int maxBytes) => length is { } n
        ? string.Create(CultureInfo.InvariantCulture, $"is {n} bytes; the limit is {maxBytes} bytes.")
        : string.Create(CultureInfo.InvariantCulture, $"is larger than the limit of {maxBytes} bytes.");

    // "$.sites[2].port" -> "sites[2].port"; "$" or none -> "body".
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string Describe(JsonException ex)
    {
        var where = ex.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {ex.BytePositionInLine + 1})")
            : "";
        return ex.InnerException is null && ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "has the wrong type for this field" + where + "."
            : "is not valid JSON" + where + ".";
    }
}
