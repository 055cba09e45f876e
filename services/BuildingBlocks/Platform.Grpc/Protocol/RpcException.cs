using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace Platform.Grpc;

/// <summary>
/// A call that ended with a non-OK status. Thrown by handlers to return a status to the caller,
/// and thrown by the client when a call fails. May carry rich details (google.rpc.Status,
/// sent as <c>grpc-status-details-bin</c>) such as field violations.
/// </summary>
public class RpcException : Exception
{
    public RpcException(Status status) : this(status, null, null) { }

    public RpcException(Status status, Metadata? trailers) : this(status, trailers, null) { }

    public RpcException(Status status, Metadata? trailers, Google.Rpc.Status? details)
        : base(status.ToString())
    {
        Status = status;
        Trailers = trailers ?? new Metadata();
        Details = details;
    }

    public RpcException(StatusCode code, string detail) : this(new Status(code, detail)) { }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailers sent with (server) or received with (client) the status.</summary>
    public Metadata Trailers { get; }

    /// <summary>The rich status (google.rpc.Status) if present.</summary>
    public Google.Rpc.Status? Details { get; }

    /// <summary>The field violations carried in a google.rpc.BadRequest detail, if any.</summary>
    public IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations
    {
        get
        {
            if (Details is null)
            {
                return [];
            }
            List<BadRequest.Types.FieldViolation>? list = null;
            foreach (var any in Details.Details)
            {
                if (any.Is(BadRequest.Descriptor))
                {
                    list ??= [];
                    list.AddRange(any.Unpack<BadRequest>().FieldViolations);
                }
            }
            return list is null ? [] : list;
        }
    }

    /// <summary>An INVALID_ARGUMENT error with field violations as a google.rpc.BadRequest detail.</summary>
    public static RpcException InvalidArgument(string message, params IEnumerable<(string Field, string Description)> violations)
    {
        var badRequest = new BadRequest();
        foreach (var (field, description) in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        }
        return WithDetails(StatusCode.InvalidArgument, message, badRequest);
    }

    /// <summary>An INVALID_ARGUMENT error with the given field violations.</summary>
    public static RpcException InvalidArgument(string message, params IEnumerable<BadRequest.Types.FieldViolation> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.Add(violations);
        return WithDetails(StatusCode.InvalidArgument, message, badRequest);
    }

    /// <summary>An error with the given detail messages packed into google.rpc.Status.</summary>
    public static RpcException WithDetails(StatusCode code, string message, params IEnumerable<Google.Protobuf.IMessage> details)
    {
        var rich = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details)
        {
            rich.Details.Add(Any.Pack(detail));
        }
        return new RpcException(new Status(code, message), null, rich);
    }
}
