using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using SolarFleet.Silo.Auth;

namespace SolarFleet.Silo.Dashboard.Auth;

/// <summary>
/// Turns an API key entered once into a session cookie holding the key's role and holder, never the key itself.
/// </summary>
public sealed class DashboardSignIn(ApiKeyStore keys, ILogger<DashboardSignIn> logger)
{
    public async Task<bool> SignInAsync(HttpContext http, string? key)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (string.IsNullOrWhiteSpace(key) || keys.Identify(key.Trim()) is not { } found)
        {
            logger.LogInformation("Dashboard sign-in refused from {Remote}", http.Connection.RemoteIpAddress);
            return false;
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, found.Name), new Claim(ClaimTypes.Role, ApiKeyStore.RoleName(found.Role))],
            DashboardPolicies.Scheme);
        await http.SignInAsync(DashboardPolicies.Scheme, new ClaimsPrincipal(identity));
        logger.LogInformation("Dashboard session opened for {Holder} ({Role})", found.Name, ApiKeyStore.RoleName(found.Role));
        return true;
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(DashboardPolicies.Scheme);

    public static bool IsAdmin(ClaimsPrincipal user) =>
        user?.Identity?.AuthenticationType == DashboardPolicies.Scheme && user.IsInRole("admin");
}
