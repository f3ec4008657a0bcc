using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TkeStack.Simulator;

/// <summary>tke-auth-api's API key from a password (open-source gateway only):
/// <c>POST /apis/auth.tkestack.io/v1/apikeys/default/password</c> with an APIKeyReqPassword, as
/// tkestack/tke <c>pkg/auth/registry/apikey/storage/password.go</c> Create answers it (the same at
/// v1.4.0 and v1.9.2): <c>pkg/auth/registry/apikey/validation.go</c> ValidateAPIkeyPassword, any error
/// a 400 BadRequest; then the key signed as <c>pkg/auth/util/sign.go</c> Generate signs it and stored
/// as an APIKey (<c>api/auth/v1/types.go</c>) named from GenerateName "apk"
/// (<c>pkg/auth/registry/apikey/strategy.go</c>).</summary>
internal static class AuthApi
{
    private static readonly TimeSpan MinExpire = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxExpire = TimeSpan.FromHours(100 * 365 * 24);
    private static readonly TimeSpan DefaultExpire = TimeSpan.FromHours(7 * 24);

    public static async Task CreateFromPassword(HttpContext context, SimulatorState state)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await Status.Error(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource").ExecuteAsync(context);
            return;
        }
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        }
        catch (JsonException e)
        {
            await Status.BadRequest(e.Message).ExecuteAsync(context);
            return;
        }
        if (body is null)
        {
            await Status.BadRequest("the body of the request was in an unknown format").ExecuteAsync(context);
            return;
        }
        var tenant = (string?)body["tenantID"] ?? "";
        var username = (string?)body["username"] ?? "";
        var password = (string?)body["password"] ?? "";
        var description = (string?)body["description"] ?? "";
        var expireText = (string?)body["expire"];
        var expire = TimeSpan.Zero;
        if (!string.IsNullOrEmpty(expireText) && !TryParseGoDuration(expireText, out expire))
        {
            // metav1.Duration UnmarshalJSON: time.ParseDuration's error, as the decoder reports it.
            await Status.BadRequest($"time: invalid duration \"{expireText}\"").ExecuteAsync(context);
            return;
        }

        var errors = new List<string>();
        if (expire == TimeSpan.Zero) expire = DefaultExpire;
        if (expire < MinExpire || expire > MaxExpire)
        {
            // field.Invalid of a metav1.Duration prints it with its String() (k8s.io/apimachinery
            // pkg/util/validation/field/errors.go ErrorBody).
            var d = GoDuration(expire);
            errors.Add($".expire: Invalid value: {d}: expire {d} must not shorter than {GoDuration(MinExpire)} or longer than {GoDuration(MaxExpire)}");
        }
        var user = state.FindUser(tenant, username);
        if (user is null)
        {
            // pkg/auth/util/user.go GetLocalIdentity: errors.NewNotFound(auth.Resource("localIdentity"), username).
            errors.Add($".username: Invalid value: {Quote(username)}: localIdentity.auth.tkestack.io {Quote(username)} not found");
        }
        else if (VerifyDecodedPassword(password, user.Password) is { } bad)
        {
            // The password as sent (base64) is echoed in the message: field.Invalid's value.
            errors.Add($".password: Invalid value: {Quote(password)}: {bad}");
        }
        if (errors.Count > 0)
        {
            // field.ErrorList.ToAggregate: one error's text, or "[e1, e2]".
            await Status.BadRequest(errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]").ExecuteAsync(context);
            return;
        }

        var key = state.Keys.Issue(user!.Name, user.Tenant, expire, user.Administrator);
        var created = DateTimeOffset.UtcNow;
        var issued = key.ExpiresAt!.Value - expire;
        await ProxyApi.Json(new JsonObject
        {
            ["kind"] = "APIKey",
            ["apiVersion"] = "auth.tkestack.io/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = "apk" + RandomSuffix(),
                ["uid"] = Guid.NewGuid().ToString(),
                ["resourceVersion"] = state.World.NextResourceVersion(),
                ["creationTimestamp"] = Time(created),
            },
            ["spec"] = new JsonObject
            {
                ["apiKey"] = key.Token,
                ["tenantID"] = user.Tenant,
                ["username"] = user.Name,
                ["description"] = description,
                ["issue_at"] = Time(issued),
                ["expire_at"] = Time(key.ExpiresAt.Value),
            },
            ["status"] = new JsonObject { ["disabled"] = false, ["expired"] = false },
        }, 201).ExecuteAsync(context);
    }

    /// <summary>pkg/auth/util/password.go VerifyDecodedPassword: the password comes base64-encoded;
    /// null when it matches, else the error text (bcrypt's when it does not match).</summary>
    private static string? VerifyDecodedPassword(string sent, string actual)
    {
        if (sent.Length == 0) return "input original password is empty";
        var (bytes, error) = GoBase64.Decode(sent);
        if (bytes is null) return error;
        return Encoding.UTF8.GetString(bytes) == actual ? null : "crypto/bcrypt: hashedPassword is not the hash of the given password";
    }

    /// <summary>Go's %q of a plain string.</summary>
    private static string Quote(string s) => JsonSerializer.Serialize(s, QuoteOptions);

    private static readonly JsonSerializerOptions QuoteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>k8s.io/apiserver names.SimpleNameGenerator: five characters from its alphabet.</summary>
    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return new string(Enumerable.Range(0, 5).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]).ToArray());
    }

    private static readonly Regex DurationPart = new(@"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)", RegexOptions.CultureInvariant);

    /// <summary>time.ParseDuration: a sequence of decimal numbers with units, an optional sign; "0" alone.</summary>
    public static bool TryParseGoDuration(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text;
        var negative = s.StartsWith('-');
        if (s.StartsWith('-') || s.StartsWith('+')) s = s[1..];
        if (s == "0") return true;
        if (s.Length == 0) return false;
        var ticks = 0.0;
        var at = 0;
        foreach (Match m in DurationPart.Matches(s))
        {
            if (m.Index != at) return false;
            at += m.Length;
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            ticks += n * m.Groups[2].Value switch
            {
                "ns" => 0.01, "us" or "µs" or "μs" => 10, "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond, "m" => TimeSpan.TicksPerMinute, _ => TimeSpan.TicksPerHour,
            };
        }
        if (at != s.Length) return false;
        value = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }

    /// <summary>time.Duration.String: 1h2m3.5s, 500ms, 0s.</summary>
    public static string GoDuration(TimeSpan d)
    {
        if (d == TimeSpan.Zero) return "0s";
        var sign = d < TimeSpan.Zero ? "-" : "";
        if (d < TimeSpan.Zero) d = d.Negate();
        if (d < TimeSpan.FromSeconds(1))
        {
            var ns = d.Ticks * 100;
            if (ns < 1000) return sign + ns + "ns";
            if (ns < 1_000_000) return sign + (ns / 1000.0).ToString(CultureInfo.InvariantCulture) + "µs";
            return sign + (ns / 1_000_000.0).ToString(CultureInfo.InvariantCulture) + "ms";
        }
        var hours = (long)d.TotalHours;
        var seconds = (d - TimeSpan.FromHours(hours) - TimeSpan.FromMinutes(d.Minutes)).Ticks / (double)TimeSpan.TicksPerSecond;
        var s = seconds.ToString(CultureInfo.InvariantCulture) + "s";
        if (hours > 0) return sign + hours + "h" + d.Minutes + "m" + s;
        if (d.Minutes > 0) return sign + d.Minutes + "m" + s;
        return sign + s;
    }
}
