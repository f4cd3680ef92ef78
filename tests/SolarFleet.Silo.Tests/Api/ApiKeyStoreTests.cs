using SolarFleet.Silo.Auth;

namespace SolarFleet.Silo.Tests.Api;

public sealed class ApiKeyStoreTests
{
    [Fact]
    public void Keys_resolve_to_their_role_and_nothing_else_matches()
    {
        var store = new ApiKeyStore([
            new ApiKeyEntry { Key = "reader-key-0123456789", Role = ApiKeyRole.Reader },
            new ApiKeyEntry { Key = "admin-key-0123456789", Role = ApiKeyRole.Admin },
        ]);

        Assert.Equal(ApiKeyRole.Reader, store.Find("reader-key-0123456789"));
        Assert.Equal(ApiKeyRole.Admin, store.Find("admin-key-0123456789"));
        Assert.Null(store.Find("admin-key-012345678"));
        Assert.Null(store.Find(""));
        Assert.True(store.HasAdminKey);
    }
}
