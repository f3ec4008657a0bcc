using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace TkeStack
{
    /// <summary>Runs when the module is imported. On Windows PowerShell (.NET Framework) it lets
    /// System.Text.Json and its dependencies load from the module's <c>netfx</c> folder; PowerShell 7
    /// carries them itself, so nothing is done there and nothing is scanned at import.</summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyDir =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "netfx");

        /// <inheritdoc />
        public void OnImport()
        {
            if (IsDesktop) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        /// <inheritdoc />
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (IsDesktop) AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }

        private static bool IsDesktop => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            var path = Path.Combine(DependencyDir, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
