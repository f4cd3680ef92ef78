using SolarFleet.Grains.Alerts;
using SolarFleet.Webhooks.Delivery;
using static SolarFleet.Webhooks.Tests.Infrastructure.DispatcherHarness;

namespace SolarFleet.Webhooks.Tests.Delivery;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Now = Start.AddMinutes(5);

    private static WebhookDelivery After(int attempts) => new(1, "ops", Raised("a-1", Start), attempts);

    [Fact]
    public void The_wait_doubles_from_the_retry_delay_up_to_the_longest_and_matches_the_documented_table()
    {
        var schedule = new RetrySchedule(new WebhookDeliveryOptions(), () => 0);

        var waits = Enumerable.Range(1, 11).Select(schedule.LongestWaitAfter).Select(wait => (int)wait.TotalSeconds);

        Assert.Equal([10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600], waits);
        Assert.Equal(TimeSpan.FromHours(1), schedule.LongestWaitAfter(int.MaxValue));
    }

    [Fact]
    public void Jitter_takes_at_most_half_of_the_wait_off()
    {
        var longest = new RetrySchedule(new WebhookDeliveryOptions(), () => 0).NextAttempt(After(3), Now);
        var shortest = new RetrySchedule(new WebhookDeliveryOptions(), () => 0.999_999).NextAttempt(After(3), Now);

        Assert.Equal(Now.AddSeconds(40), longest);
        Assert.InRange(shortest!.Value, Now.AddSeconds(20), Now.AddSeconds(20.001));
    }

    [Fact]
    public void A_delivery_is_given_up_after_its_last_attempt_or_once_its_transition_is_too_old()
    {
        var schedule = new RetrySchedule(new WebhookDeliveryOptions { MaxAttempts = 4, MaxAge = TimeSpan.FromHours(1) }, () => 0);

        Assert.NotNull(schedule.NextAttempt(After(3), Now));
        Assert.Null(schedule.NextAttempt(After(4), Now));
        Assert.Null(schedule.NextAttempt(After(1), Start.AddHours(1)));
    }
}
