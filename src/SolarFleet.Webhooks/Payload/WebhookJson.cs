using System.Text.Json;
using System.Text.Json.Serialization;

namespace SolarFleet.Webhooks.Payload;

/// <summary>How webhook bodies are written: camelCase names, enums as camelCase strings, compact.</summary>
public static class WebhookJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The body as UTF-8 bytes: what is signed is exactly what is sent.</summary>
    public static byte[] Serialize(WebhookPayload payload) => JsonSerializer.SerializeToUtf8Bytes(payload, Options);
}
