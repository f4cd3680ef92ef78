namespace SolarFleet.Grains.Underproduction;

/// <summary>
/// What an inverter has learned of its own output under a clear sky, kept with its state so that a restart does not
/// start the learning again: its recent days, and the best window of the day under way.
/// </summary>
[GenerateSerializer]
public sealed class OwnOutputTrack
{
    /// <summary>Closed days, oldest first, at most <see cref="Alerts.UnderproductionOptions.LearningDays"/> of them.</summary>
    [Id(0)]
    public List<OwnOutputDay> Days { get; set; } = [];

    /// <summary>The site-local date under way.</summary>
    [Id(1)]
    public DateOnly Date { get; set; }

    /// <summary>The best window clearness of <see cref="Date"/> so far; null before its first judged window.</summary>
    [Id(2)]
    public double? BestToday { get; set; }

    /// <summary>Forgets everything learned.</summary>
    public void Forget()
    {
        Days.Clear();
        BestToday = null;
    }
}
