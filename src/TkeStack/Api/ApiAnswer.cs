using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TkeStack.Models;

namespace TkeStack.Api
{
    /// <summary>A successful answer's body, in a buffer rented from the pool, and the one place that
    /// reads it: typed models straight from the bytes with the source-generated context (no
    /// JsonDocument, no per-item clone), each keeping its own bytes for its raw ApiObject, made only
    /// when asked. What is not the API's JSON (an empty body, an HTML page, JSON of the wrong shape)
    /// is a <see cref="TkeApiException"/>. The body stays in the pooled chunks it was read into
    /// (<see cref="ResponseBody"/>), never copied whole; Dispose gives them back, so the pages of a
    /// long list reuse the same memory.</summary>
    internal sealed class ApiAnswer : IDisposable
    {
        private readonly string _method;
        private readonly Uri _uri;
        private readonly int _code;
        private readonly string? _contentType;
        private readonly ResponseBody _body;
        private readonly ReadOnlySequence<byte> _bytes;

        public ApiAnswer(string method, Uri uri, int code, string? contentType, ResponseBody body)
        {
            _method = method;
            _uri = uri;
            _code = code;
            _contentType = contentType;
            _body = body;
            _bytes = body.AsSequence();
        }

        /// <summary>The value of the <c>tke</c> cookie the answer set, when the request wanted it.</summary>
        public string? SetCookie { get; set; }

        /// <summary>The HTTP status code.</summary>
        public int StatusCode => _code;

        /// <summary>The answer as one object of type <typeparamref name="TResource"/>, made into a model
        /// with its own copy of the bytes.</summary>
        /// <param name="info">The source-generated reader of the resource.</param>
        /// <param name="make">Makes the model of the resource and its bytes.</param>
        /// <param name="kind">When given, the object must be of this kind and have a name.</param>
        public T One<TResource, T>(JsonTypeInfo<TResource> info, Func<TResource, byte[], T> make, string? kind = null)
            where TResource : class, new()
        {
            var reader = Start();
            TResource resource = null!;
            Guard(ref reader, (ref Utf8JsonReader r) =>
            {
                resource = Read(ref r, info, kind);
                End(ref r);
            });
            return make(resource, _bytes.ToArray());
        }

        /// <summary>The answer's text as it came (UTF-8).</summary>
        public string Text() => System.Text.Encoding.UTF8.GetString(_bytes.ToArray());

        /// <summary>The answer as PowerShell objects, shaped as ConvertFrom-Json shapes them (an empty
        /// answer is nothing).</summary>
        public object? ToPowerShell()
        {
            if (_bytes.Length == 0) return null;
            try
            {
                using var doc = JsonDocument.Parse(_bytes);
                return PSObjectConverter.ToPowerShell(doc.RootElement);
            }
            catch (JsonException)
            {
                if (_contentType != null && _contentType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0) return Text();
                throw ErrorMapper.Malformed(_method, _uri, "well-formed");
            }
        }

        /// <summary>A list answer's items as PowerShell objects, and the next page's token.</summary>
        public List<object?> PowerShellPage(out string? next)
        {
            var items = new List<object?>();
            string? token = null;
            try
            {
                using var doc = JsonDocument.Parse(_bytes);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var list) || list.ValueKind != JsonValueKind.Array)
                    throw Malformed("a Kubernetes list (an object with items): -All goes with list calls");
                foreach (var item in list.EnumerateArray()) items.Add(PSObjectConverter.ToPowerShell(item));
                if (root.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object &&
                    meta.TryGetProperty("continue", out var c) && c.ValueKind == JsonValueKind.String) token = c.GetString();
            }
            catch (JsonException e)
            {
                throw ErrorMapper.Malformed(_method, _uri, "well-formed", e);
            }
            next = string.IsNullOrEmpty(token) ? null : token;
            return items;
        }

        /// <summary>Checks the answer is a well-formed API object, for calls whose answer is not used.</summary>
        public void Ignore()
        {
            var reader = Start();
            Guard(ref reader, (ref Utf8JsonReader r) =>
            {
                r.Skip();
                End(ref r);
            });
        }

        /// <summary>The items of a Kubernetes list answer and the <c>continue</c> token of the next
        /// page (null on the last); each item a model with its own copy of its bytes. A list without
        /// <c>items</c> is malformed.</summary>
        public List<T> Page<TResource, T>(JsonTypeInfo<TResource> info, Func<TResource, byte[], T> make, string what, out string? next, string? kind = null)
            where TResource : class, new()
        {
            var reader = Start();
            var items = new List<T>();
            string? token = null;
            var sawItems = false;
            var bytes = _bytes;
            Guard(ref reader, (ref Utf8JsonReader r) =>
            {
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("items"))
                    {
                        r.Read();
                        if (r.TokenType == JsonTokenType.Null) { sawItems = true; continue; }
                        if (r.TokenType != JsonTokenType.StartArray) throw Malformed("a list of " + what);
                        sawItems = true;
                        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                        {
                            var start = r.TokenStartIndex;
                            var resource = Read(ref r, info, kind);
                            var end = r.BytesConsumed;
                            items.Add(make(resource, bytes.Slice(start, end - start).ToArray()));
                        }
                    }
                    else if (r.ValueTextEquals("metadata"))
                    {
                        r.Read();
                        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                        {
                            var isContinue = r.ValueTextEquals("continue");
                            r.Read();
                            if (isContinue && r.TokenType == JsonTokenType.String) token = r.GetString();
                            else r.Skip();
                        }
                    }
                    else
                    {
                        r.Read();
                        r.Skip();
                    }
                }
                End(ref r);
            });
            if (!sawItems) throw Malformed("a list of " + what);
            next = string.IsNullOrEmpty(token) ? null : token;
            return items;
        }

        /// <summary>A reader on the first token, which must open an object: every answer of a
        /// Kubernetes-style API is one (an item, a list or a Status).</summary>
        private Utf8JsonReader Start()
        {
            if (_bytes.Length == 0) throw ErrorMapper.NotApi(_code, _contentType, Array.Empty<byte>(), _method, _uri);
            var reader = new Utf8JsonReader(_bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            var first = JsonTokenType.None;
            Guard(ref reader, (ref Utf8JsonReader r) =>
            {
                r.Read();
                first = r.TokenType;
            });
            if (first != JsonTokenType.StartObject)
            {
                var kind = first switch
                {
                    JsonTokenType.StartArray => "array",
                    JsonTokenType.String => "string",
                    JsonTokenType.Number => "number",
                    JsonTokenType.True => "true",
                    JsonTokenType.False => "false",
                    _ => "null",
                };
                throw Malformed($"an API object (it is a JSON {kind})");
            }
            return reader;
        }

        /// <summary>One object read into its resource type; with <paramref name="kind"/>, it must be
        /// of that kind and named (an answer of the wrong kind must not become a half-built object).</summary>
        private TResource Read<TResource>(ref Utf8JsonReader reader, JsonTypeInfo<TResource> info, string? kind) where TResource : class, new()
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var got = reader.TokenType.ToString().ToLowerInvariant();
                throw new JsonException($"expected {(kind is null ? "an object" : "a " + kind)}, got a JSON {got}");
            }
            var resource = JsonSerializer.Deserialize(ref reader, info) ?? new TResource();
            if (kind != null && resource is IKubeObject o)
            {
                if (o.Kind != null && o.Kind != kind) throw new JsonException($"expected a {kind}, got a {o.Kind}");
                if (string.IsNullOrEmpty(o.Metadata?.Name)) throw new JsonException($"expected a {kind}, got an object without metadata.name");
            }
            return resource;
        }

        /// <summary>Nothing but white space may follow the answer's object (the reader throws otherwise).</summary>
        private static void End(ref Utf8JsonReader reader) => reader.Read();

        private delegate void ReaderAction(ref Utf8JsonReader reader);

        /// <summary>Runs a read, turning JSON that cannot be read into the API's error: not the API
        /// when it is not JSON at all, malformed when it is JSON of the wrong shape.</summary>
        private void Guard(ref Utf8JsonReader reader, ReaderAction read)
        {
            try
            {
                read(ref reader);
            }
            catch (JsonException e)
            {
                if (_contentType != null && _contentType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0)
                    throw ErrorMapper.NotApi(_code, _contentType, _body.ToArray(256), _method, _uri);
                throw IsSyntax(e) ? ErrorMapper.Malformed(_method, _uri, "well-formed", e) : ErrorMapper.WrongShape(e);
            }
        }

        /// <summary>Whether the JSON itself is broken (the reader's error), rather than of the wrong shape.</summary>
        private static bool IsSyntax(Exception e)
        {
            for (Exception? x = e; x != null; x = x.InnerException)
            {
                if (x.GetType().Name == "JsonReaderException") return true;
            }
            return false;
        }

        private TkeApiException Malformed(string what) => ErrorMapper.Malformed(_method, _uri, what);

        /// <summary>Gives the body's chunks back to the pool.</summary>
        public void Dispose() => _body.Dispose();
    }
}
