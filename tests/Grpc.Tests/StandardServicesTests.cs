using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using Platform.Grpc.Client;
using Platform.Grpc.Health;
using Platform.Grpc.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Platform.Grpc.Tests;

[Collection(GrpcServerCollection.Name)]
public sealed class StandardServicesTests(GrpcServerFixture fixture)
{
    private static readonly GrpcMethod<HealthCheckRequest, HealthCheckResponse> Check =
        GrpcMethod<HealthCheckRequest, HealthCheckResponse>.For(HealthService.Descriptor.FindMethodByName("Check"));

    private static readonly GrpcMethod<HealthCheckRequest, HealthCheckResponse> Watch =
        GrpcMethod<HealthCheckRequest, HealthCheckResponse>.For(HealthService.Descriptor.FindMethodByName("Watch"));

    private static readonly GrpcMethod<V1.ServerReflectionRequest, V1.ServerReflectionResponse> ReflectV1 =
        GrpcMethod<V1.ServerReflectionRequest, V1.ServerReflectionResponse>.For(V1.ReflectionReflection.Descriptor.Services[0].Methods[0]);

    private static readonly GrpcMethod<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse> ReflectV1Alpha =
        GrpcMethod<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>.For(V1Alpha.ReflectionReflection.Descriptor.Services[0].Methods[0]);

    private static CallOptions Timeout10 => new CallOptions().WithTimeout(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Health_check_whole_server_and_services()
    {
        var all = await fixture.Channel.UnaryAsync(Check, new HealthCheckRequest { Service = "" }, Timeout10);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, all.Status);
        var service = await fixture.Channel.UnaryAsync(Check, new HealthCheckRequest { Service = "platform.test.TestService" }, Timeout10);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, service.Status);
    }

    [Fact]
    public async Task Health_list_returns_all_statuses()
    {
        var list = GrpcMethod<HealthListRequest, HealthListResponse>.For(HealthService.Descriptor.FindMethodByName("List"));
        var response = await fixture.Channel.UnaryAsync(list, new HealthListRequest(), Timeout10);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Statuses[""].Status);
        Assert.True(response.Statuses.ContainsKey("platform.test.TestService"));
    }

    [Fact]
    public async Task Health_check_unknown_service_is_not_found()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryAsync(Check, new HealthCheckRequest { Service = "no.Such" }, Timeout10));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Health_watch_follows_readiness_checks()
    {
        using var call = fixture.Channel.ServerStreaming(Watch, new HealthCheckRequest { Service = "" }, Timeout10);
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, call.ResponseStream.Current.Status);
        try
        {
            fixture.Readiness.Healthy = false;
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, call.ResponseStream.Current.Status);
            var check = await fixture.Channel.UnaryAsync(Check, new HealthCheckRequest(), Timeout10);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, check.Status);
        }
        finally
        {
            fixture.Readiness.Healthy = true;
        }
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, call.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task Health_watch_unknown_service_does_not_end()
    {
        using var call = fixture.Channel.ServerStreaming(Watch, new HealthCheckRequest { Service = "later.Service" }, Timeout10);
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.ServiceUnknown, call.ResponseStream.Current.Status);
        var manager = fixture.Services.GetRequiredService<HealthStatusManager>();
        manager.SetStatus("later.Service", HealthCheckResponse.Types.ServingStatus.Serving);
        try
        {
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, call.ResponseStream.Current.Status);
        }
        finally
        {
            manager.ClearStatus("later.Service");
        }
    }

    [Fact]
    public async Task Reflection_v1_list_services_and_file_containing_symbol()
    {
        using var call = fixture.Channel.DuplexStreaming(ReflectV1, Timeout10);
        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { Host = "h", ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext());
        var list = call.ResponseStream.Current;
        Assert.Equal("h", list.ValidHost);
        Assert.Equal(V1.ServerReflectionRequest.MessageRequestOneofCase.ListServices, list.OriginalRequest.MessageRequestCase);
        var names = list.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("platform.test.TestService", names);
        Assert.Contains("grpc.health.v1.Health", names);
        Assert.Contains("grpc.reflection.v1.ServerReflection", names);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", names);

        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { FileContainingSymbol = "platform.test.TestService" });
        Assert.True(await call.ResponseStream.MoveNext());
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(b => FileDescriptorProto.Parser.ParseFrom(b)).ToList();
        Assert.Equal("platform/test/test_service.proto", files[0].Name);
        Assert.Contains(files, f => f.Name == "google/protobuf/empty.proto");

        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { FileContainingSymbol = "platform.test.EchoRequest" });
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal("platform/test/test_service.proto", FileDescriptorProto.Parser.ParseFrom(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto[0]).Name);

        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { FileByFilename = "google/protobuf/empty.proto" });
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal("google/protobuf/empty.proto", FileDescriptorProto.Parser.ParseFrom(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto[0]).Name);

        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { FileContainingSymbol = "no.such.Symbol" });
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal((int)StatusCode.NotFound, call.ResponseStream.Current.ErrorResponse.ErrorCode);

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
    }

    [Fact]
    public async Task Reflection_v1alpha_list_services()
    {
        using var call = fixture.Channel.DuplexStreaming(ReflectV1Alpha, Timeout10);
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { ListServices = "*" });
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Contains(call.ResponseStream.Current.ListServicesResponse.Service, s => s.Name == "platform.test.TestService");
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.Health" });
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal("grpc/health/v1/health.proto", FileDescriptorProto.Parser.ParseFrom(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto[0]).Name);
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
    }
}
