using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>The two patch semantics the simulator answers PATCH with.
/// <list type="bullet">
/// <item>JSON merge patch, RFC 7386 (application/merge-patch+json): objects merge key by key, a key
/// set to null is deleted, and anything else, arrays included, replaces the target whole. The
/// algorithm is the RFC's own MergePatch function (section 2); Kubernetes applies it through
/// github.com/evanphx/json-patch (k8s.io/apiserver <c>pkg/endpoints/handlers/patch.go</c>).</item>
/// <item>Strategic merge patch (application/strategic-merge-patch+json), as
/// k8s.io/apimachinery <c>pkg/util/strategicpatch/patch.go</c> applies it to the built-in kinds:
/// lists whose field carries <c>patchStrategy:"merge"</c> in k8s.io/api <c>core/v1/types.go</c>
/// (containers by <c>name</c>, volumeMounts by <c>mountPath</c>, ...) merge element by element on their
/// <c>patchMergeKey</c>, and an element with a key the list lacks is appended; other lists (such as
/// tolerations) are replaced; null deletes; the directives <c>$patch</c> (replace, delete, merge),
/// <c>$retainKeys</c>, <c>$deleteFromPrimitiveList/</c> and <c>$setElementOrder/</c> are honoured.
/// Custom resources (a TApp) have no Go struct tags, so the API server refuses this patch type for
/// them with 415 (k8s.io/apiextensions-apiserver <c>pkg/apiserver/customresource_handler.go</c>).</item>
/// </list></summary>
public static class Patch
{
    public const string MergePatchType = "application/merge-patch+json";
    public const string StrategicMergePatchType = "application/strategic-merge-patch+json";
    public const string JsonPatchType = "application/json-patch+json";

    /// <summary>RFC 7386 section 2: MergePatch(Target, Patch). The inputs are not changed.</summary>
    public static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (name, value) in p)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var merged = MergePatch(result[name], value);
                result[name] = merged;
            }
        }
        return result;
    }

    /// <summary>The merge key of each list whose Go field carries <c>patchStrategy:"merge"</c>
    /// (k8s.io/api core/v1/types.go, apps/v1/types.go, meta/v1/types.go).</summary>
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["volumes"] = "name",
        ["env"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["imagePullSecrets"] = "name",
        ["hostAliases"] = "ip",
        ["topologySpreadConstraints"] = "topologyKey",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["ports"] = "containerPort",
    };

    /// <summary>Lists of scalars whose field is <c>patchStrategy:"merge"</c>: the patch's values are added.</summary>
    private static readonly HashSet<string> MergedPrimitiveLists = new(StringComparer.Ordinal) { "finalizers" };

    /// <summary>Applies a strategic merge patch to <paramref name="original"/> (not changed).</summary>
    public static JsonObject StrategicMerge(JsonObject original, JsonObject patch) =>
        MergeMap((JsonObject)original.DeepClone(), patch) ?? new JsonObject();

    private static JsonObject? MergeMap(JsonObject original, JsonObject patch)
    {
        var directive = (string?)(patch["$patch"] as JsonValue);
        if (directive == "delete") return null;
        if (directive == "replace") return (JsonObject?)Strip(patch);

        List<string>? retain = null;
        if (patch["$retainKeys"] is JsonArray keys) retain = keys.Select(k => (string?)k ?? "").ToList();

        foreach (var (name, value) in patch)
        {
            if (name == "$patch" || name == "$retainKeys" || name.StartsWith("$setElementOrder/", StringComparison.Ordinal)) continue;
            if (name.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = name["$deleteFromPrimitiveList/".Length..];
                if (original[field] is JsonArray list && value is JsonArray gone)
                {
                    foreach (var item in list.Where(i => gone.Any(g => JsonNode.DeepEquals(g, i))).ToList()) list.Remove(item);
                }
                continue;
            }
            if (value is null)
            {
                original.Remove(name);
            }
            else if (value is JsonObject vo && original[name] is JsonObject oo)
            {
                var merged = MergeMap(oo, vo);
                if (merged is null) original.Remove(name);
                else if (!ReferenceEquals(merged, oo)) original[name] = merged;
            }
            else if (value is JsonArray va && original[name] is JsonArray oa)
            {
                original[name] = MergeList(name, oa, va);
            }
            else
            {
                original[name] = Strip(value);
            }
        }
        if (retain != null)
        {
            foreach (var name in original.Select(p => p.Key).Where(k => !retain.Contains(k)).ToList()) original.Remove(name);
        }
        return original;
    }

    private static JsonArray MergeList(string field, JsonArray original, JsonArray patch)
    {
        // [{"$patch": "replace"}, ...]: the list becomes the patch's other elements.
        if (patch.Any(e => e is JsonObject o && (string?)(o["$patch"] as JsonValue) == "replace" && o.Count == 1))
        {
            return new JsonArray(patch.Where(e => !(e is JsonObject o && o.Count == 1 && o.ContainsKey("$patch"))).Select(Strip).ToArray());
        }
        if (MergeKeys.TryGetValue(field, out var key) && patch.All(e => e is JsonObject))
        {
            JsonNode? KeyOf(JsonNode? e) => e?[key] ?? (key == "containerPort" ? e?["port"] : null);
            int IndexIn(JsonArray list, JsonNode? e) => list.Select((o, i) => (o, i)).FirstOrDefault(p => JsonNode.DeepEquals(KeyOf(p.o), KeyOf(e)), (null!, -1)).Item2;

            // The patch's elements, merged with the original's of the same key (or new), in patch order;
            // elements with "$patch": "delete" remove theirs.
            var patched = new List<JsonNode?>();
            var touched = new HashSet<int>();
            foreach (JsonObject element in patch.Cast<JsonObject>())
            {
                var at = IndexIn(original, element);
                if (at >= 0) touched.Add(at);
                if ((string?)(element["$patch"] as JsonValue) == "delete") continue;
                var merged = at >= 0 ? MergeMap((JsonObject)original[at]!.DeepClone(), element) : (JsonObject?)Strip(element);
                if (merged != null) patched.Add(merged);
            }
            var serverOnly = original.Where((_, i) => !touched.Contains(i)).Select(e => e?.DeepClone()).ToList();
            // normalizeElementOrder/mergeSortedSlice: server-only elements go in among the patch's
            // by their place in the live list; an element the live list lacks comes first.
            var result = new JsonArray();
            int l = 0, r = 0;
            while (l < serverOnly.Count || r < patched.Count)
            {
                if (r >= patched.Count) { result.Add(serverOnly[l++]); continue; }
                if (l >= serverOnly.Count) { result.Add(patched[r++]); continue; }
                var li = IndexIn(original, serverOnly[l]);
                var ri = IndexIn(original, patched[r]);
                if (li >= 0 && ri >= 0 && li < ri) result.Add(serverOnly[l++]);
                else result.Add(patched[r++]);
            }
            return result;
        }
        if (MergedPrimitiveLists.Contains(field))
        {
            var result = (JsonArray)original.DeepClone();
            foreach (var v in patch)
            {
                if (!result.Any(r => JsonNode.DeepEquals(r, v))) result.Add(v?.DeepClone());
            }
            return result;
        }
        return (JsonArray)Strip(patch)!;
    }

    /// <summary>A copy without directives, for values that are set rather than merged.</summary>
    private static JsonNode? Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (name, value) in o)
                {
                    if (name.StartsWith('$')) continue;
                    copy[name] = Strip(value);
                }
                return copy;
            case JsonArray a:
                return new JsonArray(a.Select(Strip).ToArray());
            default:
                return node?.DeepClone();
        }
    }
}
