using SolarFleet.Cli;

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Let the running command wind down and report instead of the runtime killing the process.
    e.Cancel = true;
    interrupted.Cancel();
};

return await CliApp.RunAsync(args, Console.Out, Console.Error, interrupted.Token);
