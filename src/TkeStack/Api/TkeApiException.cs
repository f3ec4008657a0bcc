using System;
using System.Management.Automation;
using TkeStack.Models;

namespace TkeStack.Api
{
    /// <summary>A failed call to the TKEStack API: the HTTP status, the Kubernetes <c>Status</c> the
    /// server answered (when it did), the PowerShell error category and a stable error id such as
    /// <c>TkeApiNotFound</c>. Its message never carries the API key or a request body, nor control
    /// characters: server text in it is shown escaped (<see cref="ConsoleText"/>).</summary>
    public sealed class TkeApiException : Exception
    {
        internal TkeApiException(string message, string errorId, ErrorCategory category,
            int? statusCode = null, KubeStatus? status = null, string? recommendedAction = null, Exception? inner = null)
            : base(ConsoleText.Safe(message), inner)
        {
            ErrorId = errorId;
            Category = category;
            StatusCode = statusCode;
            Status = status;
            RecommendedAction = recommendedAction is null ? null : ConsoleText.Safe(recommendedAction);
        }

        /// <summary>The first part of the error record's FullyQualifiedErrorId, such as TkeApiNotFound.</summary>
        public string ErrorId { get; }

        /// <summary>The PowerShell error category.</summary>
        public ErrorCategory Category { get; }

        /// <summary>The HTTP status code, when the server answered.</summary>
        public int? StatusCode { get; }

        /// <summary>The Kubernetes Status the server answered, when it did.</summary>
        public KubeStatus? Status { get; }

        /// <summary>The Status reason (NotFound, Conflict, ...), when there is one.</summary>
        public string? Reason => Status?.Reason;

        /// <summary>What the user can do about it.</summary>
        public string? RecommendedAction { get; }
    }
}
