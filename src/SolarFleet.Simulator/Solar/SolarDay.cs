using SolarFleet.Simulator.Sites;

namespace SolarFleet.Simulator.Solar;

/// <summary>
/// The sun over one local date at a site, from the usual low-precision solar position formulas
/// (fractional year, equation of time, declination, hour angle). Good to a minute or two, which is
/// all an inverter model needs. Instants are UTC ticks so the inverter model can step without
/// converting time zones.
/// </summary>
internal sealed class SolarDay
{
    /// <summary>Zenith angle of sunrise/sunset: 90 degrees plus refraction and the sun's radius.</summary>
    private const double HorizonZenithDegrees = 90.833;

    private const double MinutesPerDegreeOfHourAngle = 4.0;

    /// <summary>Sine of how far below the geometric horizon the sun's centre is at sunrise and sunset.</summary>
    public static readonly double SinHorizonDepression = Math.Sin(DegreesToRadians(HorizonZenithDegrees - 90));

    private SolarDay(DateOnly date, long dayStart, long dayEnd, long solarNoon, long? sunrise, long? sunset, double sinLatSinDec, double cosLatCosDec)
    {
        Date = date;
        DayStartTicks = dayStart;
        DayEndTicks = dayEnd;
        SolarNoonTicks = solarNoon;
        SunriseTicks = sunrise;
        SunsetTicks = sunset;
        SinLatSinDec = sinLatSinDec;
        CosLatCosDec = cosLatCosDec;
    }

    public DateOnly Date { get; }

    /// <summary>UTC ticks of local midnight starting the date.</summary>
    public long DayStartTicks { get; }

    /// <summary>UTC ticks of the next local midnight (exclusive end).</summary>
    public long DayEndTicks { get; }

    public long SolarNoonTicks { get; }

    /// <summary>Null in polar night.</summary>
    public long? SunriseTicks { get; }

    /// <summary>Null in polar night.</summary>
    public long? SunsetTicks { get; }

    public bool HasDaylight => SunriseTicks.HasValue;

    private double SinLatSinDec { get; }

    private double CosLatCosDec { get; }

    public static SolarDay Compute(SimulatedSite site, DateOnly date)
    {
        var dayStart = site.Instant(date.ToDateTime(TimeOnly.MinValue)).UtcTicks;
        var dayEnd = site.Instant(date.AddDays(1).ToDateTime(TimeOnly.MinValue)).UtcTicks;
        var localNoon = site.Instant(date.ToDateTime(new TimeOnly(12, 0))).UtcTicks;

        // The formulas take a UTC date; use the one whose solar noon is nearest the site's local noon,
        // so sites whose zone is far from their longitude (or across the date line) get the right day.
        var utcDate = new DateTime(localNoon, DateTimeKind.Utc).Date;
        var (equationOfTime, declination) = SunAt(utcDate.AddHours(12));
        var noonMinutes = 720 - (MinutesPerDegreeOfHourAngle * site.Longitude) - equationOfTime;
        var solarNoon = utcDate.Ticks + (long)(noonMinutes * TimeSpan.TicksPerMinute);
        while (solarNoon - localNoon > TimeSpan.TicksPerHour * 12)
        {
            solarNoon -= TimeSpan.TicksPerDay;
        }

        while (localNoon - solarNoon > TimeSpan.TicksPerHour * 12)
        {
            solarNoon += TimeSpan.TicksPerDay;
        }

        var latitude = DegreesToRadians(site.Latitude);
        var cosHourAngle = (Math.Cos(DegreesToRadians(HorizonZenithDegrees)) / (Math.Cos(latitude) * Math.Cos(declination)))
            - (Math.Tan(latitude) * Math.Tan(declination));
        long? sunrise;
        long? sunset;
        if (cosHourAngle > 1)
        {
            sunrise = null;
            sunset = null;
        }
        else if (cosHourAngle < -1)
        {
            sunrise = dayStart;
            sunset = dayEnd - 1;
        }
        else
        {
            var halfDayMinutes = MinutesPerDegreeOfHourAngle * RadiansToDegrees(Math.Acos(cosHourAngle));
            var halfDay = (long)(halfDayMinutes * TimeSpan.TicksPerMinute);
            sunrise = Math.Max(dayStart, solarNoon - halfDay);
            sunset = Math.Min(dayEnd - 1, solarNoon + halfDay);
        }

        return new SolarDay(
            date,
            dayStart,
            dayEnd,
            solarNoon,
            sunrise,
            sunset,
            Math.Sin(latitude) * Math.Sin(declination),
            Math.Cos(latitude) * Math.Cos(declination));
    }

    /// <summary>Sine of the sun's elevation at an instant of this day (negative below the horizon).</summary>
    public double SinElevation(long utcTicks)
    {
        var hourAngle = (utcTicks - SolarNoonTicks) * (2 * Math.PI / TimeSpan.TicksPerDay);
        return SinLatSinDec + (CosLatCosDec * Math.Cos(hourAngle));
    }

    public SunTimes ToSunTimes(TimeZoneInfo zone) =>
        new(Date, ToLocal(SunriseTicks, zone), ToLocal(SolarNoonTicks, zone)!.Value, ToLocal(SunsetTicks, zone));

    private static DateTimeOffset? ToLocal(long? utcTicks, TimeZoneInfo zone) =>
        utcTicks is { } ticks ? TimeZoneInfo.ConvertTime(new DateTimeOffset(ticks, TimeSpan.Zero), zone) : null;

    /// <summary>Equation of time (minutes) and declination (radians) at a UTC instant.</summary>
    private static (double EquationOfTimeMinutes, double Declination) SunAt(DateTime utc)
    {
        var daysInYear = DateTime.IsLeapYear(utc.Year) ? 366 : 365;
        var gamma = 2 * Math.PI / daysInYear * (utc.DayOfYear - 1 + ((utc.Hour - 12) / 24.0));
        var equationOfTime = 229.18 * (0.000075
            + (0.001868 * Math.Cos(gamma))
            - (0.032077 * Math.Sin(gamma))
            - (0.014615 * Math.Cos(2 * gamma))
            - (0.040849 * Math.Sin(2 * gamma)));
        var declination = 0.006918
            - (0.399912 * Math.Cos(gamma))
            + (0.070257 * Math.Sin(gamma))
            - (0.006758 * Math.Cos(2 * gamma))
            + (0.000907 * Math.Sin(2 * gamma))
            - (0.002697 * Math.Cos(3 * gamma))
            + (0.00148 * Math.Sin(3 * gamma));
        return (equationOfTime, declination);
    }

    private static double DegreesToRadians(double degrees) => degrees * Math.PI / 180;

    private static double RadiansToDegrees(double radians) => radians * 180 / Math.PI;
}
