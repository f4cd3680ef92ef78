using Npgsql;
using NpgsqlTypes;

namespace SolarFleet.Postgres.Batching;

/// <summary>Parameters of the multi-row statements: a batch travels as one array per column.</summary>
internal static class BatchParameters
{
    public static NpgsqlParameter Column<T>(IEnumerable<T> values, NpgsqlDbType type) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };

    public static NpgsqlParameter Text(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Text };
}
