using System.Text;
using TkeStack.Api;
using TkeStack.Commands;
using TkeStack.Models;

namespace TkeStack.Tests;

/// <summary>The guide 3.1 body, byte for byte, and the IP check that runs before any request.</summary>
public sealed class MachineBodyTests
{
    [Fact]
    public void Writes_the_guides_body_with_the_base64_of_the_password_and_a_numeric_port()
    {
        var body = MachineBody.Build("default", "cls-a1b2c3d4", "Baremetal", "10.0.0.5", 36000, "root", SecureText.FromPlain("123456"));
        Assert.Equal(
            "{\"kind\":\"Machine\",\"apiVersion\":\"platform.tkestack.io/v1\",\"metadata\":{\"generateName\":\"mc-\"},\"spec\":{\"finalizers\":[\"machine\"],\"tenantID\":\"default\",\"clusterName\":\"cls-a1b2c3d4\",\"type\":\"Baremetal\",\"ip\":\"10.0.0.5\",\"port\":36000,\"username\":\"root\",\"password\":\"MTIzNDU2\"}}",
            Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData("pä$+/ss>")]
    [InlineData("~~~>>>???")]
    public void Encodes_the_UTF8_bytes_unescaped(string password)
    {
        var text = Encoding.UTF8.GetString(MachineBody.Build("t", "c", "Baremetal", "::1", 22, "root", SecureText.FromPlain(password)));
        Assert.EndsWith("\"password\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(password)) + "\"}}", text);
    }

    [Fact]
    public void An_emitted_machine_masks_the_password_private_key_and_pass_phrase_TKEStack_answers()
    {
        var m = Models.Machine(
            "{\"metadata\":{\"name\":\"mc-x\"},\"spec\":{\"clusterName\":\"cls-a\",\"ip\":\"10.0.0.5\",\"port\":22,\"password\":\"TVlTRUNSRVQ=\",\"privateKey\":\"S0VZ\",\"passPhrase\":\"UEhSQVNF\"},\"status\":{\"phase\":\"Initializing\",\"conditions\":[{\"type\":\"EnsureCopyFiles\",\"status\":\"True\"},{\"type\":\"EnsurePreInstallHook\",\"status\":\"Unknown\",\"reason\":\"Waiting\"}]}}");
        var spec = (System.Management.Automation.PSObject)m.ApiObject.Properties["spec"].Value;
        Assert.Equal(Machine.Masked, spec.Properties["password"].Value);
        Assert.Equal(Machine.Masked, spec.Properties["privateKey"].Value);
        Assert.Equal(Machine.Masked, spec.Properties["passPhrase"].Value);
        Assert.DoesNotContain("TVlTRUNSRVQ", m.Raw.GetRawText());
        Assert.Equal("mc-x", m.ToString());
        Assert.Equal("EnsurePreInstallHook", m.StepInProgress);
        Assert.Equal(1, m.StepsDone);
        // Two conditions fit every release's list (23 to 25 steps): no count yet (MachineProgressTests).
        Assert.Equal(0, m.StepsTotal);
    }
}
