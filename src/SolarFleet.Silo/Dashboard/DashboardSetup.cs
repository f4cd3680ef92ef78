using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SolarFleet.Silo.Dashboard.Alerts;
using SolarFleet.Silo.Dashboard.Auth;
using SolarFleet.Silo.Dashboard.Energy;
using SolarFleet.Silo.Dashboard.Live;
using SolarFleet.Silo.Dashboard.Overview;
using SolarFleet.Silo.Dashboard.Sites;
using SolarFleet.Silo.Reads;
using SolarFleet.Silo.Registration;

namespace SolarFleet.Silo.Dashboard;

/// <summary>The installer dashboard: server-rendered Razor Pages at /, a session cookie, and a live figure stream.</summary>
public static class DashboardSetup
{
    public static void AddDashboard(this IServiceCollection services, AuthenticationBuilder authentication, bool anonymousReads)
    {
        services.AddSingleton<FleetReads>();
        services.AddSingleton<FleetRegistry>();
        services.AddSingleton<PiProbe>();
        services.AddSingleton<OpenAlerts>();
        services.AddSingleton<OverviewReader>();
        services.AddSingleton<SiteListReader>();
        services.AddSingleton<SitePageReader>();
        services.AddSingleton<AlertListReader>();
        services.AddSingleton<RecentEnergy>();
        services.AddSingleton<LiveFigures>();
        services.AddSingleton<DashboardSignIn>();
        authentication.AddCookie(DashboardPolicies.Scheme, cookie =>
        {
            cookie.Cookie.Name = DashboardPolicies.CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/signin";
            cookie.LogoutPath = "/signout";
            cookie.AccessDeniedPath = "/signin";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPolicies.Read, p => p.AddAuthenticationSchemes(DashboardPolicies.Scheme)
                .RequireAssertion(c => anonymousReads || c.User.IsInRole("reader") || c.User.IsInRole("admin")))
            .AddPolicy(DashboardPolicies.Admin, p => p.AddAuthenticationSchemes(DashboardPolicies.Scheme).RequireAuthenticatedUser().RequireRole("admin"));
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Dashboard/Pages";
            pages.Conventions.AuthorizeFolder("/", DashboardPolicies.Read);
            pages.Conventions.AuthorizeFolder("/Admin", DashboardPolicies.Admin);
            pages.Conventions.AllowAnonymousToPage("/SignIn");
            pages.Conventions.AllowAnonymousToPage("/SignOut");

            // Adding is editing without an id yet; removing an inverter asks the same way as removing its site.
            pages.Conventions.AddPageRoute("/Admin/SiteEdit", "/admin/sites/new");
            pages.Conventions.AddPageRoute("/Admin/InverterEdit", "/admin/sites/{siteId}/inverters/new");
            pages.Conventions.AddPageRoute("/Admin/Remove", "/admin/sites/{siteId}/inverters/{inverterId}/remove");
        });
    }

    public static void MapDashboard(this WebApplication app)
    {
        app.UseStaticFiles();
        app.MapRazorPages();
        app.MapDashboardEndpoints();
    }
}
