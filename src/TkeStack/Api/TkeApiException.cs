using System;
using System.Management.Automation;
using TkeStack.Models;

namespace TkeStack.Api
{
    /// <summary>What every failure the module reports has: a stable error id (the first part of the
    /// error record's FullyQualifiedErrorId, such as <c>TkeApiNotFound</c>), the PowerShell error
    /// category and what the user can do about it. Its message never carries a secret, nor control
    /// characters: server text in it is shown escaped (<see cref="ConsoleText"/>).</summary>
    public abstract class TkeException : Exception
    {
        private protected TkeException(string message, string errorId, ErrorCategory category, string? recommendedAction, Exception? inner)
            : base(ConsoleText.Safe(message), inner)
        {
            ErrorId = errorId;
            Category = category;
            RecommendedAction = recommendedAction is null ? null : ConsoleText.Safe(recommendedAction);
        }

        /// <summary>The first part of the error record's FullyQualifiedErrorId, such as TkeApiNotFound.</summary>
        public string ErrorId { get; }

        /// <summary>The PowerShell error category.</summary>
        public ErrorCategory Category { get; }

        /// <summary>What the user can do about it: a command to paste where there is one.</summary>
        public string? RecommendedAction { get; }

        /// <summary>The error record's target when the failure names its own (a container that is not
        /// there); else the input the cmdlet was working on.</summary>
        internal object? Target { get; set; }
    }

    /// <summary>A failed call to the TKEStack API: the HTTP status, the Kubernetes <c>Status</c> the
    /// server answered (when it did), or the transport failure (timeout, refused connection, TLS).
    /// Its message never carries the API key or a request body.</summary>
    public sealed class TkeApiException : TkeException
    {
        internal TkeApiException(string message, string errorId, ErrorCategory category,
            int? statusCode = null, KubeStatus? status = null, string? recommendedAction = null, Exception? inner = null)
            : base(message, errorId, category, recommendedAction, inner)
        {
            StatusCode = statusCode;
            Status = status;
        }

        /// <summary>The HTTP status code, when the server answered.</summary>
        public int? StatusCode { get; }

        /// <summary>The Kubernetes Status the server answered, when it did.</summary>
        public KubeStatus? Status { get; }

        /// <summary>What the answer said of an open-source gateway behind it (Connect-Tke's dialect
        /// detection and Test-TkeConnection read it).</summary>
        internal GatewaySign Gateway { get; set; }

        /// <summary>The Status reason (NotFound, Conflict, ...), when there is one.</summary>
        public string? Reason => Status?.Reason;

        /// <summary>The same failure told better (a cluster without the TApp kind, a project I am not
        /// in): a new message and action, and the id and category given or kept.</summary>
        internal TkeApiException Explained(string message, string? recommendedAction, string? errorId = null, ErrorCategory? category = null) =>
            new TkeApiException(message, errorId ?? ErrorId, category ?? Category, StatusCode, Status, recommendedAction ?? RecommendedAction, this)
            {
                Gateway = Gateway,
            };
    }

    /// <summary>An operation whose calls all succeeded but whose outcome did not: a rollout that
    /// cannot finish, an install step that failed, a wait that timed out. The object it concerns is
    /// the error record's target.</summary>
    public sealed class TkeOperationException : TkeException
    {
        internal TkeOperationException(string message, string errorId, ErrorCategory category, string? recommendedAction = null)
            : base(message, errorId, category, recommendedAction, null)
        {
        }
    }
}
