using Microsoft.Extensions.Configuration;
using SolarFleet.Silo.Auth;
using SolarFleet.Silo.Hosting;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Api;

/// <summary>The role names an operator reads in the docs are the ones the host accepts, spelled alike in every doc.</summary>
public sealed class ApiKeyRoleNamesTests
{
    [Theory]
    [InlineData("api.md")]
    [InlineData("operations.md")]
    public void The_docs_spell_each_role_as_the_host_does(string doc)
    {
        var text = File.ReadAllText(RepositoryRoot.File("docs", doc));

        foreach (var role in Enum.GetNames<ApiKeyRole>())
        {
            Assert.Contains($"`{role.ToLowerInvariant()}`", text, StringComparison.Ordinal);
            Assert.DoesNotContain($"`{role}`", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("admin", ApiKeyRole.Admin)]
    [InlineData("reader", ApiKeyRole.Reader)]
    [InlineData("Admin", ApiKeyRole.Admin)]
    [InlineData("READER", ApiKeyRole.Reader)]
    public void The_host_accepts_the_role_names_in_any_case(string name, ApiKeyRole role)
    {
        var options = SolarFleetApp.ReadOptions(KeyWithRole(name));

        Assert.Equal(role, Assert.Single(options.ApiKeys).Role);
        Assert.Empty(ConfigurationErrors.Find(options, null));
    }

    private static IConfiguration KeyWithRole(string role) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["SolarFleet:ApiKeys:0:Key"] = "role-test-key-0123456789",
        ["SolarFleet:ApiKeys:0:Role"] = role,
    }).Build();
}
