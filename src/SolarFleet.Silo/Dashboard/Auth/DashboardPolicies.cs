namespace SolarFleet.Silo.Dashboard.Auth;

/// <summary>The dashboard's session scheme and policies; the API keeps its own key header and never reads the cookie.</summary>
public static class DashboardPolicies
{
    public const string Scheme = "DashboardSession";
    public const string CookieName = "solarfleet.session";

    /// <summary>Reading pages: a session of either role, or nobody where anonymous reads are allowed (--demo).</summary>
    public const string Read = "dashboard-read";

    /// <summary>Admin actions: a session opened with an admin key.</summary>
    public const string Admin = "dashboard-admin";
}
