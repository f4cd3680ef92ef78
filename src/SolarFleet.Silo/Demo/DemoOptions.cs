namespace SolarFleet.Silo.Demo;

/// <summary>SolarFleet:Demo — an in-process simulated fleet for trying SolarFleet out.</summary>
public sealed class DemoOptions
{
    public bool Enabled { get; set; }

    /// <summary>How many times faster than real time the demo day runs.</summary>
    public double Speed { get; set; } = 60;

    /// <summary>Site-local time of the first demo site when the demo starts (morning, so production shows at once).</summary>
    public TimeOnly StartLocalTime { get; set; } = new(9, 0);

    /// <summary>First simulator port (the demo Pis take consecutive ports from here).</summary>
    public int BasePort { get; set; }
}
