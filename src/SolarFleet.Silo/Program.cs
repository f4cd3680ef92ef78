using SolarFleet.Silo.Hosting;

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

/// <summary>The entry point, visible to the host's tests.</summary>
public partial class Program;
