namespace SolarFleet.Silo.Hosting;

/// <summary>Turns the host's flags into configuration keys (the configuration binder wants key=value).</summary>
public static class CommandLine
{
    public static string[] Normalize(string[] args) =>
        args.Select(a => a switch
        {
            "--demo" => "--SolarFleet:Demo:Enabled=true",
            _ => a,
        }).ToArray();
}
