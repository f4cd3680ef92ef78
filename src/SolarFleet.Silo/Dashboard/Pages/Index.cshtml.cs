using Microsoft.AspNetCore.Mvc.RazorPages;
using SolarFleet.Silo.Dashboard.Overview;

namespace SolarFleet.Silo.Dashboard.Pages;

public sealed class IndexModel(OverviewReader reader) : PageModel
{
    public FleetOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Overview = await reader.ReadAsync(cancellationToken);
}
