using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1;

namespace Gateway.Tests;

/// <summary>
/// Server reflection on the gateway's gRPC port describes the whole public API (gateway/Gateway/Proxy/ApiReflection.cs):
/// grpcurl or Postman pointed at the gateway alone sees every platform service and can build their messages.
/// </summary>
public sealed class ReflectionTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task The_listing_names_the_four_platform_services_and_health()
    {
        var response = await AskAsync(new ServerReflectionRequest { ListServices = "" });

        var names = response.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("platform.catalogue.v1.CatalogueService", names);
        Assert.Contains("platform.labour.v1.LabourMarket", names);
        Assert.Contains("platform.zones.v1.Zones", names);
        Assert.Contains("platform.reporting.v1.ReportingService", names);
        Assert.Contains("grpc.health.v1.Health", names);
    }

    [Fact]
    public async Task The_file_of_a_platform_symbol_resolves_with_its_dependencies()
    {
        var response = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = "platform.zones.v1.Zones" });
        var files = Protos(response);
        var zones = Assert.Single(files, f => f.Name == "platform/zones/v1/zones.proto");
        Assert.Equal("platform.zones.v1", zones.Package);
        var service = Assert.Single(zones.Service, s => s.Name == "Zones");
        var export = Assert.Single(service.Method, m => m.Name == "ExportZoneHistory");
        Assert.Equal(".platform.zones.v1.ExportZoneHistoryRequest", export.InputType);
        Assert.True(export.ServerStreaming);

        // Every import is served by file name too, so a client can build the descriptors from nothing.
        var all = files.Concat(await DependenciesAsync(zones)).DistinctBy(f => f.Name).ToList();
        var built = FileDescriptor.BuildFromByteStrings(Order(all).Select(f => f.ToByteString()));
        var method = built.Single(f => f.Name == zones.Name).Services.Single(s => s.Name == "Zones")
            .Methods.Single(m => m.Name == "GetSummary");
        Assert.Equal("platform.zones.v1.GetSummaryResponse", method.OutputType.FullName);
    }

    [Fact]
    public async Task An_unknown_symbol_is_an_error_answer_not_a_broken_stream()
    {
        var response = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = "platform.nothing.v1.Nowhere" });
        Assert.Equal((int)StatusCode.NotFound, response.ErrorResponse.ErrorCode);
    }

    private async Task<ServerReflectionResponse> AskAsync(ServerReflectionRequest request)
    {
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.GrpcAddress);
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo(deadline: DateTime.UtcNow.AddSeconds(20));
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "reflection answered nothing");
        return call.ResponseStream.Current;
    }

    private static List<FileDescriptorProto> Protos(ServerReflectionResponse response) =>
        response.FileDescriptorResponse.FileDescriptorProto.Select(FileDescriptorProto.Parser.ParseFrom).ToList();

    private async Task<List<FileDescriptorProto>> DependenciesAsync(FileDescriptorProto file)
    {
        var found = new List<FileDescriptorProto>();
        foreach (var dependency in file.Dependency)
        {
            var served = Protos(await AskAsync(new ServerReflectionRequest { FileByFilename = dependency }));
            Assert.Contains(served, s => s.Name == dependency);
            found.AddRange(served);
            foreach (var inner in served.Where(s => s.Name == dependency)) found.AddRange(await DependenciesAsync(inner));
        }
        return found;
    }

    /// <summary>Dependencies before the files that import them, as BuildFromByteStrings requires.</summary>
    private static IEnumerable<FileDescriptorProto> Order(List<FileDescriptorProto> files)
    {
        var byName = files.ToDictionary(f => f.Name);
        var done = new HashSet<string>();
        var ordered = new List<FileDescriptorProto>();
        void Visit(FileDescriptorProto f)
        {
            if (!done.Add(f.Name)) return;
            foreach (var d in f.Dependency) if (byName.TryGetValue(d, out var dep)) Visit(dep);
            ordered.Add(f);
        }
        foreach (var f in files) Visit(f);
        return ordered;
    }
}
