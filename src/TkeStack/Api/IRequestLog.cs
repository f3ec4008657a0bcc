namespace TkeStack.Api
{
    /// <summary>Where the client tells what it does (each request, each retry). The cmdlet base
    /// class writes it to the verbose and debug streams on the pipeline thread.</summary>
    internal interface IRequestLog
    {
        void Verbose(string message);
        void Debug(string message);
    }

    /// <summary>A log that drops everything (argument completers, for example).</summary>
    internal sealed class NullRequestLog : IRequestLog
    {
        public static readonly NullRequestLog Instance = new NullRequestLog();
        public void Verbose(string message) { }
        public void Debug(string message) { }
    }
}
