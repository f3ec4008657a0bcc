using System;
using System.Management.Automation;
using System.Net;

namespace TkeStack.Api
{
    /// <summary>The transport settings of a session, named as Invoke-RestMethod names them.</summary>
    internal sealed class TkeClientOptions
    {
        /// <summary>Seconds one call may take as a whole, retries included, before it fails with "timed out" (a deadline, see RetryPolicy).</summary>
        public int TimeoutSec { get; set; } = 100;
        public bool SkipCertificateCheck { get; set; }
        public Uri? Proxy { get; set; }
        /// <summary>The proxy's credential, whose password stays a SecureString (see <see cref="ProxyCredentials"/>).</summary>
        public ICredentials? ProxyCredential { get; set; }
        public bool ProxyUseDefaultCredentials { get; set; }
        public bool NoProxy { get; set; }
        /// <summary>How often a call that is safe to repeat is sent again after a transient failure.</summary>
        public int MaximumRetryCount { get; set; } = 4;
        /// <summary>The first wait between retries, in seconds; it doubles each time.</summary>
        public double RetryIntervalSec { get; set; } = 0.5;
        /// <summary>How many items a list asks for per page (kubectl's default chunk size); 0 asks for
        /// the whole list in one answer, exactly as the guide's curl does.</summary>
        public int PageSize { get; set; } = 500;
        /// <summary>The largest answer read, in bytes.</summary>
        public long MaxResponseBytes { get; set; } = 512L * 1024 * 1024;
    
        /// <summary>True when two sessions would talk to the server the same way.</summary>
        public bool SameTransport(TkeClientOptions o) =>
            TimeoutSec == o.TimeoutSec && SkipCertificateCheck == o.SkipCertificateCheck && Proxy == o.Proxy &&
            ProxyUseDefaultCredentials == o.ProxyUseDefaultCredentials && NoProxy == o.NoProxy &&
            MaximumRetryCount == o.MaximumRetryCount && RetryIntervalSec.Equals(o.RetryIntervalSec) &&
            PageSize == o.PageSize && MaxResponseBytes == o.MaxResponseBytes && o.ProxyCredential is null && ProxyCredential is null;
    }

    /// <summary>The proxy's credential as the handler asks for it, made from the PSCredential each time
    /// it is asked: the password stays a SecureString, never a plain string held in the session's
    /// options, and the object has no property that gives it (a NetworkCredential's Password does,
    /// to ConvertTo-Json, Format-List or a debugger).</summary>
    internal sealed class ProxyCredentials : ICredentials
    {
        private readonly PSCredential _credential;

        public ProxyCredentials(PSCredential credential) => _credential = credential;

        /// <summary>The user name, which may be shown.</summary>
        public string UserName => _credential.UserName;

        /// <summary>Made when the proxy asks; its password is a copy of the SecureString (a NetworkCredential
        /// built from one keeps it so), turned to text only when the Basic header is written.</summary>
        public NetworkCredential GetCredential(Uri uri, string authType) => _credential.GetNetworkCredential();

        /// <inheritdoc />
        public override string ToString() => UserName + " (password not shown)";
    }
}
