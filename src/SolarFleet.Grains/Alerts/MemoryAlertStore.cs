using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Grains.Alerts;

/// <summary>
/// The embedded default alert store and webhook outbox: alerts and pending deliveries in memory, lost when the silo
/// stops. Open alerts are always kept; of the resolved ones, the <see cref="AlertStoreOptions.MaxResolvedInMemory"/>
/// resolved last. A transition that does not change its alert (a repeat, a raise of an alert already known) is
/// ignored whole, deliveries included; a resolution sets the alert's resolution time and figures.
/// </summary>
public sealed class MemoryAlertStore : IAlertStore, IWebhookOutbox
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly string[] _webhooks;
    private readonly int _maxResolved;
    private readonly Dictionary<string, Alert> _alerts = new(StringComparer.Ordinal);
    private readonly SortedSet<AlertCursor> _newestFirst = new(AlertOrder.Instance);
    private readonly Queue<string> _resolvedOldestFirst = new();
    private readonly MemoryOutbox _outbox = new();
    private readonly OpenAlertTally _open = new();

    public MemoryAlertStore(TimeProvider time, IOptions<AlertStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Value.MaxResolvedInMemory, 0, nameof(options));
        _time = time;
        _webhooks = [.. options.Value.Webhooks];
        _maxResolved = options.Value.MaxResolvedInMemory;
    }

    /// <summary>Alerts held, open and resolved.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _alerts.Count;
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The transition cannot be stored (<see cref="AlertTransitionRules"/>).</exception>
    public void Record(AlertTransition transition)
    {
        AlertTransitionRules.Validate(transition);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (Apply(transition))
            {
                _outbox.Add(_webhooks, transition, now);
            }
        }
    }

    public Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        AlertOrder.Validate(query);
        cancellationToken.ThrowIfCancellationRequested();
        var page = new List<Alert>(Math.Min(query.Limit, 256));
        var more = false;
        lock (_lock)
        {
            foreach (var key in After(query.After))
            {
                var alert = _alerts[key.Id];
                if (!AlertOrder.Matches(query, alert))
                {
                    continue;
                }

                if (page.Count == query.Limit)
                {
                    more = true;
                    break;
                }

                page.Add(alert);
            }
        }

        return Task.FromResult(new AlertPage(page, more ? AlertOrder.CursorOf(page[^1]) : null));
    }

    public Task<Alert?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_lock)
        {
            return Task.FromResult(_alerts.GetValueOrDefault(id));
        }
    }

    public Task<Alert?> AcknowledgeAsync(string id, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        lock (_lock)
        {
            if (!_alerts.TryGetValue(id, out var alert))
            {
                return Task.FromResult<Alert?>(null);
            }

            if (alert.AcknowledgedAt is null)
            {
                alert = alert with { AcknowledgedAt = at, AcknowledgedBy = by };
                _alerts[id] = alert;
            }

            return Task.FromResult<Alert?>(alert);
        }
    }

    public Task<IReadOnlyList<OpenAlertCount>> CountOpenAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_open.Counts());
        }
    }

    public Task<IReadOnlySet<string>> SitesWithOpenAsync(AlertKind kind, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_open.SitesWith(kind));
        }
    }

    public Task<IReadOnlyList<WebhookDelivery>> LeaseDueAsync(
        IReadOnlyCollection<string> webhooks,
        int max,
        DateTimeOffset now,
        DateTimeOffset leaseUntil,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<WebhookDelivery>>(_outbox.Lease(webhooks, max, now, leaseUntil));
        }
    }

    public Task CompleteAsync(WebhookDelivery delivery, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        lock (_lock)
        {
            _outbox.Complete(delivery);
        }

        return Task.CompletedTask;
    }

    public Task FailAsync(WebhookDelivery delivery, string error, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        lock (_lock)
        {
            _outbox.Fail(delivery, nextAttemptAt);
        }

        return Task.CompletedTask;
    }

    public Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult((long)_outbox.Count);
        }
    }

    /// <summary>Applies a transition to the alert it is about; false when it changes nothing.</summary>
    private bool Apply(AlertTransition transition)
    {
        var incoming = transition.Alert;
        if (!_alerts.TryGetValue(incoming.Id, out var stored))
        {
            _alerts.Add(incoming.Id, incoming);
            _newestFirst.Add(AlertOrder.CursorOf(incoming));
            if (incoming.IsOpen)
            {
                _open.Opened(incoming);
            }
            else
            {
                KeepResolved(incoming.Id);
            }

            return true;
        }

        if (transition.Transition != AlertTransitionKind.Resolved || !stored.IsOpen)
        {
            return false;
        }

        _alerts[incoming.Id] = stored with { ResolvedAt = incoming.ResolvedAt, Figures = incoming.Figures };
        _open.Resolved(stored);
        KeepResolved(incoming.Id);
        return true;
    }

    private void KeepResolved(string id)
    {
        _resolvedOldestFirst.Enqueue(id);
        while (_resolvedOldestFirst.Count > _maxResolved)
        {
            var evicted = _alerts[_resolvedOldestFirst.Dequeue()];
            _alerts.Remove(evicted.Id);
            _newestFirst.Remove(AlertOrder.CursorOf(evicted));
        }
    }

    /// <summary>Alert keys strictly after the cursor (every key without one), newest first.</summary>
    private IEnumerable<AlertCursor> After(AlertCursor? cursor)
    {
        if (cursor is null)
        {
            return _newestFirst;
        }

        if (_newestFirst.Count == 0 || AlertOrder.Instance.Compare(cursor, _newestFirst.Max) >= 0)
        {
            return [];
        }

        return _newestFirst.GetViewBetween(cursor, _newestFirst.Max!).Where(key => AlertOrder.Instance.Compare(key, cursor) > 0);
    }
}
