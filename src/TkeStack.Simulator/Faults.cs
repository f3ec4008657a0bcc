using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace TkeStack.Simulator;

/// <summary>One fault the gateway injects for requests that match a method and a path pattern, the
/// way PowerShell's WebListener (PowerShell/PowerShell <c>test/tools/WebListener</c>) serves delays,
/// status codes and redirects for the web cmdlets' tests. Set through <c>POST /_sim/faults</c>,
/// never on an API path.</summary>
internal sealed class Fault
{
    /// <summary>Assigned when the fault is set.</summary>
    public string Id { get; set; } = "";

    /// <summary>The HTTP method it applies to; <c>*</c> for any.</summary>
    public string Method { get; set; } = "*";

    /// <summary>A path pattern where <c>*</c> matches anything (the query is not part of it).</summary>
    public string Path { get; set; } = "*";

    /// <summary>status, delay, slowbody, drop, truncated, partial, html, malformed, empty, body, huge,
    /// redirect, proxyauth, and the hostile kinds pageloop, emptypages, gzipbomb, endless,
    /// controlstatus, controlchars, dotname and hugeheader (see <see cref="Faults.Kinds"/>).</summary>
    public string Kind { get; set; } = "status";

    /// <summary>The HTTP status answered (status: 503 by default; redirect: 302; body kinds: 200).</summary>
    public int? Status { get; set; }

    /// <summary>The Retry-After header sent with a status fault: seconds, or an HTTP date.</summary>
    public string? RetryAfter { get; set; }

    /// <summary>Milliseconds to wait: before the headers (delay) or in the middle of the body (slowbody).</summary>
    public int DelayMs { get; set; }

    /// <summary>How many matching requests get the fault before it stops; 0 means every one.</summary>
    public int Times { get; set; }

    /// <summary>The body of a body fault.</summary>
    public string? Body { get; set; }

    /// <summary>The content type of a body fault (application/json by default).</summary>
    public string? ContentType { get; set; }

    /// <summary>Where a redirect fault points.</summary>
    public string? Location { get; set; }

    /// <summary>Bytes of a huge answer (8 MiB by default), of a gzip bomb once inflated (1 GiB), or of a
    /// huge header's value (1 MiB).</summary>
    public long? Size { get; set; }

    /// <summary>The text a controlchars or controlstatus fault puts in (<see cref="Faults.ControlText"/>
    /// by default), or the name a dotname fault answers (<c>..</c> by default).</summary>
    public string? Text { get; set; }

    /// <summary>The dotted path of the string field a controlchars fault sets in the answer's object
    /// and in each of its items (<c>spec.displayName</c> by default; only where the parent object exists).</summary>
    public string? Field { get; set; }

    /// <summary>Whether a huge answer declares its Content-Length (else it is chunked).</summary>
    public bool DeclareLength { get; set; }

    /// <summary>How many requests the fault has been applied to.</summary>
    public int Hits { get; set; }

    internal Regex? Pattern { get; set; }

    public JsonObject ToJson() => new()
    {
        ["id"] = Id, ["method"] = Method, ["path"] = Path, ["kind"] = Kind, ["status"] = Status,
        ["retryAfter"] = RetryAfter, ["delayMs"] = DelayMs, ["times"] = Times, ["location"] = Location,
        ["size"] = Size, ["declareLength"] = DeclareLength, ["text"] = Text, ["field"] = Field, ["hits"] = Hits,
    };
}

/// <summary>The faults in force, and how each is played out on the wire.</summary>
internal sealed class Faults
{
    /// <summary>Every kind of fault the gateway can play.</summary>
    public static readonly string[] Kinds =
    [
        "status", "delay", "slowbody", "drop", "truncated", "partial", "html", "malformed", "empty", "body", "huge", "redirect", "proxyauth",
        "pageloop", "emptypages", "gzipbomb", "endless", "controlstatus", "controlchars", "dotname", "hugeheader",
    ];

    /// <summary>What a hostile server writes to a terminal: retitle the window (OSC 0 ... BEL), clear
    /// the screen and home the cursor (CSI 2J, CSI H), a red fake prompt (SGR), the one-byte C1 CSI
    /// (U+009B), a backspace and a bell.</summary>
    public const string ControlText = "\u001b]0;pwned\u0007\u001b[2J\u001b[H\u001b[31mroot@console:~# \u001b[0m\u009b1mC1\b\u0007";

    /// <summary>The longest an endless body or a gzip bomb is written: every loop of the simulator
    /// ends, even if the client never hangs up.</summary>
    public static readonly TimeSpan EndlessFor = TimeSpan.FromMinutes(5);

    /// <summary>The most bytes an endless body writes, and a gzip bomb inflates to.</summary>
    public const long EndlessBytes = 64L * 1024 * 1024 * 1024;

    /// <summary>What an nginx in front of the console answers when the API behind it is down.</summary>
    public const string BadGatewayPage = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private readonly List<Fault> _faults = new();
    private int _next;

    /// <summary>Adds a fault; the first one set wins when several match.</summary>
    public Fault Add(Fault f)
    {
        if (!Kinds.Contains(f.Kind)) throw new ArgumentException($"unknown fault kind '{f.Kind}'; one of {string.Join(", ", Kinds)}");
        f.Pattern = new Regex("^" + Regex.Escape(f.Path).Replace("\\*", ".*") + "$", RegexOptions.CultureInvariant);
        lock (_faults)
        {
            f.Id = "f" + ++_next;
            _faults.Add(f);
        }
        return f;
    }

    public IReadOnlyList<Fault> Snapshot()
    {
        lock (_faults) return _faults.ToArray();
    }

    public void Clear()
    {
        lock (_faults) _faults.Clear();
    }

    public bool Remove(string id)
    {
        lock (_faults) return _faults.RemoveAll(f => f.Id == id) > 0;
    }

    /// <summary>The fault that takes this request, counted as applied; null when none does.</summary>
    public Fault? Take(string method, string path)
    {
        lock (_faults)
        {
            foreach (var f in _faults)
            {
                if (f.Method != "*" && !string.Equals(f.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
                if (!f.Pattern!.IsMatch(path)) continue;
                if (f.Times > 0 && f.Hits >= f.Times) continue;
                f.Hits++;
                return f;
            }
        }
        return null;
    }

    /// <summary>Plays a fault out. <paramref name="next"/> runs the real handling (authentication
    /// included) for the kinds that answer the real body, late, cut or slowly.</summary>
    public static async Task Play(Fault f, HttpContext ctx, Func<Task> next)
    {
        var response = ctx.Response;
        var aborted = ctx.RequestAborted;
        switch (f.Kind)
        {
            case "status":
            {
                var code = f.Status ?? 503;
                if (f.RetryAfter != null) response.Headers.RetryAfter = f.RetryAfter;
                await global::TkeStack.Simulator.Status.Error(code, ReasonFor(code), MessageFor(code)).ExecuteAsync(ctx);
                return;
            }
            case "delay":
                await Task.Delay(f.DelayMs, aborted);
                await next();
                return;
            case "drop":
                // The connection is reset before any byte of an answer.
                ctx.Abort();
                return;
            case "redirect":
                response.StatusCode = f.Status ?? 302;
                response.Headers.Location = f.Location ?? "/";
                return;
            case "proxyauth":
                // A forward proxy that wants Basic credentials (RFC 9110 section 11.7.1).
                if (string.IsNullOrEmpty(ctx.Request.Headers["Proxy-Authorization"].ToString()))
                {
                    response.StatusCode = 407;
                    response.Headers["Proxy-Authenticate"] = "Basic realm=\"tkesim\"";
                    return;
                }
                await next();
                return;
            case "html":
                await Write(response, f.Status ?? 502, "text/html", Encoding.UTF8.GetBytes(f.Body ?? BadGatewayPage), aborted);
                return;
            case "malformed":
                await Write(response, f.Status ?? 200, "application/json",
                    Encoding.UTF8.GetBytes(f.Body ?? "{\"kind\":\"ClusterList\",\"items\":[{\"metadata\":{\"name\":\"cls-a1b2c3d4\"}},],}"), aborted);
                return;
            case "empty":
                await Write(response, f.Status ?? 200, "application/json", [], aborted);
                return;
            case "body":
                await Write(response, f.Status ?? 200, f.ContentType ?? "application/json", Encoding.UTF8.GetBytes(f.Body ?? ""), aborted);
                return;
            case "huge":
                await Huge(f, response, aborted);
                return;
            case "gzipbomb":
                await GzipBomb(f, response, aborted);
                return;
            case "endless":
                await Endless(f, response, aborted);
                return;
            case "controlstatus":
            {
                // A Status whose message carries terminal control sequences (the API server copies
                // user-supplied text into messages, for example a name in "... not found").
                var code = f.Status ?? 500;
                await global::TkeStack.Simulator.Status.Error(code, ReasonFor(code), "the server says: " + (f.Text ?? ControlText)).ExecuteAsync(ctx);
                return;
            }
            case "pageloop":
            case "emptypages":
            {
                // The real first page every time (the client's continue is not passed on), answered with a
                // continue token that never advances (pageloop) or with no items and a new token each time
                // (emptypages): a list that never ends unless the client ends it.
                StripContinue(ctx.Request);
                var (pageStatus, pageType, page) = await Capture(ctx, next);
                if (JsonNode.Parse(page) is JsonObject list && list["items"] is JsonArray)
                {
                    if (list["metadata"] is not JsonObject meta) list["metadata"] = meta = new JsonObject();
                    if (f.Kind == "emptypages") list["items"] = new JsonArray();
                    meta["continue"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(
                        f.Kind == "pageloop" ? "{\"v\":\"meta.k8s.io/v1\",\"start\":\"tkesim-loop\"}" : "{\"v\":\"meta.k8s.io/v1\",\"start\":\"tkesim-empty-" + f.Hits + "\"}"));
                    page = Encoding.UTF8.GetBytes(list.ToJsonString());
                }
                await Write(response, pageStatus, pageType ?? "application/json", page, aborted);
                return;
            }
        }

        // The kinds that answer the real body, captured first.
        var (status, contentType, body) = await Capture(ctx, next);
        switch (f.Kind)
        {
            case "slowbody":
            {
                response.StatusCode = status;
                response.ContentType = contentType;
                response.ContentLength = body.Length;
                var half = body.Length / 2;
                await response.Body.WriteAsync(body.AsMemory(0, half), aborted);
                await response.Body.FlushAsync(aborted);
                await Task.Delay(f.DelayMs, aborted);
                await response.Body.WriteAsync(body.AsMemory(half), aborted);
                return;
            }
            case "truncated":
            {
                // Content-Length promises the whole body; half comes, then the connection drops.
                response.StatusCode = status;
                response.ContentType = contentType;
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), aborted);
                await response.Body.FlushAsync(aborted);
                // Let the headers and the first half be read before the reset, which would otherwise
                // discard them from the client's socket buffer.
                await Task.Delay(200, aborted);
                ctx.Abort();
                return;
            }
            case "partial":
                // A well-formed HTTP answer whose JSON stops halfway.
                await Write(response, status, contentType ?? "application/json", body.AsSpan(0, body.Length / 2).ToArray(), aborted);
                return;
            case "controlchars":
            case "dotname":
            {
                if (status >= 200 && status < 300 && Parse(body) is JsonObject root)
                {
                    var objects = root["items"] is JsonArray items ? items.OfType<JsonObject>().Prepend(root) : [root];
                    foreach (var o in objects)
                    {
                        if (f.Kind == "dotname")
                        {
                            if (o["metadata"] is JsonObject meta && meta["name"] != null) meta["name"] = f.Text ?? "..";
                        }
                        else
                        {
                            SetString(o, f.Field ?? "spec.displayName", f.Text ?? ControlText);
                        }
                    }
                    body = Encoding.UTF8.GetBytes(root.ToJsonString());
                }
                await Write(response, status, contentType ?? "application/json", body, aborted);
                return;
            }
            case "hugeheader":
            {
                // Far past what clients take (HttpClient's MaxResponseHeadersLength is 64 KiB); 64 MiB at most.
                var size = (int)Math.Clamp(f.Size ?? 1024 * 1024, 1, 64L * 1024 * 1024);
                response.Headers["X-Tkesim-Padding"] = new string('x', size);
                await Write(response, status, contentType ?? "application/json", body, aborted);
                return;
            }
        }
    }

    private static async Task<(int Status, string? ContentType, byte[] Body)> Capture(HttpContext ctx, Func<Task> next)
    {
        var original = ctx.Response.Body;
        using var buffer = new MemoryStream();
        ctx.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            ctx.Response.Body = original;
        }
        var status = ctx.Response.StatusCode;
        var contentType = ctx.Response.ContentType;
        ctx.Response.Headers.ContentLength = null;
        return (status, contentType, buffer.ToArray());
    }

    private static async Task Write(HttpResponse response, int status, string contentType, byte[] body, CancellationToken aborted)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, aborted);
    }

    /// <summary>A list of clusters padded with whitespace to the size asked for, written until done
    /// or until the client hangs up.</summary>
    private static async Task Huge(Fault f, HttpResponse response, CancellationToken aborted)
    {
        var head = Encoding.UTF8.GetBytes("{\"kind\":\"ClusterList\",\"apiVersion\":\"platform.tkestack.io/v1\",\"metadata\":{},\"items\":[");
        var tail = Encoding.UTF8.GetBytes("]}");
        response.StatusCode = f.Status ?? 200;
        response.ContentType = "application/json";
        var size = f.Size ?? 8 * 1024 * 1024;
        if (f.DeclareLength) response.ContentLength = Math.Max(size, head.Length + tail.Length);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        try
        {
            await response.Body.WriteAsync(head, aborted);
            var left = Math.Max(0, size - head.Length - tail.Length);
            while (left > 0)
            {
                var n = (int)Math.Min(chunk.Length, left);
                await response.Body.WriteAsync(chunk.AsMemory(0, n), aborted);
                left -= n;
            }
            await response.Body.WriteAsync(tail, aborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client refused the rest.
        }
    }

    private static readonly byte[] ListHead = Encoding.UTF8.GetBytes("{\"kind\":\"ClusterList\",\"apiVersion\":\"platform.tkestack.io/v1\",\"metadata\":{},\"items\":[");
    private static readonly byte[] ListTail = Encoding.UTF8.GetBytes("]}");
    private const int BombBlock = 1024 * 1024;
    private static readonly Lazy<byte[]> BombMember = new(() => GzipMember(new byte[BombBlock].AsSpan(), (byte)' '));

    /// <summary>One gzip member of <paramref name="data"/> (filled with <paramref name="fill"/> when given).</summary>
    private static byte[] GzipMember(Span<byte> data, byte? fill = null)
    {
        if (fill != null) data.Fill(fill.Value);
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(data);
        return packed.ToArray();
    }

    /// <summary>A cluster list padded with spaces to <see cref="Fault.Size"/> bytes (1 GiB by default)
    /// once inflated, sent as <c>Content-Encoding: gzip</c>: one gzip member per MiB of spaces, made
    /// once and written again and again (RFC 1952 allows a file of several members), so about 1 KiB
    /// on the wire per MiB and nothing held but one member. A client that inflates it all holds the
    /// whole size.</summary>
    private static async Task GzipBomb(Fault f, HttpResponse response, CancellationToken aborted)
    {
        // At most EndlessBytes once inflated, and EndlessFor: this loop ends too.
        var size = Math.Clamp(f.Size ?? 1024L * 1024 * 1024, ListHead.Length + ListTail.Length, EndlessBytes);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        response.StatusCode = f.Status ?? 200;
        response.ContentType = "application/json";
        response.Headers.ContentEncoding = "gzip";
        try
        {
            await response.Body.WriteAsync(GzipMember(ListHead.ToArray()), aborted);
            var left = size - ListHead.Length - ListTail.Length;
            var member = BombMember.Value;
            for (; left >= BombBlock && watch.Elapsed < EndlessFor; left -= BombBlock) await response.Body.WriteAsync(member, aborted);
            if (left > 0) await response.Body.WriteAsync(GzipMember(new byte[left], (byte)' '), aborted);
            await response.Body.WriteAsync(GzipMember(ListTail.ToArray()), aborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client refused the rest.
        }
    }

    /// <summary>A chunked cluster list that never ends: spaces after the list's head until the client
    /// hangs up, or <see cref="EndlessFor"/> or <see cref="EndlessBytes"/> have passed.</summary>
    private static async Task Endless(Fault f, HttpResponse response, CancellationToken aborted)
    {
        response.StatusCode = f.Status ?? 200;
        response.ContentType = "application/json";
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await response.Body.WriteAsync(ListHead, aborted);
            for (long sent = 0; sent < EndlessBytes && watch.Elapsed < EndlessFor; sent += chunk.Length)
            {
                await response.Body.WriteAsync(chunk, aborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client hung up, as it should.
        }
    }

    /// <summary>The request without its <c>continue</c> parameter, so the real handler reads the first page.</summary>
    private static void StripContinue(HttpRequest request)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query.Remove("continue");
        request.QueryString = QueryString.Create(query);
    }

    private static JsonNode? Parse(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Sets the string at a dotted path of <paramref name="o"/> when its parent object exists.</summary>
    private static void SetString(JsonObject o, string path, string value)
    {
        var parts = path.Split('.');
        var parent = o;
        foreach (var part in parts[..^1])
        {
            if (parent[part] is not JsonObject next) return;
            parent = next;
        }
        parent[parts[^1]] = value;
    }

    /// <summary>The Status reason Kubernetes gives each code (k8s.io/apimachinery
    /// <c>pkg/api/errors/errors.go</c> NewTooManyRequests, NewServiceUnavailable, NewTimeoutError, ...).</summary>
    private static string ReasonFor(int code) => code switch
    {
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "",
    };

    private static string MessageFor(int code) => code switch
    {
        429 => "Too many requests, please try again later.",
        502 => "Bad Gateway",
        503 => "The server is currently unable to handle the request",
        504 => "The server was unable to return a response in the time allotted, but may still be processing the request",
        _ => $"HTTP {code}",
    };
}
