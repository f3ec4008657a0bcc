using System;
using System.Collections;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>Invoke-TkeRequest: any call of the platform or business API (or of a cluster's own API
    /// through the proxy with -ClusterName), with the session's key, prefixes, retries, timeouts and
    /// error mapping: the escape hatch Invoke-MgGraphRequest and Invoke-AzRestMethod users know.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "TkeRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(PSObject), typeof(string))]
    public sealed class InvokeTkeRequestCommand : TkeApiCmdlet
    {
        /// <summary>The path of the call, after the API's prefix: /apis/platform.tkestack.io/v1/clusters,
        /// /api/v1/namespaces/shop/configmaps (with -ClusterName). Never a whole URL.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The HTTP method; GET by default.</summary>
        [Parameter]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE")]
        public string Method { get; set; } = "GET";

        /// <summary>Which API: Platform (clusters, machines, the cluster proxy; the default) or Business (projects).</summary>
        [Parameter]
        [ValidateSet("Platform", "Business")]
        public string Api { get; set; } = "Platform";

        /// <summary>Proxy the call into this cluster (the X-TKE-ClusterName header).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ClusterNameCompleter))]
        public string? ClusterName { get; set; }

        /// <summary>Query parameters, as a hashtable: @{ labelSelector = 'app=web' }.</summary>
        [Parameter]
        public IDictionary? Query { get; set; }

        /// <summary>The body: a hashtable or object (sent as JSON), or a JSON string.</summary>
        [Parameter]
        public object? Body { get; set; }

        /// <summary>The body's content type; application/json by default, a patch type for PATCH
        /// (application/merge-patch+json by default, or application/strategic-merge-patch+json,
        /// application/json-patch+json).</summary>
        [Parameter]
        [ValidateSet("application/json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/json-patch+json")]
        public string? ContentType { get; set; }

        /// <summary>Follow a list's continue tokens and write its items, page after page.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>Write the answer's text as it came instead of PowerShell objects.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            if (RequestPath.Problem(Path) is { } problem)
            {
                WriteInvalid(problem, "TkeInvalidPath", Path);
                return;
            }
            if (ClusterName != null && !CheckName(ClusterName, TkeNameKind.Cluster)) return;
            if (All && (Method != "GET" || Raw))
            {
                WriteInvalid("-All follows the pages of a list: it goes with GET, and without -Raw.", "TkeInvalidRequest", Path);
                return;
            }
            byte[]? body = null;
            if (Body != null)
            {
                if (Method == "GET" || Method == "DELETE")
                {
                    WriteInvalid($"-Body goes with POST, PUT or PATCH, not {Method}.", "TkeInvalidRequest", Path);
                    return;
                }
                if (RequestBody.Encode(Body, out body) is { } bad)
                {
                    WriteInvalid(bad, "TkeInvalidBody", null);
                    return;
                }
            }
            var request = new ApiRequest(new HttpMethod(Method), Path, Api == "Business" ? ApiGroup.Business : ApiGroup.Platform);
            if (ClusterName != null) request.WithCluster(ClusterName);
            if (Query != null)
            {
                foreach (DictionaryEntry q in Query) request.WithQuery(q.Key.ToString()!, LanguagePrimitives.ConvertTo<string>(q.Value));
            }
            if (body != null) request.WithBody(body, ContentType ?? (Method == "PATCH" ? "application/merge-patch+json" : "application/json"));
            if (Method != "GET" && !ShouldProcess(request.Path, Method)) return;
            var raw = session.Api.Raw;
            ForTarget(Path, () =>
            {
                if (All)
                {
                    foreach (var item in Items(raw.List(request))) WriteObject(item);
                    return;
                }
                var answer = Call((log, ct) => raw.SendAsync(request, Raw, log, ct));
                WriteObject(answer, enumerateCollection: !Raw);
            });
        }
    }
}
