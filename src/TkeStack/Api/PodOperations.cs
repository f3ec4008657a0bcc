using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TkeStack.Models;

namespace TkeStack.Api
{
    /// <summary>What a log read asks for (kubernetes <c>PodLogOptions</c>).</summary>
    internal sealed class LogOptions
    {
        public string? Container { get; set; }
        public int? TailLines { get; set; }
        public TimeSpan? Since { get; set; }
        public bool Previous { get; set; }
        public bool Follow { get; set; }
        public bool Timestamps { get; set; }
    }

    /// <summary>Pods, their logs and events, and a namespace's events, through the cluster proxy
    /// (tkestack/tke <c>pkg/platform/proxy/core/rest/rest.go</c>).</summary>
    internal sealed class PodOperations : ResourceOperations
    {
        public PodOperations(TkeClient client, TkeSession? owner) : base(client, owner)
        {
        }

        /// <summary>Every pod of a namespace.</summary>
        public ListReader<Pod> List(string cluster, string ns) =>
            ListReader.Of(Client, ApiRequest.Get(ApiRoutes.Pods(ns)).WithCluster(cluster), "pods", TkeJsonContext.Default.PodResource,
                (r, json) => new Pod(r, json, cluster, Owner));

        /// <summary>One pod.</summary>
        public async Task<Pod> GetAsync(string cluster, string ns, string name, IRequestLog log, CancellationToken cancel)
        {
            using var answer = await Client.SendAsync(ApiRequest.Get(ApiRoutes.Pod(ns, name)).WithCluster(cluster), log, cancel).ConfigureAwait(false);
            return answer.One(TkeJsonContext.Default.PodResource, (r, json) => new Pod(r, json, cluster, Owner));
        }

        /// <summary>The events of one pod (TKEStack's pods/events).</summary>
        public async Task<List<Event>> EventsAsync(string cluster, string ns, string name, IRequestLog log, CancellationToken cancel)
        {
            using var answer = await Client.SendAsync(ApiRequest.Get(ApiRoutes.PodSubresource(ns, name, "events")).WithCluster(cluster), log, cancel).ConfigureAwait(false);
            return answer.Page(TkeJsonContext.Default.EventResource, (r, json) => new Event(r, json, cluster, Owner), "events", out _);
        }

        /// <summary>Every event of a namespace.</summary>
        public ListReader<Event> NamespaceEvents(string cluster, string ns) =>
            ListReader.Of(Client, ApiRequest.Get(ApiRoutes.NamespaceEvents(ns)).WithCluster(cluster), "events", TkeJsonContext.Default.EventResource,
                (r, json) => new Event(r, json, cluster, Owner));

        /// <summary>A container's log, each line handed to <paramref name="line"/> as it arrives (never
        /// held whole); with <see cref="LogOptions.Follow"/> it goes on until the server ends it or
        /// <paramref name="cancel"/> (Ctrl+C).</summary>
        public Task LogAsync(string cluster, string ns, string name, LogOptions options, Action<string> line, IRequestLog log, CancellationToken cancel)
        {
            var request = ApiRequest.Get(ApiRoutes.PodSubresource(ns, name, "log")).WithCluster(cluster)
                .WithQuery("container", options.Container)
                .WithQuery("tailLines", options.TailLines?.ToString(CultureInfo.InvariantCulture))
                .WithQuery("sinceSeconds", options.Since is { } since ? Math.Max(1, (long)Math.Ceiling(since.TotalSeconds)).ToString(CultureInfo.InvariantCulture) : null)
                .WithQuery("previous", options.Previous ? "true" : null)
                .WithQuery("follow", options.Follow ? "true" : null)
                .WithQuery("timestamps", options.Timestamps ? "true" : null);
            return Client.StreamAsync(request, log, async (stream, ct) =>
            {
                using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 16 * 1024);
                while (true)
                {
                    ct.ThrowIfCancellationRequested();
                    // ReadLineAsync takes no token on netstandard2.0: a followed log that goes quiet is
                    // left by closing the stream when Ctrl+C comes.
                    using (ct.Register(stream.Dispose))
                    {
                        string? text;
                        try
                        {
                            text = await reader.ReadLineAsync().ConfigureAwait(false);
                        }
                        catch (Exception) when (ct.IsCancellationRequested)
                        {
                            throw new OperationCanceledException(ct);
                        }
                        if (text is null) return;
                        line(text);
                    }
                }
            }, cancel);
        }
    }
}
