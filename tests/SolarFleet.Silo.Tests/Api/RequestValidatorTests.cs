using SolarFleet.Abstractions.Inverters;
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

        var settings = RequestValidator.CheckInverter(errors, "", "bad host!", 80, 2, "MWh");

        Assert.Null(settings);
        Assert.Equal(["host", "pollSeconds", "port", "powerTotalUnit"], errors.ToDictionary().Keys.Order());
    }

    [Theory]
    [InlineData("192.168.1.20")]
    [InlineData("::1")]
    [InlineData("pi-garage.home.lan")]
    public void Hosts_may_be_addresses_or_names(string host)
    {
        var errors = new ValidationErrors();
        var settings = RequestValidator.CheckInverter(errors, "", host, 50000, null, null);
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
}
