using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>The real SolarFleet host (embedded default) on its own Orleans ports, with known test keys.</summary>
public class SolarFleetFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";
    public const string ReaderKey = "test-reader-key-0123456789abcdef";

    private readonly List<Action<IServiceCollection>> _services = [];

    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal)
    {
        ["SolarFleet:ApiKeys:0:Key"] = AdminKey,
        ["SolarFleet:ApiKeys:0:Role"] = "Admin",
        ["SolarFleet:ApiKeys:1:Key"] = ReaderKey,
        ["SolarFleet:ApiKeys:1:Role"] = "Reader",
        ["SolarFleet:Orleans:SiloPort"] = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
        ["SolarFleet:Metrics:RefreshInterval"] = "00:00:01",
    };

    public SolarFleetFactory With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Changes the host's services after it registered its own (a fake clock, say).</summary>
    public SolarFleetFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public HttpClient Client(string? apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => _services.ForEach(configure => configure(services)));
    }
}
