using System.Net;

namespace TkeStack.Tests;

/// <summary>The rule book for a node's address (New-TkeMachine -IP): what is accepted, the one form
/// sent and compared, and what is refused before any request.</summary>
public sealed class MachineAddressTests
{
    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5")]
    [InlineData("fd00::5", "fd00::5")]
    [InlineData("FD00:0:0::5", "fd00::5")]
    [InlineData("::ffff:10.0.7.7", "10.0.7.7")]
    [InlineData("::FFFF:10.0.7.7", "10.0.7.7")]
    public void A_valid_address_is_sent_in_its_canonical_form(string given, string sent)
    {
        Assert.Null(MachineAddress.Problem(given, out var canonical));
        Assert.Equal(sent, canonical!.ToString());
    }

    [Theory]
    [InlineData("10.1", "not a valid")]
    [InlineData("167772161", "not a valid")]
    [InlineData("10.0.0.256", "not a valid")]
    [InlineData("10.0.0.010", "not a valid")]
    [InlineData("fe80::1%eth0", "zone")]
    [InlineData("[fd00::5]", "not a valid")]
    [InlineData("node1", "not a valid")]
    [InlineData("", "not a valid")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.8.9.10", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("ff02::1", "multicast")]
    public void An_address_that_cannot_be_a_node_is_refused_saying_why(string given, string why)
    {
        var problem = MachineAddress.Problem(given, out var canonical);
        Assert.Null(canonical);
        Assert.Contains(why, problem);
        Assert.Contains($"'{given}'", problem);
    }

    [Theory]
    [InlineData("10.0.7.7", "::ffff:10.0.7.7", true)]
    [InlineData("fd00:0::5", "fd00::5", true)]
    [InlineData("10.0.7.7", "10.0.7.8", false)]
    [InlineData("not-an-ip", "10.0.7.7", false)]
    [InlineData(null, "10.0.7.7", false)]
    public void Addresses_are_compared_as_addresses(string? onServer, string wanted, bool same) =>
        Assert.Equal(same, MachineAddress.Same(onServer, IPAddress.Parse(wanted)));
}
