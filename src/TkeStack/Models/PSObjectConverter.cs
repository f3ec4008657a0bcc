using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;

namespace TkeStack.Models
{
    /// <summary>Turns JSON into the same shapes <c>ConvertFrom-Json</c> gives: PSObjects with note
    /// properties in document order, object[] for arrays, and plain scalars. A JsonElement must not
    /// reach the pipeline (PowerShell formats it as noise and it dies with its document).</summary>
    internal static class PSObjectConverter
    {
        public static object? ToPowerShell(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var obj = new PSObject();
                    foreach (var property in element.EnumerateObject())
                    {
                        obj.Properties.Add(new PSNoteProperty(property.Name, ToPowerShell(property.Value)));
                    }
                    return obj;
                case JsonValueKind.Array:
                    var list = new List<object?>(element.GetArrayLength());
                    foreach (var item in element.EnumerateArray())
                    {
                        list.Add(ToPowerShell(item));
                    }
                    return list.ToArray();
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    if (element.TryGetInt32(out var i)) return i;
                    if (element.TryGetInt64(out var l)) return l;
                    return element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }
    }
}
