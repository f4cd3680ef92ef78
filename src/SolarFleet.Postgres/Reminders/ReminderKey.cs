using Orleans.Runtime;

namespace SolarFleet.Postgres.Reminders;

/// <summary>One reminder row's key within the service: the grain (as its id string) and the reminder's name.</summary>
internal readonly record struct ReminderKey(string GrainId, string ReminderName)
{
    public static ReminderKey Of(GrainId grainId, string reminderName) => new(grainId.ToString(), reminderName);
}

/// <summary>A removal that succeeds only while the row still has <paramref name="Version"/>.</summary>
internal sealed record ReminderRemoval(ReminderKey Key, int Version);
