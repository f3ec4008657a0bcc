using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace TkeStack
{
    /// <summary>The rule for a path given to Invoke-TkeRequest: a path of the API, never a whole URL
    /// (the key must not travel to another host), and nothing that climbs or hides a part.</summary>
    internal static class RequestPath
    {
        public static string? Problem(string path)
        {
            if (path.IndexOf("://", StringComparison.Ordinal) >= 0 || path.StartsWith("//", StringComparison.Ordinal))
                return $"'{path}' is a whole URL: give the path after the console's address and API prefix, such as /apis/platform.tkestack.io/v1/clusters. Invoke-TkeRequest sends the session's key only to the session's console.";
            if (!path.StartsWith("/", StringComparison.Ordinal)) return $"'{path}' does not start with '/': give a path such as /apis/platform.tkestack.io/v1/clusters.";
            if (path.IndexOf('?') >= 0 || path.IndexOf('#') >= 0) return $"'{path}' has a query or fragment: give query parameters with -Query @{{ name = 'value' }}.";
            foreach (var c in path)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c)) return $"'{path}' has spaces or control characters; a path has none (escape them as %20 and the like if a name really holds one).";
            }
            foreach (var segment in path.Substring(1).Split('/'))
            {
                if (segment == "." || segment == "..") return $"'{path}' has a '{segment}' part, which climbs the path: give the path as it is.";
                if (segment.Length == 0 && path.Length > 1 && !path.EndsWith("/", StringComparison.Ordinal)) return $"'{path}' has an empty part ('//').";
            }
            return null;
        }
    }

    /// <summary>A body given to Invoke-TkeRequest as JSON: a string must already be JSON; a hashtable,
    /// an object or an array is written as ConvertTo-Json would write it, to a bounded depth.</summary>
    internal static class RequestBody
    {
        private const int MaxDepth = 64;

        /// <summary>Null with the bytes, or why the body cannot be sent.</summary>
        public static string? Encode(object body, out byte[]? bytes)
        {
            bytes = null;
            var value = body is PSObject p && !(p.BaseObject is PSCustomObject) ? p.BaseObject : body;
            if (value is string text)
            {
                try
                {
                    using var _ = JsonDocument.Parse(text);
                }
                catch (JsonException e)
                {
                    return $"-Body is a string that is not JSON ({e.Message}); give a hashtable, or JSON text.";
                }
                bytes = Encoding.UTF8.GetBytes(text);
                return null;
            }
            try
            {
                using var stream = new MemoryStream();
                using (var w = new Utf8JsonWriter(stream))
                {
                    Write(w, value, 0);
                }
                bytes = stream.ToArray();
                return null;
            }
            catch (InvalidOperationException e)
            {
                return "-Body cannot be written as JSON: " + e.Message;
            }
        }

        private static void Write(Utf8JsonWriter w, object? value, int depth)
        {
            if (depth > MaxDepth) throw new InvalidOperationException($"it is nested deeper than {MaxDepth} levels (does it hold itself?).");
            if (value is PSObject pso) value = pso.BaseObject is PSCustomObject ? pso : pso.BaseObject;
            switch (value)
            {
                case null:
                    w.WriteNullValue();
                    break;
                case string s:
                    w.WriteStringValue(s);
                    break;
                case char ch:
                    w.WriteStringValue(ch.ToString());
                    break;
                case bool b:
                    w.WriteBooleanValue(b);
                    break;
                case Enum e:
                    w.WriteStringValue(e.ToString());
                    break;
                case int or long or short or byte or sbyte or ushort or uint or ulong:
                    w.WriteNumberValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                    break;
                case double d:
                    w.WriteNumberValue(d);
                    break;
                case float f:
                    w.WriteNumberValue(f);
                    break;
                case decimal m:
                    w.WriteNumberValue(m);
                    break;
                case DateTime t:
                    w.WriteStringValue(t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                    break;
                case IDictionary dict:
                    w.WriteStartObject();
                    foreach (DictionaryEntry pair in dict)
                    {
                        w.WritePropertyName(Convert.ToString(pair.Key, CultureInfo.InvariantCulture) ?? "");
                        Write(w, pair.Value, depth + 1);
                    }
                    w.WriteEndObject();
                    break;
                case PSObject custom:
                    w.WriteStartObject();
                    foreach (var property in custom.Properties)
                    {
                        w.WritePropertyName(property.Name);
                        Write(w, property.Value, depth + 1);
                    }
                    w.WriteEndObject();
                    break;
                case IEnumerable items:
                    w.WriteStartArray();
                    foreach (var item in items) Write(w, item, depth + 1);
                    w.WriteEndArray();
                    break;
                default:
                    throw new InvalidOperationException($"a {value.GetType().Name} is not a JSON value; give a hashtable, an array, text, a number or $true/$false.");
            }
        }
    }
}
