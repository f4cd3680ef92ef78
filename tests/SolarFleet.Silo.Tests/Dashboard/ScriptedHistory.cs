using Microsoft.Extensions.DependencyInjection;
using SolarFleet.Abstractions.Energy;
using SolarFleet.Grains.Energy;

namespace SolarFleet.Silo.Tests.Dashboard;

/// <summary>
/// What a site's Pis would have reported before the test silo started: ledger days back to the start of the year
/// (or 30 days, whichever is longer), one of them observed only in part and one not at all, and this morning's
/// readings every five minutes from 06:00 until the live polls began.
/// </summary>
public static class ScriptedHistory
{
    /// <summary>A day before today whose readings cover only part of it.</summary>
    public const int PartDaysAgo = 6;

    /// <summary>A day before today without any reading.</summary>
    public const int MissingDaysAgo = 3;

    public static void Write(IServiceProvider services, string siteId, string[] inverters, string timeZone, DateTimeOffset liveSince)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var now = TimeZoneInfo.ConvertTime(liveSince, zone);
        var today = DateOnly.FromDateTime(now.DateTime);
        var ledger = services.GetRequiredService<IEnergyLedgerStore>();
        var first = new DateOnly(today.Year, 1, 1) < today.AddDays(-30) ? new DateOnly(today.Year, 1, 1) : today.AddDays(-30);
        for (var date = first; date < today; date = date.AddDays(1))
        {
            var ago = today.DayNumber - date.DayNumber;
            if (ago == MissingDaysAgo)
            {
                continue;
            }

            foreach (var (inverter, n) in inverters.Select((id, n) => (id, n)))
            {
                // A season's swing and some day-to-day weather, the same every run.
                var wh = 9_000 + (long)(4_000 * Math.Sin(2 * Math.PI * (date.DayOfYear - 80) / 365)) + (date.DayNumber * 37 % 2_500) + (n * 400);
                var part = ago == PartDaysAgo;
                ledger.Upsert(new DailyEnergy(siteId, inverter, date, part ? wh / 2 : wh, null, part ? 0.55 : 1, !part, 0, null, PowerTodayWh: part ? wh / 2 : wh));
            }
        }

        var readings = services.GetRequiredService<IReadingLog>();
        var morning = new DateTimeOffset(now.Date.AddHours(6), now.Offset);
        for (var at = morning; at < liveSince.AddMinutes(-1); at = at.AddMinutes(5))
        {
            var hours = (at - morning).TotalHours;
            foreach (var (inverter, n) in inverters.Select((id, n) => (id, n)))
            {
                var watts = (int)((2_400 + (n * 300)) * Math.Sin(Math.PI * hours / 12));
                readings.Append(new InverterReadingRecord(siteId, inverter, at, at.DateTime, watts, null, null, 2, 240, 60, null));
            }
        }
    }
}
