namespace SolarFleet.Silo.Demo;

/// <summary>
/// What a newcomer needs from a demo start, printed once the host has started so it comes after the start-up logs:
/// how to run a Pi of their own, the generated admin key (shown on the console, never logged), and last the
/// dashboard's address.
/// </summary>
public sealed class DemoWelcome(string? generatedAdminKey, DemoNewcomerPi? newcomerPi = null)
{
    public void Print(IEnumerable<string> addresses, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var address = addresses.Select(Browsable).FirstOrDefault() ?? "(no HTTP address)";
        console.WriteLine();
        if (newcomerPi is not null)
        {
            console.WriteLine(newcomerPi.Instructions);
        }

        if (generatedAdminKey is not null)
        {
            console.WriteLine($"Demo admin API key (X-Api-Key, or sign in to the dashboard with it): {generatedAdminKey}");
        }

        console.WriteLine($"SolarFleet dashboard: {address}");
    }

    /// <summary>An address a browser can open: a wildcard listen address becomes localhost.</summary>
    private static string Browsable(string address) =>
        address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/') + "/";
}
