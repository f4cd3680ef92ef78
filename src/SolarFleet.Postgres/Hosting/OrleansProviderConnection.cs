using System.Data.Common;
using Npgsql;

namespace SolarFleet.Postgres.Hosting;

/// <summary>The connection string the cluster's own providers get: Orleans ADO.NET clustering, and SolarFleet's reminder table and grain storage.</summary>
public static class OrleansProviderConnection
{
    /// <summary>Statements prepared per physical connection once used a few times (Npgsql's automatic preparation).</summary>
    public const int AutoPreparedStatements = 32;

    /// <summary>
    /// The operator's connection string, plus two Npgsql settings the operator did not set: no session reset when a
    /// pooled connection is reused, and automatic statement preparation.
    /// </summary>
    /// <remarks>
    /// The providers run a handful of fixed statements, thousands of times a second during a bulk registration, and
    /// never change session state. By default Npgsql resets every reused connection with <c>DISCARD ALL</c>, which
    /// also throws away the plans PostgreSQL cached for the storage functions, so each statement was parsed and
    /// planned again: at 100,000 inverters PostgreSQL spent its time in the parser, <c>RESET ALL</c> and plan
    /// copies, and used half the machine. The providers get a pool of their own (the string differs), so nothing
    /// else shares these connections.
    /// </remarks>
    public static string For(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var given = GivenKeys(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains(nameof(NpgsqlConnectionStringBuilder.NoResetOnClose)))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.Contains(nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare)))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        return builder.ConnectionString;
    }

    // The keys the string itself names, spaces removed: "No Reset On Close" and "NoResetOnClose" are one setting.
    // (Npgsql's own builder answers ContainsKey for every setting it knows, set or not.)
    private static HashSet<string> GivenKeys(string connectionString)
    {
        var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return parsed.Keys.Cast<string>()
            .Select(key => key.Replace(" ", string.Empty, StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
