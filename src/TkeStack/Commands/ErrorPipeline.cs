using System;
using System.Management.Automation;
using System.Text.Json;
using TkeStack.Api;

namespace TkeStack.Commands
{
    /// <summary>The one function from a failure to the ErrorRecord a user sees, used by the cmdlet
    /// base and the throttled pipeline alike: the exception's stable id and category, its
    /// recommended action, and as target the object the failure names, else the input worked on.</summary>
    internal static class ErrorPipeline
    {
        /// <summary>The record for a failure the module reports (an API answer, an operation outcome,
        /// an answer of the wrong shape); null for anything else, which is a bug to let through.</summary>
        public static ErrorRecord? ToRecord(Exception e, object? target)
        {
            switch (e)
            {
                case TkeException tke:
                    return new ErrorRecord(tke, tke.ErrorId, tke.Category, tke.Target ?? target)
                    {
                        ErrorDetails = new ErrorDetails(tke.Message) { RecommendedAction = tke.RecommendedAction },
                    };
                case JsonException json:
                    // A model could not be read from the answer: one clear error, no half-built object.
                    return ToRecord(ErrorMapper.WrongShape(json), target);
                default:
                    return null;
            }
        }

        /// <summary>The record for bad input found before any request.</summary>
        public static ErrorRecord Invalid(string message, string errorId, object? target, ErrorCategory category = ErrorCategory.InvalidArgument) =>
            new ErrorRecord(new ArgumentException(message), errorId, category, target);
    }
}
