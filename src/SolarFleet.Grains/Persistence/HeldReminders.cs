namespace SolarFleet.Grains.Persistence;

/// <summary>Dropping a grain's reminder that may or may not be registered (an earlier version's, one already gone).</summary>
public static class HeldReminders
{
    /// <summary>Unregisters the grain's reminder <paramref name="name"/> if it holds one; otherwise does nothing.</summary>
    public static async Task UnregisterIfHeldAsync(this IGrainBase grain, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grain);
        if (await grain.GetReminder(name, cancellationToken) is { } reminder)
        {
            await grain.UnregisterReminder(reminder, cancellationToken);
        }
    }
}
