using System;
using System.Text;
using TkeStack.Models;

namespace TkeStack.Api
{
    /// <summary>What an answer says of the open-source gateway behind it, as a pure function of the
    /// answer: the tke-gateway has a few answers no other server gives, and each one tells the module
    /// (Connect-Tke, Test-TkeConnection, the errors) what it is talking to.</summary>
    internal enum GatewaySign
    {
        /// <summary>Nothing of the gateway.</summary>
        None,

        /// <summary>401 <c>http: named cookie not present</c>: an API path of the gateway, called
        /// without its cookie (<c>pkg/gateway/token/token.go</c> RetrieveToken, tkestack/tke#1748).</summary>
        CookieMissing,

        /// <summary>401 <c>invalid CSRF token</c>: the cookie came without its CSRF header (v1.9.1 on).</summary>
        CsrfRefused,

        /// <summary>401 <c>invalid token</c>: the cookie's token is empty or lapsed.</summary>
        TokenLapsed,

        /// <summary>A redirect to the gateway's OIDC login (<c>pkg/gateway/auth/login.go</c>): a path the
        /// gateway does not proxy, such as the guide's <c>/platform/...</c>, without a valid cookie
        /// (tkestack/tke#1400).</summary>
        LoginRedirect,

        /// <summary>404 <c>404 page not found</c> in plain text: the gateway's assets, for a path that is
        /// not an API, with a valid cookie (<c>pkg/gateway/assets/assets.go</c>).</summary>
        AssetsNotFound,
    }

    /// <summary>Reads <see cref="GatewaySign"/> from an answer.</summary>
    internal static class GatewayAnswer
    {
        /// <summary>The sign an answer carries.</summary>
        public static GatewaySign Of(int code, string? contentType, byte[] body, string? location)
        {
            if (code >= 300 && code < 400)
            {
                return location != null && location.IndexOf("/oidc/auth", StringComparison.OrdinalIgnoreCase) >= 0 ? GatewaySign.LoginRedirect : GatewaySign.None;
            }
            if (code == 404 && contentType != null && contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) &&
                Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 64)).Trim() == "404 page not found")
            {
                return GatewaySign.AssetsNotFound;
            }
            return code == 401 ? Of(ErrorMapper.TryParseStatus(body), wrapped: IsWrapped(body)) : GatewaySign.None;
        }

        /// <summary>The sign of a 401's Status. The gateway writes its StatusError whole
        /// (<c>{"ErrStatus":{...}}</c>); an API server writes the Status itself.</summary>
        public static GatewaySign Of(KubeStatus? status, bool wrapped)
        {
            if (!wrapped || status?.Code != 401) return GatewaySign.None;
            return status.Message switch
            {
                "http: named cookie not present" => GatewaySign.CookieMissing,
                "invalid CSRF token" => GatewaySign.CsrfRefused,
                "invalid token" => GatewaySign.TokenLapsed,
                _ => GatewaySign.None,
            };
        }

        /// <summary>True for a body in the StatusError form <c>{"ErrStatus":...}</c>, indented or not
        /// (k8s.io/apiserver's WriteRawJSON indents).</summary>
        public static bool IsWrapped(byte[] body)
        {
            var head = new StringBuilder();
            foreach (var c in Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 64)))
            {
                if (!char.IsWhiteSpace(c)) head.Append(c);
            }
            return head.ToString().StartsWith("{\"ErrStatus\"", StringComparison.Ordinal);
        }
    }
}
