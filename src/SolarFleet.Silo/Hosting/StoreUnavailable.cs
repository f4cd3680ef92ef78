using System.Data.Common;
using SolarFleet.Grains.Alerts;

namespace SolarFleet.Silo.Hosting;

/// <summary>
/// Whether a request failed because a store could not answer (the database down, unreachable or out of connections):
/// that is a 503, try again, not a 500, a bug. Looks through wrapping exceptions (grain calls, aggregates).
/// </summary>
public static class StoreUnavailable
{
    public const string Detail = "The database could not answer in time. Try again shortly.";

    public static bool Is(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 8; depth++, exception = exception.InnerException)
        {
            if (exception is AlertStoreUnavailableException or DbException
                || (exception is AggregateException aggregate && aggregate.InnerExceptions.Any(Is)))
            {
                return true;
            }
        }

        return false;
    }
}
