namespace SolarFleet.Grains.Polling;

/// <summary>What a <see cref="PollSchedule"/> calls when a poll falls due. Called on a timer thread: hand the work on, return fast.</summary>
public interface IPollTarget
{
    void OnPollDue();
}
