namespace SolarFleet.Webhooks;

/// <summary>How webhook deliveries are sent and retried (SolarFleet:Alerts:Delivery).</summary>
public sealed class WebhookDeliveryOptions
{
    /// <summary>Attempts per delivery, the first included; after the last failure it is given up.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>A delivery that fails when its transition is older than this is given up, whatever its attempts.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The wait before the first retry; it doubles with every further failure, up to <see cref="MaxRetryDelay"/>, less a random share of up to half (jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest wait for a TCP (and TLS) connection to the receiver.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for a whole attempt, connecting included, until the response headers.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often each silo looks for due deliveries when it found none.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a silo holds the deliveries it leased; longer than <see cref="Timeout"/>, so an attempt never outlives its lease.</summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Deliveries one silo leases at once.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Deliveries one silo sends at once.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>What is wrong, each naming its property; empty when these options work.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[]
        {
            (nameof(MaxAge), MaxAge), (nameof(RetryDelay), RetryDelay), (nameof(ConnectTimeout), ConnectTimeout),
            (nameof(Timeout), Timeout), (nameof(PollInterval), PollInterval), (nameof(LeaseTime), LeaseTime),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"{name} must be positive (was {value})");
            }
        }

        foreach (var (name, value) in new[] { (nameof(MaxAttempts), MaxAttempts), (nameof(BatchSize), BatchSize), (nameof(MaxConcurrency), MaxConcurrency) })
        {
            if (value < 1)
            {
                problems.Add($"{name} must be at least 1 (was {value})");
            }
        }

        if (MaxRetryDelay < RetryDelay)
        {
            problems.Add($"{nameof(MaxRetryDelay)} must be at least {nameof(RetryDelay)} (was {MaxRetryDelay})");
        }

        if (LeaseTime <= Timeout)
        {
            problems.Add($"{nameof(LeaseTime)} must be longer than {nameof(Timeout)} (was {LeaseTime})");
        }

        return problems;
    }
}
