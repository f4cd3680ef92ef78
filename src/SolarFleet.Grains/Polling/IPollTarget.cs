namespace SolarFleet.Grains.Polling;

/// <summary>What a <see cref="PollSchedule"/> calls when a poll falls due. Called on a timer thread: hand the work on, return fast.</summary>
public interface IPollTarget
{
    /// <param name="version">The slot's version that fell due; <see cref="PollSlot.IsCurrent"/> tells later whether it was replaced since.</param>
    void OnPollDue(long version);
}
