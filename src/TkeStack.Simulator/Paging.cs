using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>Kubernetes list answers with <c>limit</c>/<c>continue</c> paging. TKEStack's tenant filter is
/// a field selector (tkestack/tke <c>pkg/apiserver/util/filter.go</c> PredicateListOptions, used by the
/// storages' List), which the etcd store applies while it reads, reading on until the page holds
/// <c>limit</c> matching items (k8s.io/apiserver <c>pkg/storage/etcd3/store.go</c> GetList): pages are
/// full. The seed's <c>shortPages</c> turns on a stress mode that filters after reading, so pages come
/// short while <c>metadata.continue</c> says more follow, as a client must also survive.</summary>
internal static class Paging
{
    /// <summary>Answers a list of <paramref name="ordered"/> (sorted by key); call under the world's lock.</summary>
    public static IResult List(HttpRequest request, World world, string kind, string apiVersion,
        IEnumerable<KeyValuePair<string, JsonObject>> ordered, Func<JsonObject, bool> visible)
    {
        var limit = 0;
        if (request.Query.TryGetValue("limit", out var l) && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 0))
        {
            return Status.BadRequest($"invalid limit: {l}");
        }
        string? after = null;
        if (request.Query.TryGetValue("continue", out var c) && !string.IsNullOrEmpty(c))
        {
            after = Decode(c!);
            if (after is null) return Status.BadRequest("continue key is not valid: illegal base64 data");
        }

        var items = new JsonArray();
        string? last = null;
        var taken = 0;
        var more = false;
        foreach (var (key, obj) in ordered)
        {
            if (after != null && string.CompareOrdinal(key, after) <= 0) continue;
            var shown = visible(obj);
            // Full pages count only the items that match; the stress mode counts every item read.
            if (!shown && !world.ShortPages) continue;
            if (limit > 0 && taken == limit)
            {
                more = true;
                break;
            }
            taken++;
            last = key;
            if (shown) items.Add(obj.DeepClone());
        }
        var list = new JsonObject
        {
            ["kind"] = kind,
            ["apiVersion"] = apiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = world.NextResourceVersion(), ["continue"] = more ? Encode(last!) : null },
            ["items"] = items,
        };
        if (!more) list["metadata"]!.AsObject().Remove("continue");
        return Results.Text(list.ToJsonString(), "application/json");
    }

    private static string Encode(string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"v\":\"meta.k8s.io/v1\",\"start\":\"" + key + "\"}"));

    private static string? Decode(string token)
    {
        try
        {
            var node = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
            return node?["start"]?.GetValue<string>();
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
