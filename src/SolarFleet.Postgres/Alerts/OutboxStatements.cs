using Npgsql;
using NpgsqlTypes;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;

namespace SolarFleet.Postgres.Alerts;

/// <summary>
/// The webhook outbox in <c>solarfleet.webhook_deliveries</c>. A lease is one statement: it locks the due rows it
/// picks with <c>FOR UPDATE SKIP LOCKED</c>, so two silos leasing at once take different rows, and moves their due time
/// to the end of the lease, so a row leased by a silo that then crashes is due again once the lease has run out.
/// </summary>
internal static class OutboxStatements
{
    private const string Lease = """
        WITH due AS (
            SELECT d.id FROM solarfleet.webhook_deliveries d
            WHERE d.state = 'pending' AND d.due_at <= @now AND d.webhook = ANY (@webhooks)
              AND NOT (d.transition = 'resolved' AND EXISTS (
                  SELECT 1 FROM solarfleet.webhook_deliveries raised
                  WHERE raised.webhook = d.webhook AND raised.alert_id = d.alert_id
                    AND raised.transition = 'raised' AND raised.state = 'pending'))
            ORDER BY d.due_at, d.id
            LIMIT @max
            FOR UPDATE OF d SKIP LOCKED
        )
        UPDATE solarfleet.webhook_deliveries d
        SET due_at = @leaseUntil, attempts = d.attempts + 1
        FROM due
        WHERE d.id = due.id
        RETURNING d.id, d.webhook, d.transition, d.alert, d.attempts
        """;

    private const string Complete = """
        UPDATE solarfleet.webhook_deliveries
        SET state = 'delivered', delivered_at = @at, last_error = NULL
        WHERE id = @id AND state = 'pending'
        """;

    // Only the lease that failed may reschedule: a later lease (this one ran out) has a higher attempt count.
    private const string Fail = """
        UPDATE solarfleet.webhook_deliveries
        SET last_error = @error,
            state = CASE WHEN @next IS NULL THEN 'gave_up' ELSE 'pending' END,
            due_at = COALESCE(@next, due_at)
        WHERE id = @id AND state = 'pending' AND attempts = @attempts
        """;

    private const string CountPending = "SELECT count(*) FROM solarfleet.webhook_deliveries WHERE state = 'pending'";

    public static async Task<IReadOnlyList<WebhookDelivery>> LeaseAsync(
        NpgsqlDataSource dataSource,
        IReadOnlyCollection<string> webhooks,
        int max,
        DateTimeOffset now,
        DateTimeOffset leaseUntil,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Lease);
        command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter("leaseUntil", NpgsqlDbType.TimestampTz) { Value = leaseUntil.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter("webhooks", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = webhooks.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("max", NpgsqlDbType.Integer) { Value = max });
        var leased = new List<WebhookDelivery>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var transition = new AlertTransition(AlertJson.ReadAlert(reader.GetString(3)), AlertJson.Transition(reader.GetString(2)));
                leased.Add(new WebhookDelivery(reader.GetInt64(0), reader.GetString(1), transition, reader.GetInt32(4)));
            }
        }

        leased.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return leased;
    }

    public static async Task CompleteAsync(NpgsqlDataSource dataSource, WebhookDelivery delivery, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Complete);
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Bigint) { Value = delivery.Id });
        command.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = at.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task FailAsync(
        NpgsqlDataSource dataSource,
        WebhookDelivery delivery,
        string error,
        DateTimeOffset? nextAttemptAt,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Fail);
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Bigint) { Value = delivery.Id });
        command.Parameters.Add(new NpgsqlParameter("attempts", NpgsqlDbType.Integer) { Value = delivery.Attempts });
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = error });
        command.Parameters.Add(new NpgsqlParameter("next", NpgsqlDbType.TimestampTz)
        {
            Value = nextAttemptAt is { } next ? next.ToUniversalTime() : DBNull.Value,
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> CountPendingAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CountPending);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
