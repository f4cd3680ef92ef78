using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SolarFleet.Silo.Dashboard.Auth;

namespace SolarFleet.Silo.Dashboard.Pages;

public sealed class SignOutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await DashboardSignIn.SignOutAsync(HttpContext);
        return LocalRedirect("/signin");
    }
}
