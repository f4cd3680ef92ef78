namespace SolarFleet.Cluster.Tests.Infrastructure;

/// <summary>
/// The silo processes of one test. Whatever happens, they are killed at the end; when the test fails, the
/// failure message carries what each silo printed.
/// </summary>
public sealed class SiloSet : IAsyncDisposable
{
    private readonly List<SiloProcess> silos = [];

    public SiloProcess Start(string name, SiloSettings settings) => Keep(SiloProcess.Start(name, settings));

    /// <summary>Starts a silo that <paramref name="start"/> runs (a published one, say) on the ports of <paramref name="settings"/>.</summary>
    public SiloProcess Start(string name, SiloSettings settings, System.Diagnostics.ProcessStartInfo start) => Keep(SiloProcess.Start(name, settings, start));

    /// <summary>Starts a silo and waits until it is ready to serve.</summary>
    public async Task<SiloProcess> StartReadyAsync(string name, SiloSettings settings)
    {
        var silo = Start(name, settings);
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
        return silo;
    }

    /// <summary>Runs the test body; a failure is rethrown with every silo's output appended.</summary>
    public async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception ex) when (silos.Count > 0 && ex is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException(
                ex.Message + "\n\n" + string.Join("\n\n", silos.Select(s => s.Describe())),
                ex);
        }
    }

    private SiloProcess Keep(SiloProcess silo)
    {
        silos.Add(silo);
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }

        silos.Clear();
    }
}
