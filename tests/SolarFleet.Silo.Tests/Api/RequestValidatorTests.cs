using SolarFleet.Abstractions.Inverters;
using SolarFleet.Network;
using SolarFleet.Silo.Api.Contracts;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Tests.Api;

public sealed class RequestValidatorTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("home-12_b", true)]
    [InlineData("", false)]
    [InlineData("Home", false)]
    [InlineData("a/b", false)]
    [InlineData("ü", false)]
    public void Ids_are_lowercase_letters_digits_dash_underscore(string id, bool valid) =>
        Assert.Equal(valid, RequestValidator.IsValidId(id));

    [Fact]
    public void Ids_are_at_most_64_characters()
    {
        Assert.True(RequestValidator.IsValidId(new string('a', 64)));
        Assert.False(RequestValidator.IsValidId(new string('a', 65)));
    }

    [Fact]
    public void Every_bad_inverter_field_is_named()
    {
        var errors = new ValidationErrors();

        var settings = RequestValidator.CheckInverter(errors, "", new InverterRequest("bad host!", 80, 2, "MWh", DcCapacityW: 50, TiltDegrees: 91, AzimuthDegrees: 360), TargetPolicy.Default);

        Assert.Null(settings);
        Assert.Equal(["azimuthDegrees", "dcCapacityW", "host", "pollSeconds", "port", "powerTotalUnit", "tiltDegrees"], errors.ToDictionary().Keys.Order());
    }

    [Theory]
    [InlineData("192.168.1.20")]
    [InlineData("::1")]
    [InlineData("pi-garage.home.lan")]
    public void Hosts_may_be_addresses_or_names(string host)
    {
        var errors = new ValidationErrors();
        var settings = RequestValidator.CheckInverter(errors, "", new InverterRequest(host, 50000, null, null), TargetPolicy.Default);
        Assert.True(errors.IsEmpty);
        Assert.Equal(new InverterSettings(host, 50000), settings);
    }

    [Fact]
    public void Unknown_time_zones_are_rejected_by_name()
    {
        var errors = new ValidationErrors();

        RequestValidator.CheckSite(errors, "sites[0].", "Home", "Mars/Olympus_Mons", null, null);

        var message = Assert.Single(errors.ToDictionary()["sites[0].timeZone"]);
        Assert.Contains("Mars/Olympus_Mons", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("169.254.169.254", "the policy does not allow polling 169.254.169.254 (link-local).")]
    [InlineData("::ffff:a9fe:a9fe", "the policy does not allow polling 169.254.169.254 (link-local).")]
    [InlineData("8.8.8.8", "the policy does not allow polling 8.8.8.8 (not in the allowed networks).")]
    public void An_address_the_policy_refuses_is_named_under_host_with_the_policys_reason(string host, string message)
    {
        var errors = new ValidationErrors();

        var settings = RequestValidator.CheckInverter(errors, "sites[0].inverters[2].", new InverterRequest(host, 50000, null, null), TargetPolicy.Default);

        Assert.Null(settings);
        Assert.Equal(message, Assert.Single(errors.ToDictionary()["sites[0].inverters[2].host"]));
    }

    [Theory]
    [InlineData(" 0x0a000005 ", "10.0.0.5")]
    [InlineData("::ffff:10.0.0.5", "10.0.0.5")]
    [InlineData("[fd00::5]:80", "fd00::5")]
    [InlineData("Pi-Garage.home.lan", "Pi-Garage.home.lan")]
    public void An_address_is_kept_in_canonical_form_and_a_name_as_written(string host, string stored)
    {
        var errors = new ValidationErrors();

        var settings = RequestValidator.CheckInverter(errors, "", new InverterRequest(host, 50000, null, null), TargetPolicy.Default);

        Assert.True(errors.IsEmpty);
        Assert.Equal(stored, settings?.Host);
    }
}
