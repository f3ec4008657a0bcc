using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace TkeStack.Simulator;

/// <summary>A running simulator on 127.0.0.1: start it (port 0 picks a free port), read
/// <see cref="Url"/>, dispose it to stop. Usable in-process from tests and from Program.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, SimulatorState state, string url)
    {
        _app = app;
        State = state;
        Url = url;
    }

    /// <summary>The base URL, such as http://127.0.0.1:5123.</summary>
    public string Url { get; }

    /// <summary>The world, keys and request log, for tests to arrange and inspect.</summary>
    public SimulatorState State { get; }

    public static async Task<SimulatorHost> StartAsync(SimulatorOptions options)
    {
        var state = new SimulatorState(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        Routes.Map(app, state);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, state, address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
