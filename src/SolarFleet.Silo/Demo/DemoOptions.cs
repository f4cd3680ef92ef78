namespace SolarFleet.Silo.Demo;

/// <summary>SolarFleet:Demo — an in-process simulated fleet for trying SolarFleet out.</summary>
public sealed class DemoOptions
{
    public bool Enabled { get; set; }

    /// <summary>
    /// How many times faster than real time the demo runs. 1 (the default) is real time, the clock a Pi started on its
    /// own keeps; above 1 the demo prints the simulator options that run a Pi on the same sped-up clock.
    /// </summary>
    public double Speed { get; set; } = 1;

    /// <summary>First simulator port (the demo Pis take consecutive ports from here).</summary>
    public int BasePort { get; set; }
}
