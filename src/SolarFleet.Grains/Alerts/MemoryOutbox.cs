using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Grains.Alerts;

/// <summary>
/// The pending webhook deliveries of <see cref="MemoryAlertStore"/>. Not thread-safe: the store holds its lock around
/// every call. Completed and given-up deliveries are forgotten; the alert's own state keeps a transition from being
/// queued twice.
/// </summary>
internal sealed class MemoryOutbox
{
    private readonly Dictionary<long, Pending> _pending = [];

    // Raised deliveries still pending, per webhook and alert: the resolved one waits for them.
    private readonly Dictionary<(string Webhook, string AlertId), int> _raisedPending = [];
    private long _lastId;

    public int Count => _pending.Count;

    public void Add(IEnumerable<string> webhooks, AlertTransition transition, DateTimeOffset now)
    {
        foreach (var webhook in webhooks)
        {
            var delivery = new Pending(++_lastId, webhook, transition) { DueAt = now };
            _pending.Add(delivery.Id, delivery);
            if (delivery.IsRaised)
            {
                _raisedPending[delivery.RaisedKey] = _raisedPending.GetValueOrDefault(delivery.RaisedKey) + 1;
            }
        }
    }

    public List<WebhookDelivery> Lease(IReadOnlyCollection<string> webhooks, int max, DateTimeOffset now, DateTimeOffset leaseUntil)
    {
        var due = _pending.Values
            .Where(d => d.DueAt <= now && webhooks.Contains(d.Webhook) && (d.IsRaised || !_raisedPending.ContainsKey(d.RaisedKey)))
            .OrderBy(d => d.DueAt)
            .ThenBy(d => d.Id)
            .Take(max)
            .ToList();
        var leased = new List<WebhookDelivery>(due.Count);
        foreach (var delivery in due)
        {
            delivery.Attempts++;
            delivery.DueAt = leaseUntil;
            leased.Add(new WebhookDelivery(delivery.Id, delivery.Webhook, delivery.Transition, delivery.Attempts));
        }

        return leased;
    }

    public void Complete(WebhookDelivery delivery)
    {
        if (_pending.TryGetValue(delivery.Id, out var pending))
        {
            Remove(pending);
        }
    }

    public void Fail(WebhookDelivery delivery, DateTimeOffset? nextAttemptAt)
    {
        // A lease that ran out and was taken again belongs to its new holder.
        if (!_pending.TryGetValue(delivery.Id, out var pending) || pending.Attempts != delivery.Attempts)
        {
            return;
        }

        if (nextAttemptAt is { } next)
        {
            pending.DueAt = next;
        }
        else
        {
            Remove(pending);
        }
    }

    private void Remove(Pending delivery)
    {
        _pending.Remove(delivery.Id);
        if (delivery.IsRaised && _raisedPending.TryGetValue(delivery.RaisedKey, out var count))
        {
            if (count > 1)
            {
                _raisedPending[delivery.RaisedKey] = count - 1;
            }
            else
            {
                _raisedPending.Remove(delivery.RaisedKey);
            }
        }
    }

    private sealed class Pending(long id, string webhook, AlertTransition transition)
    {
        public long Id { get; } = id;

        public string Webhook { get; } = webhook;

        public AlertTransition Transition { get; } = transition;

        public bool IsRaised => Transition.Transition == AlertTransitionKind.Raised;

        public (string Webhook, string AlertId) RaisedKey => (Webhook, Transition.Alert.Id);

        public int Attempts { get; set; }

        /// <summary>When it may next be leased: its next attempt, or the end of its current lease.</summary>
        public DateTimeOffset DueAt { get; set; }
    }
}
