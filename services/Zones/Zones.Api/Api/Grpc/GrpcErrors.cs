using Zones.Api.Application;

namespace Zones.Api.Api.Grpc;

/// <summary>Identifiers in gRPC requests (strings) as the use cases take them.</summary>
public static class GrpcErrors
{
    public static Guid ParseId(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw ValidationFailedException.Single(field, $"'{value}' nie jest identyfikatorem (UUID).");
}
