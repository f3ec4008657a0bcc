using System.Text.Json.Nodes;

namespace TkeStack.Simulator;

/// <summary>Kubernetes <c>Status</c> answers, shaped as k8s.io/apimachinery
/// <c>pkg/api/errors/errors.go</c> makes them (message wording included).</summary>
internal static class Status
{
    public static IResult Error(int code, string reason, string message, JsonObject? details = null, bool wrapped = false)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["details"] = details,
            ["code"] = code,
        };
        if (details is null) status.Remove("details");
        // StatusReasonUnknown is "", omitted (metav1.Status reason has omitempty).
        if (reason.Length == 0) status.Remove("reason");
        // Some TKEStack paths (the gateway's passthrough, the TApp proxy's 400) wrap the Status.
        JsonNode body = wrapped ? new JsonObject { ["ErrStatus"] = status } : status;
        return Results.Text(body.ToJsonString(), "application/json", statusCode: code);
    }

    public static IResult Unauthorized() => Error(401, "Unauthorized", "Unauthorized");

    public static IResult NotFound(string group, string resource, string name) =>
        Error(404, "NotFound", $"{Qualified(group, resource)} \"{name}\" not found",
            new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = resource });

    /// <summary>The cluster's own 404 for a route it does not serve (a kind it lacks).</summary>
    public static IResult NoRoute() => Error(404, "NotFound", "the server could not find the requested resource",
        new JsonObject());

    public static IResult BadRequest(string message, bool wrapped = false) => Error(400, "BadRequest", message, wrapped: wrapped);

    public static IResult Forbidden(string group, string resource, string name, string user, string verb) =>
        Error(403, "Forbidden",
            $"{Qualified(group, resource)} \"{name}\" is forbidden: User \"{user}\" cannot {verb} resource \"{resource}\" in API group \"{group}\"",
            new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = resource });

    public static IResult Conflict(string group, string resource, string name, string why) =>
        Error(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(group, resource)} \"{name}\": {why}",
            new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = resource });

    public static IResult AlreadyExists(string group, string resource, string name) =>
        Error(409, "AlreadyExists", $"{Qualified(group, resource)} \"{name}\" already exists",
            new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = resource });

    public static IResult Invalid(string group, string kind, string name, string field, string message) =>
        Error(422, "Invalid", $"{kind}.{group} \"{name}\" is invalid: {field}: {message}",
            new JsonObject
            {
                ["name"] = name, ["group"] = group, ["kind"] = kind,
                ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = message, ["field"] = field }),
            });

    /// <summary>What the API server answers for an error that is not a Status (a plain Go error from
    /// a storage): 500 with no reason and the bare message (k8s.io/apiserver
    /// <c>pkg/endpoints/handlers/responsewriters/status.go</c> ErrorToAPIStatus).</summary>
    public static IResult PlainError(string message) => Error(500, "", message);

    /// <summary>errors.NewServiceUnavailable: 503 ServiceUnavailable with the message as given.</summary>
    public static IResult ServiceUnavailable(string message) => Error(503, "ServiceUnavailable", message);

    /// <summary>errors.NewForbidden(resource, name, err): 403 with the error as the reason given.</summary>
    public static IResult ForbiddenBecause(string group, string resource, string name, string why) =>
        Error(403, "Forbidden", $"{Qualified(group, resource)} \"{name}\" is forbidden: {why}",
            new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = resource });

    public static IResult InternalError(string message) =>
        Error(500, "InternalError", $"Internal error occurred: {message}");

    public static IResult UnsupportedMediaType(string contentType) =>
        Error(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got {contentType})");

    private static string Qualified(string group, string resource) => group.Length == 0 ? resource : $"{resource}.{group}";
}
