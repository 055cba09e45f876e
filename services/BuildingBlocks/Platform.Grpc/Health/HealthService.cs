using Google.Protobuf.Reflection;
using Grpc.Health.V1;

namespace Platform.Grpc.Health;

/// <summary><c>grpc.health.v1.Health</c>: Check and Watch.</summary>
public sealed class HealthService(HealthStatusManager statuses) : IGrpcService<HealthService>
{
    public static ServiceDescriptor Descriptor => HealthReflection.Descriptor.Services[0];

    public static void Bind(ServiceBinder<HealthService> binder) => binder
        .Unary<HealthCheckRequest, HealthCheckResponse>("Check", static (s, request, context) => s.Check(request, context))
        .Unary<HealthListRequest, HealthListResponse>("List", static (s, request, context) => s.List(request, context))
        .ServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", static (s, request, stream, context) => s.Watch(request, stream, context));

    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        if (!statuses.TryGetStatus(request.Service, out var status))
        {
            throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");
        }
        return Task.FromResult(new HealthCheckResponse { Status = status });
    }

    public Task<HealthListResponse> List(HealthListRequest request, ServerCallContext context)
    {
        var response = new HealthListResponse();
        foreach (var (service, status) in statuses.Statuses)
        {
            response.Statuses[service] = new HealthCheckResponse { Status = status };
        }
        return Task.FromResult(response);
    }

    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> stream, ServerCallContext context)
    {
        var channel = statuses.Subscribe(request.Service);
        try
        {
            var current = statuses.TryGetStatus(request.Service, out var s) ? s : HealthCheckResponse.Types.ServingStatus.ServiceUnknown;
            await stream.WriteAsync(new HealthCheckResponse { Status = current }, context.CancellationToken).ConfigureAwait(false);
            var last = current;
            while (await channel.Reader.WaitToReadAsync(context.CancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var next))
                {
                    if (next != last)
                    {
                        last = next;
                        await stream.WriteAsync(new HealthCheckResponse { Status = next }, context.CancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            statuses.Unsubscribe(channel);
        }
    }
}
