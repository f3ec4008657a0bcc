using System.Management.Automation;
using System.Text;
using TkeStack.Api;

namespace TkeStack.Tests;

/// <summary>The client's one error mapper: HTTP codes to categories and ids, both Status forms,
/// and answers that are not the API.</summary>
public sealed class ClientErrorTests
{
    private static readonly Uri Uri = new("http://console.test/platform/apis/platform.tkestack.io/v1/clusters/cls-x");

    private static TkeApiException Map(int code, string body, string? contentType = "application/json", ApiKeyInfo? key = null, string? location = null) =>
        ErrorMapper.FromResponse(code, contentType, Encoding.UTF8.GetBytes(body), "GET", Uri, key ?? ApiKeyInfo.Parse("plain"), location);

    private static string Status(int code, string reason, string message) =>
        $"{{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{{}},\"status\":\"Failure\",\"message\":\"{message}\",\"reason\":\"{reason}\",\"code\":{code}}}";

    [Theory]
    [InlineData(400, "BadRequest", ErrorCategory.InvalidArgument)]
    [InlineData(401, "Unauthorized", ErrorCategory.AuthenticationError)]
    [InlineData(403, "Forbidden", ErrorCategory.PermissionDenied)]
    [InlineData(404, "NotFound", ErrorCategory.ObjectNotFound)]
    [InlineData(409, "AlreadyExists", ErrorCategory.ResourceExists)]
    [InlineData(409, "Conflict", ErrorCategory.ResourceBusy)]
    [InlineData(415, "UnsupportedMediaType", ErrorCategory.InvalidType)]
    [InlineData(422, "Invalid", ErrorCategory.InvalidData)]
    [InlineData(429, "TooManyRequests", ErrorCategory.LimitsExceeded)]
    [InlineData(500, "InternalError", ErrorCategory.ResourceUnavailable)]
    [InlineData(503, "ServiceUnavailable", ErrorCategory.ResourceUnavailable)]
    public void Maps_each_Status_to_its_category_and_a_stable_id(int code, string reason, ErrorCategory category)
    {
        var e = Map(code, Status(code, reason, "it went wrong"));
        Assert.Equal(category, e.Category);
        Assert.Equal("TkeApi" + reason, e.ErrorId);
        Assert.Equal(code, e.StatusCode);
        Assert.Equal(reason, e.Status!.Reason);
    }

    [Fact]
    public void Reads_the_ErrStatus_wrapper_too()
    {
        var e = Map(400, "{\"ErrStatus\":" + Status(400, "BadRequest", "namespace is required") + "}");
        Assert.Equal("namespace is required", e.Status!.Message);
        Assert.StartsWith("namespace is required", e.Message);
    }

    [Fact]
    public void A_401_names_the_API_key_page_and_says_the_key_expired_when_it_has()
    {
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"exp\":1000,\"usr\":\"u\",\"ted\":\"t\"}")).TrimEnd('=');
        var e = Map(401, Status(401, "Unauthorized", "Unauthorized"), key: ApiKeyInfo.Parse("h." + payload + ".s"));
        Assert.Contains("expired at", e.Message);
        Assert.Contains("访问凭证", e.RecommendedAction);
    }

    [Fact]
    public void An_html_page_says_the_uri_is_not_the_API_with_its_first_bytes()
    {
        var e = Map(200, "<!DOCTYPE html><html><title>TKEStack</title></html>", "text/html");
        Assert.Equal("TkeNotApi", e.ErrorId);
        Assert.Contains("does not reach the TKEStack API", e.Message);
        Assert.Contains("<!DOCTYPE html>", e.Message);
        Assert.DoesNotContain("Exception of type", e.Message);
    }

    [Fact]
    public void A_redirect_to_the_login_page_says_the_uri_is_not_the_API()
    {
        var e = Map(302, "", null, location: "/oidc/auth?client_id=x");
        Assert.Equal("TkeNotApi", e.ErrorId);
        Assert.Contains("/oidc/auth", e.Message);
        Assert.Contains("login page", e.Message);
    }

    [Fact]
    public void A_status_code_without_a_Status_body_still_gets_an_id_and_category()
    {
        var e = Map(502, "{}");
        Assert.Equal("TkeApiHttp502", e.ErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, e.Category);
    }

    [Fact]
    public void A_key_that_is_not_a_JWT_has_no_expiry()
    {
        var info = ApiKeyInfo.Parse("just-a-string");
        Assert.Null(info.ExpiresAt);
        Assert.Null(info.User);
    }

    /// <summary>What TKEStack answers for a locked or unhealthy cluster (pkg/platform/util/location.go,
    /// pkg/platform/proxy/client.go) and what the user is given instead: its own id, ResourceUnavailable
    /// (not a missing permission), and a command to look at the cluster.</summary>
    [Theory]
    [InlineData(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"clusters.platform.tkestack.io \\\"cls-l0cked01\\\" is forbidden: cluster is been locked\",\"reason\":\"Forbidden\",\"details\":{\"name\":\"cls-l0cked01\",\"group\":\"platform.tkestack.io\",\"kind\":\"clusters\"},\"code\":403}", "TkeClusterLocked", "cls-l0cked01")]
    [InlineData(500, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"cluster cls-l0cked01 has been locked\",\"code\":500}", "TkeClusterLocked", "cls-l0cked01")]
    [InlineData(503, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"cluster cls-s1ck0001 status is abnormal\",\"reason\":\"ServiceUnavailable\",\"code\":503}", "TkeClusterUnhealthy", "cls-s1ck0001")]
    public void A_locked_or_unhealthy_cluster_has_its_own_id_and_says_how_to_look(int code, string body, string id, string cluster)
    {
        var e = Map(code, body);
        Assert.Equal(id, e.ErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, e.Category);
        Assert.Equal(code, e.StatusCode);
        Assert.StartsWith($"Cluster {cluster} is ", e.Message);
        Assert.Equal($"Get-TkeCluster {cluster} | Format-List Name, Phase, Locked, Conditions", e.RecommendedAction);
        // Not retried: a cluster out of service stays so longer than any retry.
        Assert.False(RetryPolicy.IsTransient(e));
    }

    [Theory]
    // Another project's 403 is a permission; another 503 is transient; a 500 with a reason is the server's fault.
    [InlineData(403, "Forbidden", "projects.business.tkestack.io \\\"prj-x\\\" is forbidden: User \\\"alice\\\" cannot get resource")]
    [InlineData(503, "ServiceUnavailable", "the server is currently unable to handle the request")]
    [InlineData(500, "InternalError", "Internal error occurred: cluster cls-x has been locked")]
    public void Other_answers_are_not_taken_for_a_cluster_failure(int code, string reason, string message)
    {
        var e = Map(code, Status(code, reason, message));
        Assert.Equal("TkeApi" + reason, e.ErrorId);
    }

    [Fact]
    public void The_plain_text_500_of_an_API_server_panic_is_named_as_such_not_as_a_URI_that_is_not_the_API()
    {
        // k8s.io/apiserver server/filters/wrap.go WithPanicRecovery: http.Error, text/plain.
        var e = Map(500, "This request caused apiserver to panic. Look in the logs for details.\n", "text/plain; charset=utf-8");
        Assert.Equal("TkeApiServerPanic", e.ErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, e.Category);
        Assert.Equal(500, e.StatusCode);
        Assert.Contains("panicked", e.Message);
    }
}
