using System.Runtime.InteropServices;
using System.Security;

namespace TkeStack.Api
{
    /// <summary>SecureString in and out, for the moments a secret must be plain (a header, a body).</summary>
    internal static class SecureText
    {
        public static string ToPlain(SecureString secure)
        {
            var ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try
            {
                // With the length: a NUL inside the secret must not cut it short (and hide it from checks).
                return Marshal.PtrToStringUni(ptr, secure.Length) ?? string.Empty;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }

        public static SecureString FromPlain(string plain)
        {
            var secure = new SecureString();
            foreach (var c in plain) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
