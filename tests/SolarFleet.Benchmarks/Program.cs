using BenchmarkDotNet.Running;
using SolarFleet.Benchmarks.Curve;
using SolarFleet.Benchmarks.Detection;
using SolarFleet.Benchmarks.Failover;
using SolarFleet.Benchmarks.Fleet;

// "fleet ..." runs the fleet-scale benchmark, "curve ..." fleet runs at several sizes, "failover ..." the two-silo failover benchmark, "detect ..." the alert detection benchmark; anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args is ["fleet" or "curve" or "failover", ..])
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        // First Ctrl+C ends the run cleanly (children are stopped); a second one kills at once.
        e.Cancel = !stop.IsCancellationRequested;
        stop.Cancel();
    };
    return args[0] switch
    {
        "fleet" => await FleetCommand.RunAsync(args[1..], Console.Out, Console.Error, stop.Token),
        "curve" => await CurveCommand.RunAsync(args[1..], Console.Out, Console.Error, stop.Token),
        _ => await FailoverCommand.RunAsync(args[1..], Console.Out, Console.Error, stop.Token),
    };
}

if (args is ["detect", ..])
{
    return await DetectionCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

BenchmarkSwitcher.FromAssembly(typeof(FleetCommand).Assembly).Run(args);
return 0;
