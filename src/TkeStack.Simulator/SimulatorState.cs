namespace TkeStack.Simulator;

/// <summary>Everything the routes share: the world, the keys, what was received.</summary>
internal sealed class SimulatorState
{
    public SimulatorState(SimulatorOptions options)
    {
        Options = options;
        Logins = new Logins(Keys);
        Seed = Seed.Load(options.SeedFile);
        Seed.TkeVersion = TkeRelease.Parse(options.TkeVersion ?? Seed.TkeVersion).Name;
        World = World.FromSeed(Seed);
        foreach (var token in options.Tokens) Keys.AddPlain(token);
        foreach (var k in Seed.Keys)
        {
            Keys.Issue(k.User, k.Tenant, k.ExpiresInSeconds is double s ? TimeSpan.FromSeconds(s) : null, k.Administrator, k.Disabled);
        }
    }

    public SimulatorOptions Options { get; }
    public Seed Seed { get; }
    public World World { get; private set; }
    public ApiKeys Keys { get; } = new();

    /// <summary>The console logins of the open-source gateway (<c>--gateway open-source</c>).</summary>
    public Logins Logins { get; }

    /// <summary>The user of that name and tenant with a password, if the seed has one.</summary>
    public SeedUser? FindUser(string tenant, string name) => Seed.Users.FirstOrDefault(u => u.Name == name && u.Tenant == tenant);
    public RequestLog Requests { get; } = new();

    /// <summary>The faults the gateway injects (<c>/_sim/faults</c>).</summary>
    public Faults Faults { get; } = new();

    /// <summary>The plain HTTP URL, set once listening.</summary>
    public string Url { get; set; } = "";

    /// <summary>The HTTPS URL (self-signed certificate) when started with <c>--https</c>.</summary>
    public string? HttpsUrl { get; set; }

    /// <summary>The SHA-256 thumbprint of the self-signed certificate, when there is one.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>Back to the seed's world; keys and the request log stay.</summary>
    public void Reset() => World = World.FromSeed(Seed);
}

/// <summary>Per-request facts the middleware found: the caller's key.</summary>
internal static class HttpContextExtensions
{
    private const string KeyItem = "tkesim.key";

    public static ApiKey Caller(this HttpContext context) => (ApiKey)context.Items[KeyItem]!;

    public static void SetCaller(this HttpContext context, ApiKey key) => context.Items[KeyItem] = key;
}
