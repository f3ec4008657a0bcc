using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace TkeStack
{
    /// <summary>The rule book for a node's address: what New-TkeMachine accepts, the one form it sends,
    /// and how two addresses are compared (so <c>::ffff:10.0.7.7</c> is the node <c>10.0.7.7</c>).</summary>
    internal static class MachineAddress
    {
        /// <summary>Why <paramref name="text"/> cannot be a node's address, or null with the address in
        /// its canonical form (an IPv4-mapped IPv6 address as IPv4; IPv6 compressed, lower case).</summary>
        public static string? Problem(string? text, out IPAddress? canonical)
        {
            canonical = null;
            if (text is null || !IPAddress.TryParse(text, out var address)) return $"'{text}' is not a valid IPv4 or IPv6 address.";
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                if (text.IndexOf('%') >= 0 || text.IndexOf('[') >= 0) return $"'{text}' is not a valid IPv4 or IPv6 address: give it without brackets or a zone (%).";
            }
            else if (address.AddressFamily != AddressFamily.InterNetwork || !IsDottedQuad(text))
            {
                // IPAddress.TryParse alone takes "10.1", "167772161" and octal "010".
                return $"'{text}' is not a valid IPv4 or IPv6 address: an IPv4 address is four numbers 0-255 without leading zeros, such as 10.0.0.12.";
            }
            var a = Canonical(address);
            var why = a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any) ? "the unspecified address"
                : a.Equals(IPAddress.Broadcast) ? "the broadcast address"
                : IPAddress.IsLoopback(a) ? "a loopback address (this machine, not a node)"
                : IsMulticast(a) ? "a multicast address"
                : null;
            if (why != null) return $"'{text}' is {why}, which cannot be a node's address.";
            canonical = a;
            return null;
        }

        /// <summary>An IPv4-mapped IPv6 address as the IPv4 address it is; any other as it is.</summary>
        public static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

        /// <summary>Whether a machine's address (as the server wrote it) is <paramref name="wanted"/>.</summary>
        public static bool Same(string? text, IPAddress wanted) =>
            text != null && IPAddress.TryParse(text, out var at) && Canonical(at).Equals(Canonical(wanted));

        private static bool IsMulticast(IPAddress a)
        {
            if (a.AddressFamily == AddressFamily.InterNetworkV6) return a.IsIPv6Multicast;
            var first = a.GetAddressBytes()[0];
            return first >= 224 && first <= 239;
        }

        /// <summary>No leading zeros: .NET reads "010" as octal 8, Go's sloppy parser as decimal 10.</summary>
        private static bool IsDottedQuad(string text)
        {
            var parts = text.Split('.');
            return parts.Length == 4 && parts.All(p => p.Length >= 1 && p.Length <= 3 && p.All(c => c >= '0' && c <= '9') &&
                (p.Length == 1 || p[0] != '0') && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
        }
    }
}
