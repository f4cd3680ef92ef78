using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api.Json;

/// <summary>
/// Reads a JSON request body with a size limit, turning every way it can be wrong (too big, not JSON, a field of the
/// wrong type, a field that does not exist, a key sent twice) into a field-named validation error rather than an
/// exception. The limit given is the one limit, on the body's own bytes: the server enforces it on a declared
/// Content-Length, and a body sent without one is counted here as it arrives.
/// </summary>
public sealed class JsonBody(IOptions<JsonOptions> json)
{
    /// <summary>Most errors listed for one body; a wholly wrong document should not produce a 10 MB answer.</summary>
    public const int MaxErrors = 200;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public async Task<(T? Value, ValidationErrors Errors)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = ValidationErrors.Of(request.HttpContext);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // The server's own limit (30,000,000 bytes unless told) would otherwise cut bodies this endpoint allows.
            // Kestrel counts a chunked body's framing against it as well, which would refuse bodies within the limit:
            // without a Content-Length, the body's own bytes are counted below instead.
            limit.MaxRequestBodySize = request.ContentLength is null ? null : maxBytes;
        }

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
        catch (IOException)
        {
            // The client went away before the end of its body: nothing of it is used.
            errors.Add("body", "ended before it was complete (the client stopped sending).");
            return (null, errors);
        }

        try
        {
            return (Bind<T>(body, errors), errors);
        }
        finally
        {
            reader.AdvanceTo(body.End);
        }
    }

    private T? Bind<T>(ReadOnlySequence<byte> body, ValidationErrors errors)
        where T : class
    {
        if (body.IsEmpty)
        {
            errors.Add("body", "is empty; a JSON object is required.");
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {ex.BytePositionInLine + 1})")
                : string.Empty;
            errors.Add("body", "is not valid JSON" + where + ".");
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add("body", "must be a JSON object.");
                return null;
            }

            // The request may already have errors of its own (a bad route id): only the body's decide whether it binds.
            var before = errors.MessageCount;
            JsonContract.Check(document.RootElement, typeof(T), errors, MaxErrors);
            return errors.MessageCount == before ? document.RootElement.Deserialize<T>(json.Value.SerializerOptions) : null;
        }
    }

    private static string TooLarge(long? length, int maxBytes) => length is { } n
        ? string.Create(CultureInfo.InvariantCulture, $"is {n} bytes; the limit is {maxBytes} bytes.")
        : string.Create(CultureInfo.InvariantCulture, $"is larger than the limit of {maxBytes} bytes.");
}
