using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using TkeStack.Simulator;

namespace TkeStack.Tests;

/// <summary>A simulator started in-process on a free loopback port, shared by a test class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public SimulatorHost Host { get; private set; } = null!;
    public HttpClient Http { get; } = new();
    public string AdminToken { get; private set; } = "";
    public string MemberToken { get; private set; } = "";
    public const string PlainToken = "plain-test-token";

    public async Task InitializeAsync()
    {
        var options = new SimulatorOptions { Port = 0 };
        options.Tokens.Add(PlainToken);
        Host = await SimulatorHost.StartAsync(options);
        Http.BaseAddress = new Uri(Host.Url);
        AdminToken = Host.State.Keys.All.First(k => k.Administrator && !k.Id.StartsWith("plain-")).Token;
        MemberToken = Host.State.Keys.All.First(k => !k.Administrator).Token;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? token = null, string? cluster = null)
    {
        var r = new HttpRequestMessage(method, path);
        if (token != null) r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (cluster != null) r.Headers.Add("X-TKE-ClusterName", cluster);
        return r;
    }

    public async Task<(int Status, JsonNode? Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length > 0 && (text[0] == '{' || text[0] == '[') ? JsonNode.Parse(text) : null);
    }

    public Task<(int Status, JsonNode? Body)> GetAsync(string path, string? token = null, string? cluster = null) =>
        SendAsync(Request(HttpMethod.Get, path, token ?? AdminToken, cluster));
}
