namespace SolarFleet.Grains.Alerts;

/// <summary>
/// The alert store could not answer (its database is unreachable or failed the statement). Reads, acknowledgements
/// and the outbox throw it; recording never does (transitions wait in a buffer). The API answers 503 for it.
/// </summary>
public sealed class AlertStoreUnavailableException : Exception
{
    public AlertStoreUnavailableException()
    {
    }

    public AlertStoreUnavailableException(string message)
        : base(message)
    {
    }

    public AlertStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
