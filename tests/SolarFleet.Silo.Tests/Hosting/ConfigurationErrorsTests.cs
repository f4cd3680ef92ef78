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

    [Theory]
    [InlineData("ops\0desk")]
    [InlineData("ops\ndesk")]
    [InlineData(" ")]
    public void An_api_key_name_that_alert_history_cannot_hold_names_its_setting(string name)
    {
        var options = new SolarFleetOptions { ApiKeys = [new ApiKeyEntry { Key = "a-key-of-enough-length", Role = ApiKeyRole.Admin, Name = name }] };

        var error = Assert.Single(ConfigurationErrors.Find(options, null));

        Assert.StartsWith("SolarFleet:ApiKeys:0:Name", error, StringComparison.Ordinal);
    }

    [Fact]
    public void No_gateway_port_is_the_default_and_valid()
    {
        var options = new SolarFleetOptions();

        Assert.Equal(0, options.Orleans.GatewayPort);
        Assert.Empty(ConfigurationErrors.Find(options, null));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(70000)]
    public void A_gateway_port_outside_0_to_65535_names_the_setting(int port)
    {
        var options = new SolarFleetOptions();
        options.Orleans.GatewayPort = port;

        var errors = ConfigurationErrors.Find(options, null);

        Assert.Contains(errors, error => error.StartsWith("SolarFleet:Orleans:GatewayPort must be 0 (no gateway) or 1-65535", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gateway_on_the_silo_port_names_both_settings()
    {
        var options = new SolarFleetOptions();
        options.Orleans.GatewayPort = options.Orleans.SiloPort;

        var errors = ConfigurationErrors.Find(options, null);

        Assert.Contains("SolarFleet:Orleans:SiloPort and SolarFleet:Orleans:GatewayPort must differ.", errors);
    }

    [Fact]
    public void A_value_of_the_wrong_type_stops_start_up_naming_the_setting()
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => SolarFleetApp.CreateBuilder(["--SolarFleet:Storage=Cassandra"]));
        Assert.Contains("SolarFleet:Storage", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.0/33", "an IPv4 prefix length is 0-32")]
    [InlineData("10.0.0.1/8", "bits are set after the prefix (the network is 10.0.0.0/8)")]
    [InlineData("10/8", "write an IPv4 address as four decimal numbers")]
    [InlineData("::ffff:10.0.0.0/104", "write an IPv4-mapped network as IPv4")]
    [InlineData("pi.home.lan/24", "not an IP address")]
    public void A_bad_allowed_network_stops_start_up_naming_the_setting_the_value_and_the_problem(string network, string problem)
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => SolarFleetApp.CreateBuilder(
            ["--SolarFleet:Polling:AllowedNetworks:0=10.0.0.0/8", $"--SolarFleet:Polling:AllowedNetworks:1={network}"]));

        var error = Assert.Single(ex.Errors);
        Assert.StartsWith("SolarFleet:Polling:AllowedNetworks:1 must be a network in CIDR notation", error, StringComparison.Ordinal);
        Assert.Contains($"'{network}'", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }
    [Fact]
    public void The_alert_rules_defaults_are_valid() =>
        Assert.Empty(AlertRuleErrors.Find(new SolarFleet.Grains.Alerts.AlertRuleOptions()));

    [Theory]
    [InlineData("SolarFleet:Alerts:Underproduction:Window", "00:00:00")]
    [InlineData("SolarFleet:Alerts:Underproduction:Window", "soon")]
    [InlineData("SolarFleet:Alerts:Underproduction:Threshold", "5")]
    [InlineData("SolarFleet:Alerts:Underproduction:Threshold", "NaN")]
    [InlineData("SolarFleet:Alerts:Underproduction:ClearThreshold", "0.5")]
    [InlineData("SolarFleet:Alerts:Underproduction:NearestPeers", "2")]
    [InlineData("SolarFleet:Alerts:Underproduction:PeerRadiusKm", "-1")]
    [InlineData("SolarFleet:Alerts:Underproduction:PeerSettle", "02:00:00")]
    [InlineData("SolarFleet:Alerts:Underproduction:OwnHistoryDays", "0")]
    [InlineData("SolarFleet:Alerts:Underproduction:LearningDays", "1")]
    [InlineData("SolarFleet:Alerts:Daylight:MinElevationDegrees", "95")]
    [InlineData("SolarFleet:Alerts:Grid:MinVoltageV", "260")]
    [InlineData("SolarFleet:Alerts:Timing:GridOutOfRange:RaiseAfter", "-00:01:00")]
    public void A_bad_alert_rule_setting_stops_start_up_naming_the_setting(string setting, string value)
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => SolarFleetApp.CreateBuilder([$"--{setting}={value}"]));

        // A setting out of its range may also put another out of step with it (a window of zero and the settle time).
        Assert.Contains(ex.Errors, e => e.Contains(setting, StringComparison.Ordinal));
    }
}
