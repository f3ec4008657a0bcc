using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TkeStack.Models
{
    /// <summary>The body of guide 3.1 (add a machine), written byte for byte in the guide's shape:
    /// <c>{"kind":"Machine","apiVersion":"platform.tkestack.io/v1","metadata":{"generateName":"mc-"},
    /// "spec":{"finalizers":["machine"],"tenantID":T,"clusterName":C,"type":"Baremetal","ip":IP,
    /// "port":PORT,"username":U,"password":BASE64}}</c>. The port is a JSON number; the password is
    /// the base64 of its UTF-8 bytes with no newline (the guide's <c>echo -n</c>: 123456 is MTIzNDU2),
    /// as Go's JSON carries the <c>[]byte</c> field. The plain password exists only in buffers this
    /// method zeroes before it returns; the caller zeroes the body once it is sent.</summary>
    internal static class MachineBody
    {
        public static byte[] Build(string tenantId, string clusterName, string type, string ip, int port, string username, SecureString password)
        {
            var stream = new MemoryStream();
            var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };
            using (var writer = new Utf8JsonWriter(stream, options))
            {
                writer.WriteStartObject();
                writer.WriteString("kind", "Machine");
                writer.WriteString("apiVersion", "platform.tkestack.io/v1");
                writer.WriteStartObject("metadata");
                writer.WriteString("generateName", "mc-");
                writer.WriteEndObject();
                writer.WriteStartObject("spec");
                writer.WriteStartArray("finalizers");
                writer.WriteStringValue("machine");
                writer.WriteEndArray();
                writer.WriteString("tenantID", tenantId);
                writer.WriteString("clusterName", clusterName);
                writer.WriteString("type", type);
                writer.WriteString("ip", ip);
                writer.WriteNumber("port", port);
                writer.WriteString("username", username);
                WritePassword(writer, password);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            var body = stream.ToArray();
            Array.Clear(stream.GetBuffer(), 0, (int)stream.Length);
            return body;
        }

        /// <summary>Writes "password": base64 of the UTF-8 bytes, through buffers that are zeroed after.</summary>
        private static void WritePassword(Utf8JsonWriter writer, SecureString password)
        {
            var chars = new char[password.Length];
            byte[]? bytes = null;
            var ptr = Marshal.SecureStringToGlobalAllocUnicode(password);
            try
            {
                Marshal.Copy(ptr, chars, 0, chars.Length);
                bytes = Encoding.UTF8.GetBytes(chars);
                // WriteBase64String writes standard base64 with padding and no escaping ('+' stays '+').
                writer.WriteBase64String("password", bytes);
                writer.Flush();
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                Array.Clear(chars, 0, chars.Length);
                if (bytes != null) Array.Clear(bytes, 0, bytes.Length);
            }
        }
    }
}
