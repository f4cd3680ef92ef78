using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SolarFleet.Silo.Dashboard.Auth;

namespace SolarFleet.Silo.Dashboard.Pages;

public sealed class SignInModel(DashboardSignIn signIn) : PageModel
{
    public bool Refused { get; private set; }

    public bool NeedsAdmin { get; private set; }

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl)
    {
        ReturnUrl = returnUrl;

        // The cookie handler sends a signed-in reader here when a page needs an admin.
        NeedsAdmin = User.Identity?.IsAuthenticated == true && returnUrl is not null;
    }

    public async Task<IActionResult> OnPostAsync(string? key, string? returnUrl)
    {
        if (await signIn.SignInAsync(HttpContext, key))
        {
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }

        Refused = true;
        ReturnUrl = returnUrl;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
