using SolarFleet.Silo.Auth;
using SolarFleet.Silo.Hosting;

namespace SolarFleet.Silo.Tests.Hosting;

public sealed class ConfigurationErrorsTests
{
    [Fact]
    public void Defaults_are_valid() =>
        Assert.Empty(ConfigurationErrors.Find(new SolarFleetOptions(), null));

    [Fact]
    public void Postgres_without_a_connection_string_names_the_setting()
    {
        var errors = ConfigurationErrors.Find(new SolarFleetOptions { Storage = StorageKind.Postgres }, null);
        Assert.Contains(errors, e => e.Contains("ConnectionStrings:SolarFleet", StringComparison.Ordinal));
    }

    [Fact]
    public void Short_api_keys_and_bad_ports_name_their_settings()
    {
        var options = new SolarFleetOptions { ApiKeys = [new ApiKeyEntry { Key = "short", Role = ApiKeyRole.Admin }] };
        options.Orleans.SiloPort = 0;

        var errors = ConfigurationErrors.Find(options, null);

        Assert.Contains(errors, e => e.StartsWith("SolarFleet:ApiKeys:0:Key", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SolarFleet:Orleans:SiloPort", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_of_the_wrong_type_stops_start_up_naming_the_setting()
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => SolarFleetApp.CreateBuilder(["--SolarFleet:Storage=Cassandra"]));
        Assert.Contains("SolarFleet:Storage", ex.Message, StringComparison.Ordinal);
    }
}
