namespace SolarFleet.Benchmarks.Fleet;

/// <summary>The dashboard's pages as Chromium loaded them: every visit, cold first, then warm.</summary>
public sealed record BrowserReport(string Browser, string PaintMetric, IReadOnlyList<PageVisit> Visits);

/// <summary>
/// One page load. Times are milliseconds from the start of the navigation (the Performance API's clock): first and
/// largest contentful paint, the HTML's last byte, DOMContentLoaded and load. Request paths are every request the page
/// made (the live figures' event stream included, which stays open), those that failed among them; bytes are those
/// transferred over the network (0 for what the cache served) by the requests that had finished when it was measured.
/// </summary>
public sealed record PageVisit(
    string Path,
    bool Cold,
    double? FirstContentfulPaintMs,
    double? LargestContentfulPaintMs,
    double ResponseEndMs,
    double DomContentLoadedMs,
    double LoadMs,
    long TransferredBytes,
    long HtmlBytes,
    IReadOnlyList<string> RequestPaths,
    IReadOnlyList<string> FailedPaths)
{
    public int Requests => RequestPaths.Count;

    /// <summary>The paint the target is judged by: the largest contentful paint, or the first where Chromium gave none.</summary>
    public double? PaintMs => LargestContentfulPaintMs ?? FirstContentfulPaintMs;
}
