using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>The two patch semantics the simulator answers PATCH with.
/// <list type="bullet">
/// <item>JSON merge patch, RFC 7386 (application/merge-patch+json): objects merge key by key, a key
/// set to null is deleted, and anything else, arrays included, replaces the target whole. Kubernetes
/// applies it through evanphx/json-patch v4 (k8s.io/apiserver <c>pkg/endpoints/handlers/patch.go</c>),
/// whose <c>merge.go</c> also prunes nulls from a value it sets where there was no object to merge
/// into: a null inside a replaced list is dropped (pruneAryNulls), and null keys inside a new object.</item>
/// <item>Strategic merge patch (application/strategic-merge-patch+json), as
/// k8s.io/apimachinery <c>pkg/util/strategicpatch/patch.go</c> applies it to the built-in kinds:
/// lists whose field carries <c>patchStrategy:"merge"</c> in k8s.io/api <c>core/v1/types.go</c>
/// (containers by <c>name</c>, volumeMounts by <c>mountPath</c>, ...) merge element by element on their
/// <c>patchMergeKey</c>, and an element with a key the list lacks is appended; other lists (such as
/// tolerations) are replaced; null deletes; the directives <c>$patch</c> (replace; delete, which
/// leaves a map <c>{}</c> and removes a list element), <c>$retainKeys</c>,
/// <c>$deleteFromPrimitiveList/</c> and <c>$setElementOrder/</c> (the order kubectl apply sends for a
/// list it patches: patch.go mergePatchIntoOriginal and normalizeElementOrder) are honoured.
/// Custom resources (a TApp) have no Go struct tags, so the API server refuses this patch type for
/// them with 415 (k8s.io/apiextensions-apiserver <c>pkg/apiserver/customresource_handler.go</c>).</item>
/// </list></summary>
internal static class Patch
{
    public const string MergePatchType = "application/merge-patch+json";
    public const string StrategicMergePatchType = "application/strategic-merge-patch+json";
    public const string JsonPatchType = "application/json-patch+json";

    /// <summary>RFC 7386 section 2: MergePatch(Target, Patch), as evanphx/json-patch v4 merge.go applies
    /// it (merge, mergeDocs, pruneNulls). The inputs are not changed.</summary>
    public static JsonNode? MergePatch(JsonNode? target, JsonNode? patch) =>
        patch is null ? null : MergeNode(target?.DeepClone(), patch);

    // merge(cur, patch): no object to merge into: the patch, nulls pruned; an object patched with
    // something else: the patch as it is; two objects: mergeDocs.
    private static JsonNode? MergeNode(JsonNode? current, JsonNode patch)
    {
        if (current is not JsonObject doc) return Prune(patch.DeepClone());
        if (patch is not JsonObject p) return patch.DeepClone();
        foreach (var (name, value) in p)
        {
            if (value is null) doc.Remove(name);
            else if (!doc.TryGetPropertyValue(name, out var existing) || existing is null) doc[name] = Prune(value.DeepClone());
            else doc[name] = MergeNode(existing.DeepClone(), value);
        }
        return doc;
    }

    // pruneNulls, pruneDocNulls, pruneAryNulls.
    private static JsonNode? Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Where(p => p.Value is null).Select(p => p.Key).ToList()) o.Remove(name);
                foreach (var (_, value) in o) Prune(value);
                return o;
            case JsonArray a:
                for (var i = a.Count - 1; i >= 0; i--)
                {
                    if (a[i] is null) a.RemoveAt(i);
                    else Prune(a[i]);
                }
                return a;
            default:
                return node;
        }
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
        // handleDirectiveInMergeMap: "replace" is the patch itself; "delete" leaves an empty map.
        var directive = (string?)(patch["$patch"] as JsonValue);
        if (directive == "delete") return new JsonObject();
        if (directive == "replace") return (JsonObject?)Strip(patch);

        List<string>? retain = null;
        if (patch["$retainKeys"] is JsonArray keys) retain = keys.Select(k => (string?)k ?? "").ToList();

        // mergePatchIntoOriginal: each $setElementOrder/<list> with its list, merged, then ordered.
        var ordered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in patch.Where(p => p.Key.StartsWith("$setElementOrder/", StringComparison.Ordinal)).ToList())
        {
            var field = name["$setElementOrder/".Length..];
            ordered.Add(field);
            if (value is not JsonArray order) continue;
            var originalList = original[field] as JsonArray;
            var patchList = patch[field] as JsonArray;
            JsonArray? merged = originalList != null && patchList != null ? MergeList(field, originalList, patchList)
                : originalList != null ? originalList : (JsonArray?)Strip(patchList);
            if (merged is null) continue;
            original[field] = SetElementOrder(field, merged, order, originalList ?? new JsonArray());
        }

        foreach (var (name, value) in patch)
        {
            if (name == "$patch" || name == "$retainKeys" || name.StartsWith("$setElementOrder/", StringComparison.Ordinal) || ordered.Contains(name)) continue;
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
                if (!ReferenceEquals(merged, oo)) original[name] = merged;
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

    /// <summary>normalizeElementOrder after mergePatchIntoOriginal partitioned the merged list: the
    /// items the order names, sorted by it; the others (server-only), sorted by the live list; then
    /// mergeSortedSlice puts a server-only item before a named one only when both are in the live
    /// list and it comes first there.</summary>
    private static JsonArray SetElementOrder(string field, JsonArray merged, JsonArray order, JsonArray live)
    {
        MergeKeys.TryGetValue(field, out var key);
        JsonNode? KeyOf(JsonNode? e) => key is null ? e : e?[key];
        int IndexIn(JsonArray list, JsonNode? e) =>
            list.Select((o, i) => (o, i)).FirstOrDefault(p => JsonNode.DeepEquals(KeyOf(p.o), KeyOf(e)), (null!, -1)).Item2;
        var named = merged.Where(e => IndexIn(order, e) >= 0).Select(e => e?.DeepClone()).OrderBy(e => IndexIn(order, e)).ToList();
        var serverOnly = merged.Where(e => IndexIn(order, e) < 0).Select(e => e?.DeepClone())
            .Select((e, i) => (e, i)).OrderBy(p => IndexIn(live, p.e) is var at && at >= 0 ? at : int.MaxValue).ThenBy(p => p.i).Select(p => p.e).ToList();
        var result = new JsonArray();
        int l = 0, r = 0;
        while (l < serverOnly.Count || r < named.Count)
        {
            if (r >= named.Count) { result.Add(serverOnly[l++]); continue; }
            if (l >= serverOnly.Count) { result.Add(named[r++]); continue; }
            var li = IndexIn(live, serverOnly[l]);
            var ri = IndexIn(live, named[r]);
            if (li >= 0 && ri >= 0 && li < ri) result.Add(serverOnly[l++]);
            else result.Add(named[r++]);
        }
        return result;
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

    /// <summary>RFC 6902: applies the operations in order to a copy of <paramref name="document"/>;
    /// a failing operation throws <see cref="InvalidOperationException"/> and nothing is applied.</summary>
    public static JsonNode? JsonPatch(JsonNode? document, JsonArray operations)
    {
        var doc = document?.DeepClone();
        foreach (var op in operations)
        {
            if (op is not JsonObject o) throw new InvalidOperationException("an operation is not a JSON object");
            var name = (string?)(o["op"] as JsonValue) ?? throw new InvalidOperationException("an operation has no \"op\"");
            var path = (string?)(o["path"] as JsonValue) ?? throw new InvalidOperationException($"operation {name} has no \"path\"");
            switch (name)
            {
                case "add":
                    doc = Add(doc, path, Value(o));
                    break;
                case "remove":
                    doc = Remove(doc, path, out _);
                    break;
                case "replace":
                    doc = Remove(doc, path, out _);
                    doc = Add(doc, path, Value(o));
                    break;
                case "move":
                {
                    var from = From(o);
                    doc = Remove(doc, from, out var moved);
                    doc = Add(doc, path, moved);
                    break;
                }
                case "copy":
                    doc = Add(doc, path, Get(doc, From(o))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(doc, path), Value(o))) throw new InvalidOperationException($"testing value {path} failed");
                    break;
                default:
                    throw new InvalidOperationException($"unexpected kind of operation: {name}");
            }
        }
        return doc;
    }

    private static JsonNode? Value(JsonObject op) =>
        op.TryGetPropertyValue("value", out var v) ? v?.DeepClone() : throw new InvalidOperationException($"operation {(string?)op["op"]} has no \"value\"");

    private static string From(JsonObject op) => (string?)(op["from"] as JsonValue) ?? throw new InvalidOperationException($"operation {(string?)op["op"]} has no \"from\"");

    /// <summary>RFC 6901: the reference tokens of a JSON pointer.</summary>
    private static List<string> Tokens(string pointer)
    {
        if (pointer.Length == 0) return new List<string>();
        if (pointer[0] != '/') throw new InvalidOperationException($"invalid JSON pointer {pointer}");
        return pointer[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToList();
    }

    private static JsonNode? Get(JsonNode? doc, string pointer)
    {
        var node = doc;
        foreach (var t in Tokens(pointer))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(t, out var v) => v,
                JsonArray a when int.TryParse(t, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw new InvalidOperationException($"path {pointer} does not exist"),
            };
        }
        return node;
    }

    private static (JsonNode? Parent, string Last) Parent(JsonNode? doc, string pointer)
    {
        var tokens = Tokens(pointer);
        var parentPointer = string.Concat(tokens.Take(tokens.Count - 1).Select(t => "/" + t.Replace("~", "~0").Replace("/", "~1")));
        return (Get(doc, parentPointer), tokens[^1]);
    }

    private static JsonNode? Add(JsonNode? doc, string pointer, JsonNode? value)
    {
        if (pointer.Length == 0) return value;
        var (parent, last) = Parent(doc, pointer);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw new InvalidOperationException($"cannot add at {pointer}");
        }
        return doc;
    }

    private static JsonNode? Remove(JsonNode? doc, string pointer, out JsonNode? removed)
    {
        if (pointer.Length == 0)
        {
            removed = doc;
            return null;
        }
        var (parent, last) = Parent(doc, pointer);
        switch (parent)
        {
            case JsonObject o when o.TryGetPropertyValue(last, out var v):
                removed = v;
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                removed = a[i];
                a.RemoveAt(i);
                break;
            default:
                throw new InvalidOperationException($"path {pointer} does not exist");
        }
        return doc;
    }
}
