namespace SolarFleet.Solar.Tests;

/// <summary>Comparing computed instants with published tables, which give local clock times to the minute.</summary>
internal static class Published
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(2);

    public static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    /// <summary>A published local time on a date, with the UTC offset the table was printed in.</summary>
    public static DateTimeOffset At(DateOnly date, int hour, int minute, double offsetHours) =>
        new(date.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(offsetHours));

    /// <summary>The same instant within the tolerance, in the same local offset as the table.</summary>
    public static void Near(DateTimeOffset expected, DateTimeOffset? actual, string what)
    {
        Assert.True(actual.HasValue, $"{what}: expected {expected:yyyy-MM-dd HH:mm zzz}, got none.");
        var error = actual.Value - expected;
        Assert.True(
            error.Duration() <= Tolerance,
            $"{what}: expected {expected:yyyy-MM-dd HH:mm zzz}, got {actual.Value:yyyy-MM-dd HH:mm:ss zzz} ({error.TotalMinutes:+0.0;-0.0} min).");
        Assert.Equal(expected.Offset, actual.Value.Offset);
    }
}
