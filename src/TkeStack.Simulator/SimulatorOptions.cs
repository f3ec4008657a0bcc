namespace TkeStack.Simulator;

/// <summary>How a simulator starts: where it listens, which keys it accepts, what world it holds.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Plain API keys accepted as they are (for <c>--token T</c>), as user admin of tenant default.</summary>
    public List<string> Tokens { get; } = new();

    /// <summary>A JSON file with the world to start from; the default world when null.</summary>
    public string? SeedFile { get; set; }

    /// <summary>Also answer the unprefixed paths (<c>/apis/...</c>, <c>/api/v1/...</c>) of the
    /// open-source API servers, beside <c>/platform</c> and <c>/business</c>.</summary>
    public bool Unprefixed { get; set; }

    /// <summary>What stands in front of the API servers: <c>console</c> (the default: the guide's
    /// commercial console, Bearer API keys under <c>/platform</c> and <c>/business</c>) or
    /// <c>open-source</c> (tkestack/tke's own tke-gateway: <c>/apis</c> and <c>/api</c> only, a cookie
    /// login, see OpenSourceGateway.cs).</summary>
    public string Gateway { get; set; } = ConsoleGateway;

    /// <summary>The <see cref="Gateway"/> of the guide's commercial console.</summary>
    public const string ConsoleGateway = "console";

    /// <summary>The <see cref="Gateway"/> of open-source TKEStack's tke-gateway.</summary>
    public const string OpenSourceGateway = "open-source";

    /// <summary>True with <c>--gateway open-source</c>.</summary>
    public bool IsOpenSource => Gateway == OpenSourceGateway;

    /// <summary>Milliseconds of latency added to every API request (for benchmarks).</summary>
    public int LatencyMs { get; set; }

    /// <summary>Also listen with HTTPS on a second loopback port, with a self-signed certificate made
    /// at start (for TLS tests); its URL is printed on the second line and in <c>/_sim/info</c>.</summary>
    public bool Https { get; set; }

    /// <summary>What <c>tkesim --help</c> prints.</summary>
    public const string Usage = """
        tkesim: an in-memory TKEStack API on 127.0.0.1, for demos, tests and runbooks.

        Usage: tkesim [--port N] [--token T]... [--seed world.json] [--unprefixed] [--latency-ms N] [--https] [--tke-version V]
                      [--gateway console|open-source]

          --port N         the loopback port; 0 (the default) picks a free one
          --token T        a plain API key accepted as user admin of tenant default (may repeat)
          --seed FILE      a JSON world to start from instead of the default one
          --unprefixed     also answer /apis/... and /api/v1/... without /platform and /business
          --latency-ms N   add N ms to every API request
          --https          also listen with HTTPS (a self-signed certificate made at start)
          --tke-version V  the TKEStack release to model: 1.4, 1.6, 1.8 or 1.9 (the newest by default)
          --gateway G      console (the default): the commercial console, API keys as Bearer under
                           /platform and /business; open-source: TKEStack's own tke-gateway, APIs at
                           /apis and /api only, behind the console login's cookie "tke" (log in with
                           POST /apis/gateway.tkestack.io/v1/tokens, username and password; the
                           seed's users are admin / Admin@2026 and alice / Alice@2026)
          -h, --help       this text

        It prints the URL it listens on as its first line (the HTTPS one second), then serves until
        Ctrl+C or SIGTERM. /_sim/keys lists the API keys it issued; /_sim/users the users and their
        passwords; /_sim/requests the requests it got.
        """;

    /// <summary>True when the arguments ask for the usage text.</summary>
    public static bool WantsHelp(string[] args) => args.Any(a => a is "--help" or "-h" or "-?" or "/?");

    /// <summary>The TKEStack release to model (1.4, 1.6, 1.8 or 1.9); the seed's <c>tkeVersion</c>,
    /// else the newest, when null.</summary>
    public string? TkeVersion { get; set; }

    /// <summary>Reads <c>--port N --token T --seed F --unprefixed --latency-ms N --https --tke-version V --gateway G</c>.</summary>
    public static SimulatorOptions Parse(string[] args)
    {
        var o = new SimulatorOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--port": o.Port = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--token": o.Tokens.Add(Next()); break;
                case "--seed": o.SeedFile = Next(); break;
                case "--unprefixed": o.Unprefixed = true; break;
                case "--latency-ms": o.LatencyMs = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--https": o.Https = true; break;
                case "--tke-version": o.TkeVersion = TkeRelease.Parse(Next()).Name; break;
                case "--gateway":
                    o.Gateway = Next() switch
                    {
                        ConsoleGateway => ConsoleGateway,
                        OpenSourceGateway => OpenSourceGateway,
                        var g => throw new ArgumentException($"--gateway {g} is not modelled; use console or open-source"),
                    };
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}; use --port N --token T [--seed file.json] [--unprefixed] [--latency-ms N] [--https] [--tke-version 1.4|1.6|1.8|1.9] [--gateway console|open-source], or --help");
            }
        }
        return o;
    }
}
