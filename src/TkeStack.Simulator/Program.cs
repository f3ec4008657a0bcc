using TkeStack.Simulator;

// tkesim: an in-memory TKEStack console on 127.0.0.1. The first line printed is the URL it listens on.
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
Console.Out.Flush();
var done = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; done.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => done.TrySetResult();
await done.Task;
return 0;
