using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TkeStack.Simulator;

/// <summary>What reached the simulator, for tests to assert on: method, path, query, headers, body
/// and the status answered. The Authorization header is kept as whether one came, never its value.</summary>
internal sealed class RequestLog
{
    private readonly List<RecordedRequest> _requests = new();
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>The most API requests that were being served at once since the log was last cleared.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>The API requests being served now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Counts a request being served until the returned handle is disposed.</summary>
    public IDisposable Serving()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }
        return new Done(this);
    }

    private sealed class Done(RequestLog log) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Interlocked.Decrement(ref log._inFlight);
        }
    }

    public void Add(RecordedRequest r)
    {
        lock (_requests) _requests.Add(r);
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_requests) return _requests.ToArray();
    }

    public void Clear()
    {
        lock (_requests) _requests.Clear();
        Volatile.Write(ref _maxInFlight, Volatile.Read(ref _inFlight));
    }

    /// <summary>What is kept of a body: the machine's secrets (spec.password, spec.privateKey,
    /// spec.passPhrase of tkestack/tke <c>api/platform/v1/types.go</c> MachineSpec, base64 of the
    /// real secret) become "(redacted)", the rest byte for byte. A user's runbook test log must not
    /// hold a real password; whether the right one came is what the machine hosts of the seed check.</summary>
    public static string? Redact(string? body) => body is null ? null : Secret.Replace(body, "\"$1\":\"(redacted)\"");

    /// <summary>A form body (the gateway's login) with its password value replaced by "(redacted)".</summary>
    public static string? RedactForm(string? body) => body is null ? null : FormSecret.Replace(body, "$1password=(redacted)");

    private static readonly Regex FormSecret = new("(^|&)password=[^&]*", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex Secret = new("\"(password|privateKey|passPhrase)\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);
}

internal sealed class RecordedRequest
{
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required string Query { get; init; }
    public required Dictionary<string, string> Headers { get; init; }
    public string? ContentType { get; init; }
    public string? Body { get; init; }
    public bool Authorized { get; set; }
    public string? User { get; set; }
    public int Status { get; set; }
    public string Connection { get; init; } = "";

    /// <summary>The request line's target as sent (absolute-form when sent to a proxy).</summary>
    public string Target { get; init; } = "";

    /// <summary>The kind of fault injected into this request, if any.</summary>
    public string? Fault { get; set; }

    public JsonObject ToJson() => new()
    {
        ["method"] = Method,
        ["path"] = Path,
        ["query"] = Query,
        ["headers"] = new JsonObject(Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value)))),
        ["contentType"] = ContentType,
        ["body"] = Body,
        ["authorized"] = Authorized,
        ["user"] = User,
        ["status"] = Status,
        ["connection"] = Connection,
        ["target"] = Target,
        ["fault"] = Fault,
    };
}
