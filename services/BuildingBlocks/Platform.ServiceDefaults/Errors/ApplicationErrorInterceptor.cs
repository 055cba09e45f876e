using System.Globalization;
using Google.Rpc;
using Status = Grpc.Core.Status;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;

namespace Platform.ServiceDefaults.Errors;

/// <summary>
/// The use cases' exceptions in gRPC terms, for every call of every service, as
/// <see cref="ProblemMapping"/> does for REST: bad input → INVALID_ARGUMENT with a field violation
/// per reason (fields in the proto's names, <see cref="GrpcFieldNames"/>), a refusal →
/// UNAUTHENTICATED / PERMISSION_DENIED, not found → NOT_FOUND, a version conflict → ABORTED with
/// the current version in an ErrorInfo. Anything else stays an error of the handler (UNKNOWN).
/// </summary>
public sealed class ApplicationErrorInterceptor(GrpcFieldNames fieldNames) : Interceptor
{
    public const string InvalidMessage = "Niepoprawne dane; nic nie zostało zapisane.";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(request, context); }
        catch (Exception ex) when (ToRpc(ex) is { } rpc) { throw rpc; }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(request, responseStream, context); }
        catch (Exception ex) when (ToRpc(ex) is { } rpc) { throw rpc; }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(requestStream, context); }
        catch (Exception ex) when (ToRpc(ex) is { } rpc) { throw rpc; }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(requestStream, responseStream, context); }
        catch (Exception ex) when (ToRpc(ex) is { } rpc) { throw rpc; }
    }

    private RpcException? ToRpc(Exception ex) => ex switch
    {
        ValidationFailedException invalid => RichStatus.InvalidArgument(InvalidMessage,
            invalid.Errors.SelectMany(e => e.Value.Select(reason => (fieldNames.ToProto(e.Key), reason)))),
        AccessDeniedException denied => new RpcException(new Status(denied.Unauthenticated ? StatusCode.Unauthenticated : StatusCode.PermissionDenied, denied.Message)),
        NotFoundException notFound => new RpcException(new Status(StatusCode.NotFound, notFound.Message)),
        ConcurrencyConflictException conflict => RichStatus.WithDetails(StatusCode.Aborted, conflict.Message, new ErrorInfo
        {
            Reason = "VERSION_CONFLICT",
            Domain = "platform",
            Metadata = { ["current_version"] = conflict.CurrentVersion.ToString(CultureInfo.InvariantCulture) },
        }),
        _ => null,
    };
}

/// <summary>
/// Field paths as the use cases name them (REST's camelCase: periodFrom, owner.units[0]) in the
/// proto's snake_case, with a service's own renames of a top-level name (node → node_id).
/// </summary>
public sealed partial class GrpcFieldNames
{
    private readonly Dictionary<string, string> _renamed = new(StringComparer.Ordinal);

    /// <summary>A top-level field whose proto name is not its snake_case form.</summary>
    public GrpcFieldNames Rename(string field, string protoName)
    {
        _renamed[field] = protoName;
        return this;
    }

    public string ToProto(string path)
    {
        var cut = path.IndexOfAny(['.', '[']);
        var head = cut < 0 ? path : path[..cut];
        var rest = cut < 0 ? "" : path[cut..];
        return (_renamed.TryGetValue(head, out var renamed) ? renamed : Snake(head)) + Snake(rest);
    }

    // Each name of the path on its own; a name in capitals is a file's column (TERC's POW, STAN_NA) and stays as the file spells it.
    private static string Snake(string text) => Names().Replace(text, m => m.Value.Any(char.IsLower)
        ? string.Concat(m.Value.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()))
        : m.Value);

    [System.Text.RegularExpressions.GeneratedRegex("[A-Za-z_][A-Za-z0-9_]*")]
    private static partial System.Text.RegularExpressions.Regex Names();
}
