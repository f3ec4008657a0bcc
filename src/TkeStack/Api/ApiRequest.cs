using System;
using System.Collections.Generic;
using System.Net.Http;

namespace TkeStack.Api
{
    /// <summary>Which API a path belongs to, and so which of the session's prefixes it goes behind.</summary>
    internal enum ApiGroup
    {
        /// <summary>tke-platform-api (clusters, machines, the cluster proxy): /platform by default.</summary>
        Platform,

        /// <summary>tke-business-api (portal, projects): /business by default.</summary>
        Business,

        /// <summary>The open-source gateway's own API (<c>/apis/gateway.tkestack.io/v1</c>: login, renew)
        /// and tke-auth's password path: never behind a prefix.</summary>
        Gateway,
    }

    /// <summary>One call to the API: method, the API it belongs to, its path (from <see cref="ApiRoutes"/>),
    /// query, the cluster the proxy should route to, and the body with its content type. Built only
    /// by the resource operations of this folder.</summary>
    internal sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, string path, ApiGroup api = ApiGroup.Platform)
        {
            Method = method;
            Path = path;
            Api = api;
            Idempotent = method == HttpMethod.Get;
        }

        public HttpMethod Method { get; }
        public string Path { get; }
        public ApiGroup Api { get; }
        public List<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>Sent as X-TKE-ClusterName, so the platform proxies the call into that cluster.</summary>
        public string? ClusterName { get; private set; }
        public byte[]? Body { get; private set; }
        public string? ContentType { get; private set; }

        /// <summary>Sent with no credential at all (the console login itself, a key made from a password).</summary>
        public bool Anonymous { get; private set; }

        /// <summary>Secrets the request carries that an answer may echo (tke-auth echoes a wrong password
        /// in its 400): replaced by *** in every error this call raises.</summary>
        public IReadOnlyList<string> Echoed { get; private set; } = Array.Empty<string>();

        /// <summary>True when the answer's <c>tke</c> cookie is wanted (the login and its renewal).</summary>
        public bool WantsCookie { get; private set; }

        public ApiRequest AsAnonymous()
        {
            Anonymous = true;
            return this;
        }

        public ApiRequest Echoing(params string[] secrets)
        {
            Echoed = secrets;
            return this;
        }

        public ApiRequest WantingCookie()
        {
            WantsCookie = true;
            return this;
        }

        /// <summary>Whether the call may be sent again after a transient failure. GET is; a PATCH is
        /// when the caller says so; POST and DELETE never are (a create is not repeatable).</summary>
        public bool Idempotent { get; private set; }

        public static readonly HttpMethod Patch = new HttpMethod("PATCH");

        public static ApiRequest Get(string path, ApiGroup api = ApiGroup.Platform) => new ApiRequest(HttpMethod.Get, path, api);

        public ApiRequest WithQuery(string name, string? value)
        {
            if (value != null) Query.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        public ApiRequest WithCluster(string clusterName)
        {
            ClusterName = clusterName;
            return this;
        }

        public ApiRequest WithBody(byte[] body, string contentType)
        {
            Body = body;
            ContentType = contentType;
            return this;
        }

        public ApiRequest AsIdempotent(bool idempotent = true)
        {
            Idempotent = idempotent;
            return this;
        }

        /// <summary>A copy with the same method, path, headers and body, for the next page of a list.</summary>
        public ApiRequest Copy()
        {
            var copy = new ApiRequest(Method, Path, Api)
            {
                ClusterName = ClusterName, Body = Body, ContentType = ContentType, Idempotent = Idempotent,
                Anonymous = Anonymous, Echoed = Echoed, WantsCookie = WantsCookie,
            };
            copy.Query.AddRange(Query);
            return copy;
        }
    }
}
