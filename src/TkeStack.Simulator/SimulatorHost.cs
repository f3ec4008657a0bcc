using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace TkeStack.Simulator;

/// <summary>A running simulator on 127.0.0.1: start it (port 0 picks a free port), read
/// <see cref="Url"/>, dispose it to stop. Usable in-process from tests and from Program.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private X509Certificate2? _certificate;

    private SimulatorHost(WebApplication app, SimulatorState state)
    {
        _app = app;
        State = state;
    }

    /// <summary>The base URL, such as http://127.0.0.1:5123.</summary>
    public string Url => State.Url;

    /// <summary>The HTTPS base URL (self-signed certificate) when started with <see cref="SimulatorOptions.Https"/>.</summary>
    public string? HttpsUrl => State.HttpsUrl;

    /// <summary>The world, keys and request log, for tests to arrange and inspect.</summary>
    internal SimulatorState State { get; }

    /// <summary>Starts a simulator on 127.0.0.1 with the given options; it answers once this returns.</summary>
    /// <param name="options">Port (0 for a free one), keys, seed file and the other options.</param>
    /// <returns>The running simulator; dispose it to stop.</returns>
    public static async Task<SimulatorHost> StartAsync(SimulatorOptions options)
    {
        var state = new SimulatorState(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Kept for the host's lifetime: Kestrel uses it on every handshake.
        var certificate = options.Https ? SelfSignedCertificate() : null;
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            if (certificate != null) k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate));
        });
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        Routes.Map(app, state);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => a.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)).ToList();
        state.Url = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal));
        state.HttpsUrl = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.Ordinal));
        state.CertificateThumbprint = certificate?.GetCertHashString(HashAlgorithmName.SHA256);
        return new SimulatorHost(app, state) { _certificate = certificate };
    }

    /// <summary>A certificate for 127.0.0.1 and localhost that no one trusts: clients must refuse it
    /// unless told to skip the check.</summary>
    private static X509Certificate2 SelfSignedCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=tkesim", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var made = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));
        // Through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
    }

    /// <summary>Completes when the host is asked to stop: ASP.NET's console lifetime turns Ctrl+C
    /// (SIGINT), SIGTERM and SIGQUIT into ApplicationStopping, and swallows the signal, so a program
    /// must wait on this rather than on the signals itself.</summary>
    public Task WaitForStopRequestAsync()
    {
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _app.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        return stopping.Task;
    }

    /// <summary>Stops the simulator and frees its port.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate?.Dispose();
    }
}
