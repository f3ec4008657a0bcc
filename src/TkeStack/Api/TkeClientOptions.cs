using System;
using System.Net;

namespace TkeStack.Api
{
    /// <summary>The transport settings of a session, named as Invoke-RestMethod names them.</summary>
    internal sealed class TkeClientOptions
    {
        /// <summary>Seconds a single request may take before it fails with "timed out".</summary>
        public int TimeoutSec { get; set; } = 100;
        public bool SkipCertificateCheck { get; set; }
        public Uri? Proxy { get; set; }
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
}
