using Npgsql;
using SolarFleet.Postgres.Hosting;

namespace SolarFleet.Postgres.Tests.Orleans;

public sealed class OrleansProviderConnectionTests
{
    [Fact]
    public void Adds_no_reset_and_automatic_preparation_when_the_operator_set_neither()
    {
        var tuned = new NpgsqlConnectionStringBuilder(OrleansProviderConnection.For("Host=db;Database=solarfleet;Username=silo;Password=secret;Maximum Pool Size=40"));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(OrleansProviderConnection.AutoPreparedStatements, tuned.MaxAutoPrepare);
        Assert.Equal(("db", "solarfleet", "silo", "secret", 40), (tuned.Host, tuned.Database, tuned.Username, tuned.Password, tuned.MaxPoolSize));
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;NoResetOnClose=false;MaxAutoPrepare=0")]
    [InlineData("host=db;no reset on close=False;max auto prepare=0")]
    public void Keeps_what_the_operator_chose_under_any_spelling(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(OrleansProviderConnection.For(connectionString));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_connection_string_is_an_argument_error(string connectionString) =>
        Assert.ThrowsAny<ArgumentException>(() => OrleansProviderConnection.For(connectionString));
}
