using System;

namespace TkeStack.Commands
{
    /// <summary>The rules of a console's address, shared by every cmdlet that takes -Uri.</summary>
    internal static class ConsoleAddress
    {
        /// <summary>$env:TKE_URI as a URI; null when it is not set or not absolute.</summary>
        public static Uri? FromEnvironment()
        {
            var text = Environment.GetEnvironmentVariable("TKE_URI");
            return string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text!.Trim(), UriKind.Absolute, out var uri) ? null : uri;
        }

        /// <summary>The address of the console's web pages as a browser shows it, such as
        /// http://10.0.0.1:31180/tkestack/cluster: the open-source gateway serves every path matching
        /// <c>/tkestack.*</c> as its console's index page (tkestack/tke <c>pkg/gateway/assets/assets.go</c>),
        /// and its APIs at the root. Returns the root and true for such an address; the URI as given otherwise.</summary>
        public static Uri WithoutConsolePage(Uri uri, out bool changed)
        {
            var path = uri.IsAbsoluteUri ? uri.AbsolutePath : "";
            changed = path == "/tkestack" || path.StartsWith("/tkestack/", StringComparison.Ordinal);
            return changed ? new Uri(uri.GetLeftPart(UriPartial.Authority)) : uri;
        }

        /// <summary>What is wrong with a console URI, or null. Messages show a URI without what it
        /// carried before the @ (a password, as in ftp://bob:pw@host) or in its query
        /// (?access_token=...): errors end up in logs.</summary>
        public static string? Problem(Uri uri)
        {
            var shown = ConnectTkeCommand.Shown(uri);
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return $"'{shown}' is not an http or https URI of a TKEStack console, such as http://console.tke.com:8080.";
            }
            if (uri.UserInfo.Length > 0)
            {
                return $"'{shown}' carries a user name or password before its host: give the API key with -Token or the console login with -Credential, as a password in a URI ends up in logs.";
            }
            if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                return $"'{shown}' has a query or fragment (not shown: it may carry a token); give the console's base URI only, such as http://console.tke.com:8080 (the API prefixes are -PlatformPrefix and -BusinessPrefix).";
            }
            return null;
        }
    }
}
