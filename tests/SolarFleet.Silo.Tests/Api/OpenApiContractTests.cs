using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Api;

/// <summary>
/// The OpenAPI document is what client generators and integrators read: it must name the key, every parameter with
/// its rule, every answer with its schema, and pass Spectral's OpenAPI rules without a finding.
/// </summary>
public sealed partial class OpenApiContractTests(SiloWithSimulator host) : IClassFixture<SiloWithSimulator>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task The_api_key_is_a_header_security_scheme_that_every_api_operation_requires()
    {
        var document = await Document();

        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.Equal("apiKey", (string?)scheme["type"]);
        Assert.Equal("header", (string?)scheme["in"]);
        Assert.Equal("X-Api-Key", (string?)scheme["name"]);
        foreach (var (name, operation) in Operations(document))
        {
            Assert.True(operation["security"]?.AsArray().Any(r => r!.AsObject().ContainsKey("ApiKey")) == true, $"{name} does not require the API key");
        }
    }

    [Fact]
    public async Task Every_operation_lists_each_error_it_can_answer_with_a_problem_schema()
    {
        var document = await Document();

        foreach (var (name, operation) in Operations(document))
        {
            var responses = operation["responses"]!.AsObject();
            var expected = new List<string> { "401" };
            if (name.StartsWith("put", StringComparison.Ordinal) || name.StartsWith("delete", StringComparison.Ordinal))
            {
                expected.Add("403");
            }

            if (name.Contains("{siteId}", StringComparison.Ordinal))
            {
                // Every site route can name a site there is none of, except the one that creates it.
                expected.AddRange(name == "put /api/sites/{siteId}" ? ["400"] : ["400", "404"]);
            }

            if (name.StartsWith("put", StringComparison.Ordinal))
            {
                expected.AddRange(["400", "415"]);
            }

            if (name == "put /api/fleet")
            {
                expected.Add("412");
            }

            foreach (var status in expected)
            {
                Assert.True(responses.ContainsKey(status), $"{name} does not list {status}");
            }

            foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('4')))
            {
                var schema = (string?)response!["content"]?["application/problem+json"]?["schema"]?["$ref"];
                Assert.True(schema is "#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails", $"{name} {status} has no problem schema ({schema})");
            }
        }
    }

    [Fact]
    public async Task Every_route_parameter_is_described_with_its_id_rule()
    {
        var document = await Document();

        foreach (var (name, operation) in Operations(document))
        {
            foreach (var routeParameter in RouteParameter().Matches(name).Select(m => m.Groups[1].Value))
            {
                var parameter = operation["parameters"]?.AsArray().SingleOrDefault(p => (string?)p!["name"] == routeParameter && (string?)p["in"] == "path");
                Assert.True(parameter is not null, $"{name} does not describe {routeParameter}");
                Assert.True((bool?)parameter["required"]);
                Assert.Equal("^[a-z0-9_-]{1,64}$", (string?)parameter["schema"]!["pattern"]);
            }
        }
    }

    [Fact]
    public async Task Numbers_are_numbers_and_only_required_fields_are_required()
    {
        var document = await Document();

        var schemas = document["components"]!["schemas"]!;
        var inverter = schemas["InverterRequest"]!;
        Assert.Equal("integer", (string?)inverter["properties"]!["port"]!["type"]);
        Assert.Equal(["host", "port"], inverter["required"]!.AsArray().Select(r => (string?)r).Order(StringComparer.Ordinal));
        Assert.Equal(["name", "timeZone"], schemas["SiteRequest"]!["required"]!.AsArray().Select(r => (string?)r).Order(StringComparer.Ordinal));
        Assert.Equal(["kWh", "Wh"], inverter["properties"]!["powerTotalUnit"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Empty(NumberOrString(document));
    }

    [Fact]
    public async Task Enumerated_query_parameters_list_their_values()
    {
        var document = await Document();

        var parameters = document["paths"]!["/api/sites/{siteId}/energy"]!["get"]!["parameters"]!.AsArray();
        Assert.Equal(["day", "month"], parameters.Single(p => (string?)p!["name"] == "interval")!["schema"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["json", "csv"], parameters.Single(p => (string?)p!["name"] == "format")!["schema"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.True((bool?)parameters.Single(p => (string?)p!["name"] == "from")!["required"]);
    }

    [Fact]
    public async Task Spectral_finds_nothing_in_the_document()
    {
        var path = Path.Combine(Path.GetTempPath(), $"solarfleet-openapi-{Guid.NewGuid():N}.json");
        using var response = await host.Anonymous.Get("/openapi/v1.json");
        await File.WriteAllTextAsync(path, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        try
        {
            var (code, output) = await NodeChecks.RunAsync(
                "spectral", ["lint", path, "--ruleset", "openapi.spectral.yaml", "--fail-severity", "hint", "--format", "text"], TestContext.Current.CancellationToken);

            Assert.True(code == 0, $"Spectral found problems in /openapi/v1.json:\n{output}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<JsonNode> Document() => await host.Anonymous.GetJson("/openapi/v1.json");

    private static IEnumerable<(string Name, JsonNode Operation)> Operations(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        where path.Key.StartsWith("/api/", StringComparison.Ordinal)
        from method in Methods
        let operation = path.Value![method]
        where operation is not null
        select ($"{method} {path.Key}", operation);

    /// <summary>Every schema whose type allows both a number and a string (a number sent as text would pass).</summary>
    private static List<string> NumberOrString(JsonNode? node, string where = "$")
    {
        var found = new List<string>();
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonArray types)
                {
                    var kinds = types.Select(t => (string?)t).ToList();
                    if ((kinds.Contains("integer") || kinds.Contains("number")) && kinds.Contains("string"))
                    {
                        found.Add(where);
                    }
                }

                foreach (var (key, value) in obj)
                {
                    found.AddRange(NumberOrString(value, $"{where}.{key}"));
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    found.AddRange(NumberOrString(array[i], $"{where}[{i}]"));
                }

                break;
        }

        return found;
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex RouteParameter();
}
