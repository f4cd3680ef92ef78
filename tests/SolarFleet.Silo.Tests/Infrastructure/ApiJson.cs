using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>Small helpers to talk JSON to the API the way a script would.</summary>
public static class ApiJson
{
    public static Uri U(string path) => new(path, UriKind.Relative);

    public static Task<HttpResponseMessage> Put(this HttpClient client, string path, object body) =>
        client.PutAsJsonAsync(U(path), body, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PutRaw(this HttpClient client, string path, string body, string contentType = "application/json") =>
        client.PutAsync(U(path), new StringContent(body, System.Text.Encoding.UTF8, contentType), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> Get(this HttpClient client, string path) =>
        client.GetAsync(U(path), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> Delete(this HttpClient client, string path) =>
        client.DeleteAsync(U(path), TestContext.Current.CancellationToken);

    public static async Task<JsonNode> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonNode.Parse(text) ?? throw new JsonException("empty body");
    }

    public static async Task<JsonNode> GetJson(this HttpClient client, string path)
    {
        using var response = await client.Get(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return await response.Json();
    }

    /// <summary>The field names of a 400 problem document's "errors" object.</summary>
    public static async Task<string[]> ErrorFields(this HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Json())["errors"]!.AsObject();
        return errors.Select(e => e.Key).Order(StringComparer.Ordinal).ToArray();
    }
}
