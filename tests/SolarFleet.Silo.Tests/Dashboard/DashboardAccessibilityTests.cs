using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Dashboard;

/// <summary>Every page passes axe-core's WCAG 2.1 A and AA rules, colour contrast included, as an admin sees it.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardAccessibilityTests(DashboardSilo silo)
{
    private static readonly string[] Pages =
    [
        "/", "/sites", "/sites?health=fault", "/sites/beta-home", "/sites/beta-home/inverters/inv-2", "/alerts?state=all",
        "/admin/sites/new", "/admin/sites/beta-home/edit", "/admin/sites/beta-home/inverters/new", "/admin/sites/beta-home/remove",
    ];

    [Fact]
    public async Task Every_page_meets_wcag_2_1_aa_as_axe_checks_it()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.AdminKey);
        var page = session.Page;
        var options = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };
        var found = new List<string>();
        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            var result = await page.RunAxe(options);
            found.AddRange(result.Violations.Select(v => $"{path}: {v.Id} ({v.Help}) at {string.Join("; ", v.Nodes.Select(n => n.Html).Take(3))}"));
        }

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    [Fact]
    public async Task The_sign_in_page_meets_wcag_2_1_aa_as_axe_checks_it()
    {
        await using var session = await silo.PageAsync(key: null);
        await session.Page.GotoAsync("/signin");

        var result = await session.Page.RunAxe();

        Assert.Empty(result.Violations.Select(v => $"{v.Id}: {v.Help}"));
    }
}
