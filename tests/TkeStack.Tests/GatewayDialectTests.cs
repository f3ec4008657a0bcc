using System.Text;
using TkeStack.Api;
using TkeStack.Commands;

namespace TkeStack.Tests;

/// <summary>The open-source gateway's rules as the module applies them, as pure functions: the cookie
/// (tkestack/tke pkg/gateway/token/token.go), its CSRF token (web/console/helpers/csrf.ts), the answers
/// that give the gateway away, when a login is renewed, and what Test-TkeConnection makes of a probe.</summary>
public sealed class GatewayDialectTests
{
    [Fact]
    public void A_cookie_is_base64_of_the_tokens_and_expiry_and_reads_back()
    {
        var expires = new DateTimeOffset(2026, 12, 4, 8, 30, 0, TimeSpan.Zero);
        var cookie = GatewayCookie.Make("id.token.sig", "refresh-1", expires);
        Assert.Equal("{\"i\":\"id.token.sig\",\"r\":\"refresh-1\",\"e\":\"2026-12-04T08:30:00Z\"}", Encoding.UTF8.GetString(Convert.FromBase64String(cookie)));
        var read = GatewayCookie.Read(cookie)!.Value;
        Assert.Equal("id.token.sig", read.IdToken);
        Assert.Equal("refresh-1", read.Refresh);
        Assert.Equal(expires, read.Expires);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("W10=")] // []
    [InlineData("eyJpIjoiIiwiciI6IiIsImUiOiIyMDI2LTEyLTA0VDA4OjMwOjAwWiJ9")] // an empty i
    [InlineData("eyJpIjoieCJ9")] // no e
    public void A_cookie_the_gateway_would_refuse_reads_as_nothing(string cookie) => Assert.Null(GatewayCookie.Read(cookie));

    [Fact]
    public void An_api_key_goes_in_the_cookie_with_its_own_expiry_or_a_year()
    {
        var exp = DateTimeOffset.UtcNow.AddDays(3);
        var read = GatewayCookie.Read(GatewayCookie.ForApiKey("key", exp))!.Value;
        Assert.Equal("key", read.IdToken);
        Assert.Equal("", read.Refresh);
        Assert.Equal(exp.ToUnixTimeSeconds(), read.Expires.ToUnixTimeSeconds());
        Assert.InRange(GatewayCookie.Read(GatewayCookie.ForApiKey("key", null))!.Value.Expires, DateTimeOffset.UtcNow.AddDays(364), DateTimeOffset.UtcNow.AddDays(366));
    }

    [Fact]
    public void The_csrf_token_is_the_lowercase_hex_md5_of_the_raw_cookie()
    {
        // md5("abc"), as SparkMD5.hash gives it in the console.
        Assert.Equal("900150983cd24fb0d6963f7d28e17f72", GatewayCookie.Csrf("abc"));
    }

    [Theory]
    [InlineData(new[] { "tke=YWJj; Path=/; Max-Age=86399" }, "YWJj")]
    [InlineData(new[] { "other=1; Path=/", "tke=\"YWJj\"; Path=/" }, "YWJj")]
    [InlineData(new[] { "tke=; Path=/; Max-Age=0" }, "")]
    [InlineData(new[] { "tkex=1" }, null)]
    public void The_cookie_is_found_among_set_cookie_headers(string[] headers, string? value) => Assert.Equal(value, GatewayCookie.FromSetCookie(headers));

    [Theory]
    [InlineData(401, "{\n  \"ErrStatus\": {\n    \"metadata\": {},\n    \"status\": \"Failure\",\n    \"message\": \"http: named cookie not present\",\n    \"reason\": \"Unauthorized\",\n    \"code\": 401\n  }\n}", null, "CookieMissing")]
    [InlineData(401, "{\"ErrStatus\":{\"status\":\"Failure\",\"message\":\"invalid CSRF token\",\"reason\":\"Unauthorized\",\"code\":401}}", null, "CsrfRefused")]
    [InlineData(401, "{\"ErrStatus\":{\"status\":\"Failure\",\"message\":\"invalid token\",\"reason\":\"Unauthorized\",\"code\":401}}", null, "TokenLapsed")]
    // An API server's own 401 is the Status itself, not the gateway's StatusError.
    [InlineData(401, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"invalid token\",\"reason\":\"Unauthorized\",\"code\":401}", null, "None")]
    [InlineData(302, "", "/oidc/auth?client_id=default&state=%2Fplatform", "LoginRedirect")]
    [InlineData(302, "", "https://console.example/", "None")]
    public void The_gateway_gives_itself_away_by_its_answers(int code, string body, string? location, string sign) =>
        Assert.Equal(sign, GatewayAnswer.Of(code, "application/json", Encoding.UTF8.GetBytes(body), location).ToString());

    [Fact]
    public void The_assets_404_is_the_gateway_and_another_404_is_not()
    {
        Assert.Equal(GatewaySign.AssetsNotFound, GatewayAnswer.Of(404, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes("404 page not found\n"), null));
        Assert.Equal(GatewaySign.None, GatewayAnswer.Of(404, "application/json", Encoding.UTF8.GetBytes("{\"kind\":\"Status\",\"code\":404}"), null));
    }

    [Theory]
    [InlineData(600, false, false)]  // ten minutes left: not yet
    [InlineData(299, false, true)]   // within five minutes: renew
    [InlineData(-5, false, true)]    // lapsed: try, the gateway says
    [InlineData(60, true, false)]    // the gateway said it cannot renew
    public void A_login_is_renewed_in_its_last_five_minutes(int secondsLeft, bool cannotRenew, bool due)
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(due, TkeClient.RenewDue(now.AddSeconds(secondsLeft), now, cannotRenew));
    }

    [Fact]
    public void An_api_key_is_never_renewed() => Assert.False(TkeClient.RenewDue(null, DateTimeOffset.UtcNow, false));

    [Theory]
    [InlineData(8080, "Port 8080 is the guide's console's")]
    [InlineData(31180, "Check the address")]
    [InlineData(12345, "Nothing answers on port 12345")]
    public void Nothing_listening_is_answered_with_where_an_open_source_console_listens(int port, string starts)
    {
        var advice = ConnectionDiagnosis.Unreachable(new Uri($"http://10.0.0.1:{port}"));
        Assert.StartsWith(starts, advice);
        Assert.Contains("http://10.0.0.1:31180", advice);
    }

    [Fact]
    public void The_business_api_refusing_a_key_on_an_open_source_install_says_so_and_what_to_do()
    {
        var caller = new Caller(TkeDialect.OpenSource, TkeCredentialKind.ApiKey, ApiKeyInfo.Parse("plain"), ApiGroup.Business);
        var e = ErrorMapper.FromResponse(401, "application/json",
            Encoding.UTF8.GetBytes("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}"),
            "GET", new Uri("http://10.0.0.1:31180/apis/business.tkestack.io/v1/portal"), caller, null);
        Assert.Equal("TkeBusinessNeedsLogin", e.ErrorId);
        Assert.Contains("业务", e.Message);
        Assert.StartsWith("Connect-Tke -Uri http://10.0.0.1:31180 -Credential (Get-Credential)", e.RecommendedAction);
        // The same 401 from the platform is a refused key.
        var platform = new Caller(TkeDialect.OpenSource, TkeCredentialKind.ApiKey, ApiKeyInfo.Parse("plain"), ApiGroup.Platform);
        Assert.Equal("TkeApiUnauthorized", ErrorMapper.FromResponse(401, "application/json",
            Encoding.UTF8.GetBytes("{\"kind\":\"Status\",\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}"),
            "GET", new Uri("http://10.0.0.1:31180/apis/platform.tkestack.io/v1/clusters"), platform, null).ErrorId);
    }
}
