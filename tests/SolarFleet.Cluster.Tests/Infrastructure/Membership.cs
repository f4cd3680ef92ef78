using System.Diagnostics;
using System.Globalization;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Infrastructure;

/// <summary>What the Orleans membership table says about silos, read straight from the database.</summary>
public static class Membership
{
    /// <summary>Orleans <c>SiloStatus.Active</c>, as the table stores it.</summary>
    public const int Active = 3;

    /// <summary>Orleans <c>SiloStatus.Dead</c>.</summary>
    public const int Dead = 6;

    public static Task<long> CountAsync(string database, string condition, CancellationToken ct) =>
        Db.ScalarAsync<long>(database, $"SELECT count(*) FROM orleans_membership WHERE {condition}", ct);

    public static Task<int> GenerationAsync(string database, int siloPort, CancellationToken ct) =>
        Db.ScalarAsync<int>(database, string.Create(CultureInfo.InvariantCulture, $"SELECT max(generation) FROM orleans_membership WHERE port = {siloPort}"), ct);

    public static string Silo(int siloPort, int status) => string.Create(CultureInfo.InvariantCulture, $"port = {siloPort} AND status = {status}");

    /// <summary>How long after <paramref name="clock"/> started a silo row matching <paramref name="condition"/> appeared.</summary>
    public static async Task<TimeSpan> WaitForAsync(string database, string condition, Stopwatch clock, TimeSpan limit, CancellationToken ct)
    {
        while (await CountAsync(database, condition, ct) == 0)
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"No silo matched '{condition}' in the membership table within {limit.TotalSeconds:0} s.");
            }

            await Task.Delay(250, ct);
        }

        return clock.Elapsed;
    }
}
