using System.Management.Automation;
using System.Text.Json;
using TkeStack.Models;

namespace TkeStack
{
    /// <summary>What every object the module emits has in common: the session it was read with (so
    /// the next cmdlet in a pipeline stays on it) and the full API object for anything the typed
    /// properties leave out.</summary>
    public abstract class TkeObject
    {
        private readonly JsonElement _raw;
        private PSObject? _apiObject;

        /// <summary>Keeps the raw JSON of the object; it becomes a PSObject only when asked for.</summary>
        private protected TkeObject(JsonElement raw, TkeSession? session, string? kind = null)
        {
            // An answer of the wrong kind must not become a half-built object: the cmdlet base turns
            // this JsonException into one TkeApiMalformed error.
            if (raw.ValueKind != JsonValueKind.Object)
                throw new JsonException($"expected {kind ?? "an object"}, got a JSON {raw.ValueKind.ToString().ToLowerInvariant()}");
            if (kind != null && raw.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String && k.GetString() != kind)
                throw new JsonException($"expected a {kind}, got a {k.GetString()}");
            if (kind != null && !(raw.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object &&
                                  m.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString()!.Length > 0))
                throw new JsonException($"expected a {kind}, got an object without metadata.name");
            _raw = raw;
            Session = session;
        }

        /// <summary>The session the object was read with.</summary>
        public TkeSession? Session { get; }

        /// <summary>The full object as the API answered it, shaped as <c>ConvertFrom-Json</c> shapes it.</summary>
        public PSObject ApiObject => _apiObject ??= (PSObjectConverter.ToPowerShell(_raw) as PSObject ?? new PSObject());

        /// <summary>The raw JSON, for the module's own use (patch bodies, for example).</summary>
        internal JsonElement Raw => _raw;
    }
}
