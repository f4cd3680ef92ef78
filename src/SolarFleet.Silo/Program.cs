using SolarFleet.Silo.Hosting;

namespace SolarFleet.Silo;

/// <summary>The entry point: runs a command (migrate, cluster-certs), or the silo, or stops with the configuration errors it found.</summary>
public sealed class Program
{
    private Program()
    {
    }

    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case MigrateCommand.Name:
                return await MigrateCommand.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
            case ClusterCertsCommand.Name:
                return await ClusterCertsCommand.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
        }

        try
        {
            var builder = SolarFleetApp.CreateBuilder(args);
            var app = SolarFleetApp.Build(builder);
            await app.RunAsync();
            return 0;
        }
        catch (InvalidConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }
}
