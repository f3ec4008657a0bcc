using System;
using System.Text.Json.Serialization;

namespace TkeStack.Models
{
    /// <summary>tke-auth's answer to a key made from a password: an <c>APIKey</c> (tkestack/tke
    /// <c>api/auth/v1/types.go</c>). Internal: it holds the key in plain text, which only
    /// <see cref="TkeApiKey"/> hands on, as a SecureString.</summary>
    internal sealed class ApiKeyResource
    {
        [JsonPropertyName("kind")] public string? Kind { get; set; }
        [JsonPropertyName("metadata")] public ObjectMeta? Metadata { get; set; }
        [JsonPropertyName("spec")] public ApiKeySpec? Spec { get; set; }
    }

    /// <summary>The spec of an <c>APIKey</c>.</summary>
    internal sealed class ApiKeySpec
    {
        [JsonPropertyName("apiKey")] public string? ApiKey { get; set; }
        [JsonPropertyName("tenantID")] public string? TenantId { get; set; }
        [JsonPropertyName("username")] public string? Username { get; set; }
        [JsonPropertyName("description")] public string? Description { get; set; }
        [JsonPropertyName("issue_at")] public DateTimeOffset? IssueAt { get; set; }
        [JsonPropertyName("expire_at")] public DateTimeOffset? ExpireAt { get; set; }
    }

    /// <summary>What the gateway's <c>tokens/info</c> says of a console login (tkestack/tke
    /// <c>pkg/gateway/api/token.go</c> UserInfo).</summary>
    internal sealed class LoginUserInfo
    {
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("uid")] public string? Uid { get; set; }
    }
}
