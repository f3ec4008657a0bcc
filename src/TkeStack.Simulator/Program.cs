using TkeStack.Simulator;

// tkesim: an in-memory TKEStack console on 127.0.0.1. The first line printed is the URL it listens on
// (the HTTPS one follows on the second line with --https).
if (SimulatorOptions.WantsHelp(args))
{
    Console.WriteLine(SimulatorOptions.Usage);
    return 0;
}

SimulatorOptions options;
try
{
    options = SimulatorOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

await using var sim = await SimulatorHost.StartAsync(options);
Console.WriteLine(sim.Url);
if (sim.HttpsUrl != null) Console.WriteLine(sim.HttpsUrl);
Console.Out.Flush();
// Ctrl+C and SIGTERM reach the host's console lifetime, which stops the application; disposing the
// host then stops Kestrel and the process exits 0.
await sim.WaitForStopRequestAsync();
return 0;
