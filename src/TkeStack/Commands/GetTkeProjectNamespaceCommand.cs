using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace TkeStack.Commands
{
    /// <summary>Get-TkeProjectNamespace: guide 4.2, the namespaces of a project (业务), each a namespace
    /// of one cluster. They pipe on by ClusterName and Namespace (Get-TkeNamespace, Get-TkeWorkload).</summary>
    [Cmdlet(VerbsCommon.Get, "TkeProjectNamespace")]
    [OutputType(typeof(ProjectNamespace))]
    public sealed class GetTkeProjectNamespaceCommand : TkeApiCmdlet
    {
        /// <summary>The project id (prj-xxx). Binds from a piped project (its ProjectName alias) or
        /// project namespace.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("ProjectId")]
        [ArgumentCompleter(typeof(Completion.ProjectNameCompleter))]
        public string ProjectName { get; set; } = string.Empty;

        /// <summary>Names to keep: TKEStack's name (cls-xxx-shop) or the namespace inside the cluster
        /// (shop); wildcards filter. Every namespace of the project when not given.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ProjectNamespaceCompleter))]
        public string[]? Name { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordWithSession(TkeSession session)
        {
            if (!CheckName(ProjectName, TkeNameKind.Object)) return;
            // A name is TKEStack's (cls-xxx-shop) or the namespace inside the cluster (shop): both
            // follow the object rule (a namespace's is stricter, which the server enforces). A literal
            // one is found in the list (there is no GET by the inner name), so every name is listed.
            var given = Name?.Where(n => CheckName(n, TkeNameKind.Object, wildcards: true)).ToArray();
            if (given != null && given.Length == 0) return;
            var project = ProjectName;
            var projects = session.Api.Projects;
            var names = new NameFilter(given);
            var found = new HashSet<string>(StringComparer.Ordinal);
            ForTarget(project, () =>
            {
                var listed = false;
                foreach (var ns in Items(projects.Namespaces(project)))
                {
                    listed = true;
                    var literals = names.Literals.Where(n => n == ns.Name || n == ns.Namespace).ToList();
                    found.UnionWith(literals);
                    if (literals.Count > 0 || names.Matches(ns.Name) || names.Matches(ns.Namespace)) WriteObject(ns);
                }
                // A Kubernetes list of a namespace (here: a project) that does not exist is empty,
                // not 404: read the project to tell "no namespaces" from "no such project".
                if (!listed) Call((log, ct) => projects.GetAsync(project, log, ct));
                foreach (var name in names.Literals.Where(n => !found.Contains(n)))
                {
                    WriteError(new ErrorRecord(
                        new ItemNotFoundException($"Project '{project}' has no namespace '{name}' (neither TKEStack's <cluster>-<namespace> name nor a namespace inside a cluster)."),
                        "TkeProjectNamespaceNotFound", ErrorCategory.ObjectNotFound, name));
                }
            });
        }
    }
}
