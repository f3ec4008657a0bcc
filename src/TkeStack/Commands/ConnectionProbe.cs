using System;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>How one probe of Test-TkeConnection went: a success, or the error it raised (with what
    /// the answer said of an open-source gateway).</summary>
    internal readonly struct ConnectionProbe
    {
        private ConnectionProbe(bool ok, TkeApiException? error)
        {
            Ok = ok;
            Error = error;
        }

        public bool Ok { get; }
        public TkeApiException? Error { get; }
        public int? Code => Error?.StatusCode;
        public GatewaySign Sign => Error?.Gateway ?? GatewaySign.None;
        public bool Refused => Code == 401;
        public bool Forbidden => Code == 403;

        /// <summary>Answered by an API that took the credential (403 proves it too).</summary>
        public bool Accepted => Ok || Forbidden;

        public static ConnectionProbe Success => new ConnectionProbe(true, null);

        public static ConnectionProbe Failure(TkeApiException e) => new ConnectionProbe(false, e);

        /// <summary>The answer in a few words, for a finding.</summary>
        public string Words => Ok ? "answered" : Error!.StatusCode is int code ? $"answered {code} ({Error.ErrorId})" : Error.Message;
    }

    /// <summary>The judgement of Test-TkeConnection, as pure functions of what the probes saw.</summary>
    internal static class ConnectionDiagnosis
    {
        /// <summary>The ports an open-source TKEStack's console listens on (tkestack/tke
        /// cmd/tke-installer/.../tke-gateway/tke-gateway.yaml: hostNetwork 80/443 up to v1.9.0,
        /// NodePort 31180/31443 from v1.9.1).</summary>
        public static readonly int[] GatewayPorts = { 80, 443, 31180, 31443 };

        /// <summary>Advice for an address where nothing answers (tkestack/tke#1423: port 8080 closed).</summary>
        public static string Unreachable(Uri uri)
        {
            var host = uri.Host;
            return Array.IndexOf(GatewayPorts, uri.Port) >= 0
                ? $"Check the address and that the console runs: an open-source TKEStack's console is on http://{host} (its masters, up to v1.9.0) or http://{host}:31180 (any node, from v1.9.1)."
                : $"{(uri.Port == 8080 ? "Port 8080 is the guide's console's" : $"Nothing answers on port {uri.Port}")}; an open-source TKEStack's console is on http://{host} (its masters, up to v1.9.0) or http://{host}:31180 / https://{host}:31443 (any node, from v1.9.1). Try those addresses.";
        }

        /// <summary>What the guide's form of the platform API (/platform, Bearer) showed.</summary>
        public static (string Result, string Finding) GuideForm(ConnectionProbe p, bool withKey) =>
            p.Accepted ? ("Passed", "Answered as the guide's console: the platform API is under /platform" + (withKey ? " and takes the API key." : "."))
            : p.Sign == GatewaySign.LoginRedirect ? ("Found", "Redirects to an OIDC login: this is an open-source TKEStack's gateway, where /platform is the console's web pages, not the API (tkestack/tke#1400).")
            : p.Refused && withKey ? ("Failed", "The guide's console refused the API key (401): it may have expired, been disabled or been deleted.")
            : p.Refused ? ("Found", "Answered 401 without a key: the guide's console, which wants an API key (-Token).")
            : ("Failed", "Not the guide's console: " + p.Words);

        /// <summary>What the open-source form (/apis, no credential) showed.</summary>
        public static (string Result, string Finding) GatewayForm(ConnectionProbe p) =>
            p.Sign == GatewaySign.CookieMissing ? ("Found", "Answered 401 'http: named cookie not present': an open-source TKEStack's gateway, which knows its caller by its 'tke' cookie only, never by an Authorization header (tkestack/tke#1748).")
            : p.Refused ? ("Found", "Answered 401 without a credential: an API server that takes a Bearer key at /apis (tke-platform-api itself: Connect-Tke -PlatformPrefix '' -BusinessPrefix '').")
            : p.Ok ? ("Warning", "Answered without any credential: an unauthenticated proxy (kubectl proxy?) stands here.")
            : ("Failed", "No open-source gateway: " + p.Words);
    }
}
