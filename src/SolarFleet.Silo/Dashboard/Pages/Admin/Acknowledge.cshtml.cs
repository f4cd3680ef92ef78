using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Dashboard.Alerts;

namespace SolarFleet.Silo.Dashboard.Pages.Admin;

public sealed class AcknowledgeModel(AlertListReader alerts, TimeProvider time) : PageModel
{
    public string AlertId { get; private set; } = "";

    public void OnGet(string alertId) => AlertId = alertId;

    public async Task<IActionResult> OnPostAsync(string alertId, string? returnUrl, CancellationToken cancellationToken)
    {
        var by = User.FindFirstValue(ClaimTypes.Name) ?? "admin";
        if (!RequestValidator.IsValidId(alertId) || await alerts.AcknowledgeAsync(alertId, by, time, cancellationToken) is null)
        {
            return NotFound();
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/alerts");
    }
}
