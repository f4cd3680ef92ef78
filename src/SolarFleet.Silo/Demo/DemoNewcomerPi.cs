using System.Globalization;
using SolarFleet.Simulator.Time;

namespace SolarFleet.Silo.Demo;

/// <summary>
/// How a newcomer runs a Pi of their own that the demo sees online: the simulator at one of the demo's homes (its
/// position for the sun, its zone for the Pi's clock) and on the demo's clock, then added to that home.
/// </summary>
public sealed record DemoNewcomerPi(DemoSite Home, TimeProvider Clock)
{
    public const int Port = 62000;

    /// <summary>The simulator's command line; a sped-up demo adds the speed and the real instant it runs faster from.</summary>
    public string Command
    {
        get
        {
            var command = string.Create(
                CultureInfo.InvariantCulture,
                $"dotnet run --project src/SolarFleet.Simulator -c Release -- --base-port {Port} --lat {Home.Latitude} --lon {Home.Longitude} --tz {Home.TimeZone}");
            return Clock is AcceleratedTimeProvider fast
                ? string.Create(CultureInfo.InvariantCulture, $"{command} --speed {fast.Speed} --since {fast.Start:yyyy-MM-ddTHH:mm:ss.fffZ}")
                : command;
        }
    }

    public string Instructions => $"Add a Pi of your own: run{Environment.NewLine}  {Command}{Environment.NewLine}then add 127.0.0.1:{Port} to {Home.Name} ({Home.Id}).";
}
