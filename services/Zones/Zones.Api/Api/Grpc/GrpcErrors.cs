using System.Text;
using Platform.Grpc;
using Platform.ServiceDefaults.Identity;
using Zones.Api.Application;

namespace Zones.Api.Api.Grpc;

/// <summary>Maps the use cases' exceptions to gRPC statuses; field paths become the proto's snake_case names.</summary>
public static class GrpcErrors
{
    public static async Task<T> Run<T>(Func<Task<T>> call)
    {
        T result = default!;
        await Run(async () => { result = await call(); });
        return result;
    }

    public static async Task Run(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (ValidationFailedException ex)
        {
            throw RpcException.InvalidArgument("Niepoprawne dane; nic nie zostało zapisane.",
                ex.Errors.SelectMany(e => e.Value.Select(reason => (ProtoField(e.Key), reason))));
        }
        catch (AccessDeniedException ex) { throw new RpcException(ex.Unauthenticated ? StatusCode.Unauthenticated : StatusCode.PermissionDenied, ex.Message); }
        catch (NotFoundException ex) { throw new RpcException(StatusCode.NotFound, ex.Message); }
        catch (ConcurrencyConflictException ex) { throw new RpcException(StatusCode.Aborted, ex.Message); }
    }

    public static Guid ParseId(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw ValidationFailedException.Single(field, $"'{value}' nie jest identyfikatorem (UUID).");

    // The use cases name fields as REST does (camelCase); the proto's names differ in case and in a few words.
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["boundary"] = "boundary_geojson",
        ["polygon"] = "polygon_geojson",
        ["maxPrice"] = "max_price_pln_m2",
    };

    public static string ProtoField(string path)
    {
        var cut = path.IndexOfAny(['.', '[']);
        var head = cut < 0 ? path : path[..cut];
        var rest = cut < 0 ? "" : path[cut..];
        if (Renamed.TryGetValue(head, out var renamed)) return renamed + rest;
        var sb = new StringBuilder(path.Length + 4);
        foreach (var c in head)
        {
            if (char.IsUpper(c)) sb.Append('_').Append(char.ToLowerInvariant(c));
            else sb.Append(c);
        }
        return sb.Append(rest).ToString();
    }
}
