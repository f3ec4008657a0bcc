using System.Text.Json.Nodes;
using TkeStack.Simulator;

namespace TkeStack.Tests;

/// <summary>The simulator's two patch semantics. Strategic merge patch cases are the Kubernetes
/// documentation's "Update API Objects in Place Using kubectl patch"
/// (kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/) and the
/// strategic merge patch design note (kubernetes/community
/// contributors/devel/sig-api-machinery/strategic-merge-patch.md); JSON merge patch cases are
/// RFC 7386 appendix A.</summary>
public sealed class PatchTests
{
    private static JsonObject O(string json) => JsonNode.Parse(json)!.AsObject();

    private static void Same(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString() ?? "null"}");

    /// <summary>deployment-patch.yaml of the documentation.</summary>
    private const string PatchDemo = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"patch-demo"},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"nginx"}},
          "template":{"metadata":{"labels":{"app":"nginx"}},
           "spec":{"containers":[{"name":"patch-demo-ctr","image":"nginx"}],
                   "tolerations":[{"effect":"NoSchedule","key":"dedicated","value":"test-team"}]}}}}
        """;

    [Fact]
    public void Docs_strategic_patch_of_containers_merges_by_name_and_adds_the_new_container_first()
    {
        // patch-file.yaml: a container the Deployment lacks is added, the other one kept.
        var result = Patch.StrategicMerge(O(PatchDemo), O("""{"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr-2","image":"redis"}]}}}}"""));
        Same("""[{"name":"patch-demo-ctr-2","image":"redis"},{"name":"patch-demo-ctr","image":"nginx"}]""", result["spec"]!["template"]!["spec"]!["containers"]);
        Same("""[{"effect":"NoSchedule","key":"dedicated","value":"test-team"}]""", result["spec"]!["template"]!["spec"]!["tolerations"]);
    }

    [Fact]
    public void Docs_strategic_patch_of_tolerations_replaces_the_list_which_has_no_merge_strategy()
    {
        // patch-file-tolerations.yaml
        var result = Patch.StrategicMerge(O(PatchDemo), O("""{"spec":{"template":{"spec":{"tolerations":[{"effect":"NoSchedule","key":"disktype","value":"ssd"}]}}}}"""));
        Same("""[{"effect":"NoSchedule","key":"disktype","value":"ssd"}]""", result["spec"]!["template"]!["spec"]!["tolerations"]);
        Same("""[{"name":"patch-demo-ctr","image":"nginx"}]""", result["spec"]!["template"]!["spec"]!["containers"]);
    }

    [Fact]
    public void Docs_json_merge_patch_of_containers_replaces_the_list_whole()
    {
        // patch-file-2.yaml with --type merge
        var result = Patch.MergePatch(O(PatchDemo), O("""{"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr-3","image":"gcr.io/google-samples/hello-app:2.0"}]}}}}"""))!;
        Same("""[{"name":"patch-demo-ctr-3","image":"gcr.io/google-samples/hello-app:2.0"}]""", result["spec"]!["template"]!["spec"]!["containers"]);
        Same("""{"matchLabels":{"app":"nginx"}}""", result["spec"]!["selector"]);
    }

    [Fact]
    public void Docs_retainKeys_clears_the_keys_it_does_not_list()
    {
        // deployment-retainkeys.yaml with patch-file-retainkeys.yaml
        var original = O("""{"spec":{"strategy":{"rollingUpdate":{"maxSurge":"30%"}}}}""");
        var without = Patch.StrategicMerge(original, O("""{"spec":{"strategy":{"type":"Recreate"}}}"""));
        Same("""{"rollingUpdate":{"maxSurge":"30%"},"type":"Recreate"}""", without["spec"]!["strategy"]);
        var with = Patch.StrategicMerge(original, O("""{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}"""));
        Same("""{"type":"Recreate"}""", with["spec"]!["strategy"]);
    }

    [Fact]
    public void Changing_one_image_keeps_every_other_field_and_container_in_place()
    {
        var original = O("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"a:1","ports":[{"containerPort":80}]},{"name":"sidecar","image":"s:1"}]}}}}""");
        var copy = original.ToJsonString();
        var first = Patch.StrategicMerge(original, O("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"a:2"}]}}}}"""));
        Same("""[{"name":"app","image":"a:2","ports":[{"containerPort":80}]},{"name":"sidecar","image":"s:1"}]""", first["spec"]!["template"]!["spec"]!["containers"]);
        var second = Patch.StrategicMerge(original, O("""{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"s:2"}]}}}}"""));
        Same("""[{"name":"app","image":"a:1","ports":[{"containerPort":80}]},{"name":"sidecar","image":"s:2"}]""", second["spec"]!["template"]!["spec"]!["containers"]);
        Assert.Equal(copy, original.ToJsonString()); // the input is not changed
    }

    [Fact]
    public void Design_note_patch_delete_removes_the_list_element_with_that_key()
    {
        var original = O("""{"containers":[{"name":"nginx","image":"nginx-1.0"},{"name":"log-tailer","image":"log-tailer-1.0"}]}""");
        var result = Patch.StrategicMerge(original, O("""{"containers":[{"name":"log-tailer","$patch":"delete"}]}"""));
        Same("""{"containers":[{"name":"nginx","image":"nginx-1.0"}]}""", result);
    }

    [Fact]
    public void Design_note_patch_replace_replaces_a_map_or_a_list()
    {
        var original = O("""{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx-1.0"},{"name":"b","image":"b"}],"restartPolicy":"Always"}}}}""");
        var map = Patch.StrategicMerge(original, O("""{"spec":{"template":{"spec":{"$patch":"replace","containers":[{"name":"nginx","image":"nginx-1.1"}]}}}}"""));
        Same("""{"containers":[{"name":"nginx","image":"nginx-1.1"}]}""", map["spec"]!["template"]!["spec"]);
        var list = Patch.StrategicMerge(original, O("""{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"c"},{"$patch":"replace"}]}}}}"""));
        Same("""[{"name":"c","image":"c"}]""", list["spec"]!["template"]!["spec"]!["containers"]);
        Assert.Equal("Always", (string?)list["spec"]!["template"]!["spec"]!["restartPolicy"]);
    }

    [Fact]
    public void Design_note_deleteFromPrimitiveList_and_merged_finalizers()
    {
        var original = O("""{"metadata":{"finalizers":["a","b"]}}""");
        Same("""{"metadata":{"finalizers":["b"]}}""", Patch.StrategicMerge(original, O("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}""")));
        Same("""{"metadata":{"finalizers":["a","b","c"]}}""", Patch.StrategicMerge(original, O("""{"metadata":{"finalizers":["c"]}}""")));
    }

    [Fact]
    public void Strategic_patch_null_deletes_a_key()
    {
        Same("""{"spec":{"b":2}}""", Patch.StrategicMerge(O("""{"spec":{"a":1,"b":2}}"""), O("""{"spec":{"a":null}}""")));
    }

    /// <summary>RFC 7386 appendix A, every example.</summary>
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Rfc7386_examples(string target, string patch, string result)
    {
        Same(result, Patch.MergePatch(JsonNode.Parse(target), JsonNode.Parse(patch)));
    }

    [Fact]
    public void Json_merge_patch_templates_null_removes_the_TApp_pinning()
    {
        var tapp = O("""{"spec":{"templates":{"1":"canary"},"template":{"spec":{"containers":[{"name":"a","image":"a:1"}]}}}}""");
        var result = Patch.MergePatch(tapp, O("""{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"a:2"}]}},"templates":null}}"""))!;
        Same("""{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"a:2"}]}}}}""", result);
    }

    /// <summary>RFC 6902 appendix A, a selection.</summary>
    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    public void Rfc6902_examples(string target, string patch, string result)
    {
        Same(result, Patch.JsonPatch(JsonNode.Parse(target), JsonNode.Parse(patch)!.AsArray()));
    }

    [Theory]
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""")]
    public void Rfc6902_errors(string target, string patch)
    {
        Assert.Throws<InvalidOperationException>(() => Patch.JsonPatch(JsonNode.Parse(target), JsonNode.Parse(patch)!.AsArray()));
    }

    // The cases below are derived by reading the source, not run through kubectl here (no cluster in
    // the test run): k8s.io/apimachinery pkg/util/strategicpatch/patch.go (mergePatchIntoOriginal,
    // normalizeElementOrder, mergeSortedSlice, handleDirectiveInMergeMap) and evanphx/json-patch v4
    // merge.go (merge, mergeDocs, pruneAryNulls), which k8s.io/apiserver patch.go applies.

    [Fact]
    public void SetElementOrder_puts_the_list_in_the_order_kubectl_apply_sends()
    {
        // kubectl apply sends $setElementOrder/containers with every container's name in the new order.
        var live = O("""{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"},{"name":"c","image":"c:1"}]}""");
        var result = Patch.StrategicMerge(live, O("""{"$setElementOrder/containers":[{"name":"c"},{"name":"a"},{"name":"b"}],"containers":[{"name":"a","image":"a:2"}]}"""));
        Same("""{"containers":[{"name":"c","image":"c:1"},{"name":"a","image":"a:2"},{"name":"b","image":"b:1"}]}""", result);
    }

    [Fact]
    public void SetElementOrder_keeps_a_server_only_element_where_the_live_list_has_it()
    {
        // Named items sorted by the order (b, a); x, which the order does not name, goes before b
        // because the live list has it before b (mergeSortedSlice).
        var live = O("""{"containers":[{"name":"a","image":"a:1"},{"name":"x","image":"x:1"},{"name":"b","image":"b:1"}]}""");
        var result = Patch.StrategicMerge(live, O("""{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],"containers":[{"name":"b","image":"b:2"}]}"""));
        Same("""{"containers":[{"name":"x","image":"x:1"},{"name":"b","image":"b:2"},{"name":"a","image":"a:1"}]}""", result);
    }

    [Fact]
    public void SetElementOrder_of_a_primitive_list_orders_its_values()
    {
        var live = O("""{"metadata":{"finalizers":["a","b"]}}""");
        var result = Patch.StrategicMerge(live, O("""{"metadata":{"$setElementOrder/finalizers":["c","b","a"],"finalizers":["c"]}}"""));
        Same("""{"metadata":{"finalizers":["c","b","a"]}}""", result);
    }

    [Fact]
    public void Patch_delete_on_a_map_leaves_an_empty_map()
    {
        // handleDirectiveInMergeMap returns map[string]interface{}{} for "$patch": "delete".
        var result = Patch.StrategicMerge(O("""{"spec":{"template":{"a":1},"b":2}}"""), O("""{"spec":{"template":{"$patch":"delete"}}}"""));
        Same("""{"spec":{"template":{},"b":2}}""", result);
    }

    [Theory]
    // A list replacing a list: the patch, nulls dropped (merge: cur is not an object, pruneNulls).
    [InlineData("""{"spec":{"args":["a"]}}""", """{"spec":{"args":["b",null,"c"]}}""", """{"spec":{"args":["b","c"]}}""")]
    // A new key: pruned too, nulls inside its objects and lists alike.
    [InlineData("""{"spec":{}}""", """{"spec":{"args":[null,"x"],"env":{"k":null,"v":"1"}}}""", """{"spec":{"args":["x"],"env":{"v":"1"}}}""")]
    // An object replaced by a list: merge returns the patch as it is, nulls kept.
    [InlineData("""{"a":{"b":1}}""", """{"a":[null,1]}""", """{"a":[null,1]}""")]
    public void Json_merge_patch_drops_a_null_inside_a_list_it_sets(string target, string patch, string result)
    {
        Same(result, Patch.MergePatch(JsonNode.Parse(target), JsonNode.Parse(patch)));
    }
}
