using Microsoft.Extensions.Options;

namespace SolarFleet.Grains.Hosting;

/// <summary>Rejects option values the grains cannot work with, at silo start rather than at the first poll.</summary>
internal sealed class SolarFleetGrainOptionsValidator : IValidateOptions<SolarFleetGrainOptions>
{
    public ValidateOptionsResult Validate(string? name, SolarFleetGrainOptions options)
    {
        var failures = new List<string>();
        RequirePositive(options.BackoffCap, nameof(options.BackoffCap), failures);
        RequirePositive(options.StaleAfter, nameof(options.StaleAfter), failures);
        RequirePositive(options.ReminderPeriod, nameof(options.ReminderPeriod), failures);
        RequirePositive(options.ReminderRetryDelay, nameof(options.ReminderRetryDelay), failures);
        RequirePositive(options.SitePushInterval, nameof(options.SitePushInterval), failures);
        RequirePositive(options.StateWriteInterval, nameof(options.StateWriteInterval), failures);
        RequirePositive(options.ClockSkewTolerance, nameof(options.ClockSkewTolerance), failures);
        RequirePositive(options.RemovedRetention, nameof(options.RemovedRetention), failures);
        RequirePositive(options.PiClient.ConnectTimeout, "PiClient.ConnectTimeout", failures);
        RequirePositive(options.PiClient.PollTimeout, "PiClient.PollTimeout", failures);
        RequireAtLeastOne(options.MaxPollsInFlight, nameof(options.MaxPollsInFlight), failures);
        RequireAtLeastOne(options.UnreachableAfterFailures, nameof(options.UnreachableAfterFailures), failures);
        RequireAtLeastOne(options.LedgerDaysInState, nameof(options.LedgerDaysInState), failures);
        RequireAtLeastOne(options.ReadingLogCapacity, nameof(options.ReadingLogCapacity), failures);
        RequireAtLeastOne(options.MaxFleetProblems, nameof(options.MaxFleetProblems), failures);
        RequireAtLeastOne(options.FleetApplyParallelism, nameof(options.FleetApplyParallelism), failures);
        if (!(options.FailingPollShare is > 0 and <= 1))
        {
            failures.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{nameof(options.FailingPollShare)} must be more than 0 and at most 1 (was {options.FailingPollShare})."));
        }
        if (options.Queries == Protocol.Queries.PiQuerySet.None)
        {
            failures.Add($"{nameof(options.Queries)} must ask at least one quantity.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(TimeSpan value, string name, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} must be positive (was {value}).");
        }
    }

    private static void RequireAtLeastOne(int value, string name, List<string> failures)
    {
        if (value < 1)
        {
            failures.Add($"{name} must be at least 1 (was {value}).");
        }
    }
}
