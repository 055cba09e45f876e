using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Platform.ServiceDefaults.Grpc;

/// <summary>
/// Errors with standard google.rpc.Status details (grpc-status-details-bin), so any gRPC client in any
/// language reads them with its stock helpers (Grpc.StatusProto, grpcio-status, @grpc/grpc-js + google-rpc).
/// </summary>
public static class RichStatus
{
    /// <summary>INVALID_ARGUMENT with one google.rpc.BadRequest field violation per (field, reason).</summary>
    public static RpcException InvalidArgument(string message, IEnumerable<(string Field, string Description)> violations, params IMessage[] more)
    {
        var badRequest = new BadRequest();
        foreach (var (field, description) in violations)
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        return WithDetails(StatusCode.InvalidArgument, message, [badRequest, .. more]);
    }

    public static RpcException WithDetails(StatusCode code, string message, params IEnumerable<IMessage> details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details) status.Details.Add(Any.Pack(detail));
        return status.ToRpcException();
    }

    /// <summary>The field violations of a received error (empty when it carries none).</summary>
    public static IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations(this RpcException ex) =>
        ex.GetRpcStatus()?.Details.Where(d => d.Is(BadRequest.Descriptor)).SelectMany(d => d.Unpack<BadRequest>().FieldViolations).ToList() ?? [];

    /// <summary>The first detail of type <typeparamref name="T"/> of a received error, or null.</summary>
    public static T? Detail<T>(this RpcException ex) where T : class, IMessage<T>, new() => ex.GetRpcStatus()?.GetDetail<T>();
}
