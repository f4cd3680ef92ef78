using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using SolarFleet.Silo.Hosting;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Hosting;

public sealed class HttpListenAddressTests
{
    [Fact]
    public void With_no_address_setting_the_api_listens_on_localhost_5080() =>
        Assert.Equal("http://localhost:5080", HttpListenAddress.Fallback(Configuration()));

    [Theory]
    [InlineData("urls", "http://+:8080")]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Api:Url", "http://0.0.0.0:8080")]
    public void Any_address_setting_replaces_the_development_default(string key, string value) =>
        Assert.Null(HttpListenAddress.Fallback(Configuration((key, value))));

    [Fact]
    public void The_host_listens_where_the_command_line_says()
    {
        var builder = SolarFleetApp.CreateBuilder(["--urls=http://127.0.0.1:61080"]);

        Assert.Equal("http://127.0.0.1:61080", builder.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    [Fact]
    public void The_host_listens_on_localhost_5080_when_nothing_names_an_address()
    {
        Assert.SkipWhen(
            new[] { "ASPNETCORE_URLS", "URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "HTTP_PORTS" }.Any(v => Environment.GetEnvironmentVariable(v) is not null),
            "The test runner's environment names an address.");

        var builder = SolarFleetApp.CreateBuilder([]);

        Assert.Equal("http://localhost:5080", builder.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    [Fact]
    public void The_settings_file_names_no_address_which_would_beat_ASPNETCORE_URLS()
    {
        var settings = new ConfigurationBuilder().AddJsonFile(RepositoryRoot.File("src", "SolarFleet.Silo", "appsettings.json")).Build();

        Assert.Equal("http://localhost:5080", HttpListenAddress.Fallback(settings));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
