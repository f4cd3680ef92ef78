using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using SolarFleet.Simulator.Cli;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Time;

if (args is ["--help" or "-h"])
{
    Console.WriteLine(SimulatorArguments.Usage);
    return 0;
}

if (!SimulatorArguments.TryParse(args, out var parsed, out var error))
{
    Console.Error.WriteLine($"error: {error}");
    return 2;
}

var time = new FreezableTimeProvider(parsed!.Clock(TimeProvider.System));

using var loggers = LoggerFactory.Create(logging => logging
    .SetMinimumLevel(LogLevel.Warning)
    .AddSimpleConsole(console => console.SingleLine = true)
    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));

PiSimulator simulator;
try
{
    simulator = await PiSimulator.StartAsync(parsed.Options, time, loggers);
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

await using (simulator)
{
    foreach (var (index, request) in parsed.Faults)
    {
        simulator.Pis[index].Faults = request.At(parsed.Site, time.GetUtcNow());
    }

    var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        stop.TrySetResult();
    }

    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    Console.WriteLine($"ready: {simulator.Pis.Count} Pis on {simulator.DescribeEndpoints()}");
    // Not awaited: a read of standard input may block until the process leaves, which it may do regardless.
    _ = Task.Run(() => ConsoleCommands.ServeAsync(Console.In, Console.Out, simulator, time, CancellationToken.None));
    await stop.Task;
}

// Totals for load generators that compare what clients saw with what the Pis served.
Console.WriteLine($"stopped: {simulator.Pis.Sum(pi => pi.ConnectionsAccepted)} connections, {simulator.Pis.Sum(pi => pi.QueriesAnswered)} answers");
return 0;
