namespace SolarFleet.Grains.Underproduction;

/// <summary>
/// Cuts an inverter's day energy into windows as polls arrive, free of Orleans. A window's energy is the ledger's day
/// energy at the first poll of the next window minus that at the first poll of this one, so every inverter measures
/// the same stretch the same way; a window with a gap of missed polls, or across midnight, is not compared.
/// </summary>
public static class YieldWindows
{
    /// <summary>Takes one poll; the windows it completed (a daylight window, a day) are added to <paramref name="completed"/>.</summary>
    public static void Observe(
        YieldTrack track,
        DateTimeOffset polledAt,
        DateOnly siteToday,
        Func<DateOnly, long> energyOn,
        TimeSpan windowLength,
        TimeZoneInfo zone,
        ICollection<CompletedYield> completed)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(energyOn);
        ArgumentNullException.ThrowIfNull(completed);
        var window = YieldWindow.Holding(polledAt, windowLength);
        var todayWh = energyOn(siteToday);
        if (track.WindowStart is not { } start)
        {
            Restart(track, window, siteToday, todayWh, partial: true);
            return;
        }

        if (siteToday != track.Date)
        {
            var unbroken = siteToday == track.Date.AddDays(1) && window.Start <= start + windowLength;
            if (unbroken && track.DayWhole)
            {
                completed.Add(new CompletedYield(YieldWindow.Day(track.Date, zone), energyOn(track.Date)));
            }

            Restart(track, window, siteToday, todayWh, partial: true);

            // Followed from its midnight: this poll is in the window that holds the new date's start.
            track.DayWhole = window.Start <= YieldWindow.Day(siteToday, zone).Start;
            return;
        }

        if (window.Start == start)
        {
            return;
        }

        var next = window.Start == start + windowLength;
        if (next && !track.Partial && todayWh >= track.StartEnergyWh)
        {
            completed.Add(new CompletedYield(new YieldWindow(start, windowLength), todayWh - track.StartEnergyWh));
        }

        Restart(track, window, siteToday, todayWh, partial: !next);
        track.DayWhole &= next;
    }

    private static void Restart(YieldTrack track, YieldWindow window, DateOnly date, long energyWh, bool partial)
    {
        track.WindowStart = window.Start;
        track.StartEnergyWh = energyWh;
        track.Date = date;
        track.Partial = partial;
    }
}
