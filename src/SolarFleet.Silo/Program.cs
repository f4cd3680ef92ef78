using SolarFleet.Silo.Hosting;

namespace SolarFleet.Silo;

/// <summary>The entry point: runs the silo, or stops with the configuration errors it found.</summary>
public sealed class Program
{
    private Program()
    {
    }

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == MigrateCommand.Name)
        {
            return await MigrateCommand.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
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
