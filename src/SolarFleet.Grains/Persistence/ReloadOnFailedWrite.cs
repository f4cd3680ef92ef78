namespace SolarFleet.Grains.Persistence;

/// <summary>
/// A state write the caller waits for. When it fails, memory is ahead of storage, so the activation is told to start
/// over from what storage holds (<c>reload</c>, usually <c>DeactivateOnIdle</c>) and the failure is the caller's.
/// </summary>
public static class ReloadOnFailedWrite
{
    public static async Task WriteAsync(Func<Task> write, Action reload)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(reload);
        try
        {
            await write();
        }
        catch
        {
            reload();
            throw;
        }
    }
}
