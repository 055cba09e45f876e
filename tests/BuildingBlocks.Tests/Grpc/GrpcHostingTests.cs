using BuildingBlocks.Tests.Notes;
using BuildingBlocks.Tests.Notes.V1;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Validation;
using Platform.Testing;

namespace BuildingBlocks.Tests.Grpc;

/// <summary>
/// What every platform host does with gRPC (Grpc.AspNetCore wired by ServiceDefaults), seen from a client:
/// the use cases' errors as statuses with standard details, identity refusals, the NUL guard on every
/// request message, size limits, deadlines, health and reflection.
/// </summary>
public sealed class GrpcHostingTests(NotesFixture fixture) : IClassFixture<NotesFixture>
{
    private NotesApi.NotesApiClient Client => new(fixture.Host.Channel);
    private static DateTime Soon => DateTime.UtcNow.AddSeconds(30);

    private async Task<RpcException> WriteFails(string text, string unit = "", Metadata? headers = null) =>
        await Assert.ThrowsAsync<RpcException>(() => Client.WriteAsync(new WriteRequest { Text = text, Unit = unit }, headers, Soon).ResponseAsync);

    [Fact]
    public async Task Bad_input_is_invalid_argument_with_a_field_violation_in_the_protos_name()
    {
        var ex = await WriteFails("invalid");
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(ApplicationErrorInterceptor.InvalidMessage, ex.Status.Detail);
        var violation = Assert.Single(ex.FieldViolations());
        Assert.Equal("delay_ms", violation.Field);
        Assert.Equal("Pole jest wymagane.", violation.Description);
    }

    [Fact]
    public async Task Not_found_conflict_and_failures_are_mapped_and_a_failure_leaks_no_detail()
    {
        var missing = await WriteFails("missing");
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Nie znaleziono notatki.", missing.Status.Detail);

        var conflict = await WriteFails("conflict");
        Assert.Equal(StatusCode.Aborted, conflict.StatusCode);
        var info = conflict.Detail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal("VERSION_CONFLICT", info.Reason);
        Assert.Equal("7", info.Metadata["current_version"]);

        var boom = await WriteFails("boom");
        Assert.Equal(StatusCode.Unknown, boom.StatusCode);
        Assert.DoesNotContain(NotesGrpcService.SecretText, boom.Status.Detail);
    }

    [Fact]
    public async Task Writes_are_refused_to_anonymous_forged_and_foreign_callers()
    {
        var anonymous = await WriteFails("notatka", "1203");
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);

        var foreign = await WriteFails("notatka", "1203", TestIdentity.Headers(PlatformRoles.Planner, "1206"));
        Assert.Equal(StatusCode.PermissionDenied, foreign.StatusCode);
        Assert.Contains("dodać notatkę", foreign.Status.Detail);

        var forged = await WriteFails("notatka", "1203", new Metadata { { InternalIdentityToken.HeaderName, TestIdentity.Token(PlatformRoles.Admin, "") + "x" } });
        Assert.Equal(StatusCode.Unauthenticated, forged.StatusCode);
        Assert.Contains("podpisany", forged.Status.Detail);

        var own = await Client.WriteAsync(new WriteRequest { Text = "notatka", Unit = "1203" }, TestIdentity.Headers(PlatformRoles.Planner, "1203", "planista"), Soon);
        Assert.Equal("planista", own.Caller);
    }

    [Fact]
    public async Task A_NUL_character_is_refused_naming_the_field_in_unary_and_client_streamed_messages()
    {
        var unary = await WriteFails("a\0b");
        Assert.Equal(StatusCode.InvalidArgument, unary.StatusCode);
        Assert.Equal("text", Assert.Single(unary.FieldViolations()).Field);
        Assert.Equal(TextGuard.Reason, unary.FieldViolations()[0].Description);

        using var upload = Client.Upload(deadline: Soon);
        await upload.RequestStream.WriteAsync(new UploadChunk { Lines = { "pierwszy" } });
        await upload.RequestStream.WriteAsync(new UploadChunk { Lines = { "drugi", "trze\0ci" } });
        await upload.RequestStream.CompleteAsync();
        var streamed = await Assert.ThrowsAsync<RpcException>(() => upload.ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, streamed.StatusCode);
        Assert.Equal("lines[1]", Assert.Single(streamed.FieldViolations()).Field);

        using var clean = Client.Upload(deadline: Soon);
        await clean.RequestStream.WriteAsync(new UploadChunk { Lines = { "a", "b" } });
        await clean.RequestStream.CompleteAsync();
        Assert.Equal(2, (await clean).Lines);
    }

    [Fact]
    public async Task A_message_over_4_MiB_is_resource_exhausted_and_an_unknown_method_unimplemented()
    {
        var large = await WriteFails(new string('x', 5 * 1024 * 1024));
        Assert.Equal(StatusCode.ResourceExhausted, large.StatusCode);

        var unknown = new Method<WriteRequest, WriteReply>(MethodType.Unary, "platform.test.notes.v1.NotesApi", "Erase",
            Marshallers.Create(r => Google.Protobuf.MessageExtensions.ToByteArray(r), WriteRequest.Parser.ParseFrom),
            Marshallers.Create(r => Google.Protobuf.MessageExtensions.ToByteArray(r), WriteReply.Parser.ParseFrom));
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Host.Channel.CreateCallInvoker().AsyncUnaryCall(unknown, null, new CallOptions(deadline: Soon), new WriteRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Theory]
    [InlineData(0, new byte[] { 0xff, 0xff, 0xff, 0xff, 0x0f })] // not protobuf
    [InlineData(7, new byte[] { 0x0a, 0x01, 0x41 })]              // a compressed flag that does not exist
    public async Task An_unreadable_request_message_is_internal_not_a_handler_failure(byte flag, byte[] payload)
    {
        using var http = new HttpClient();
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Host.GrpcAddress, "platform.test.notes.v1.NotesApi/Write"))
        {
            Content = new ByteArrayContent(frame) { Headers = { ContentType = new("application/grpc") } },
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TE.ParseAdd("trailers");
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.Headers.Contains("grpc-status") || response.TrailingHeaders.Contains("grpc-status"), $"{response.StatusCode} {response.Headers} {response.TrailingHeaders}");
        var status = response.Headers.TryGetValues("grpc-status", out var h) ? h.Single() : response.TrailingHeaders.GetValues("grpc-status").Single();
        Assert.Equal("13", status);
    }

    [Fact]
    public async Task A_call_past_its_deadline_is_deadline_exceeded_unary_and_streaming()
    {
        var unary = await Assert.ThrowsAsync<RpcException>(() =>
            Client.WriteAsync(new WriteRequest { Text = "wolno", DelayMs = 5000 }, deadline: DateTime.UtcNow.AddMilliseconds(300)).ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, unary.StatusCode);

        using var export = Client.Export(new ExportRequest { Pages = 50, DelayMs = 100 }, deadline: DateTime.UtcNow.AddMilliseconds(700));
        var pages = 0;
        var stream = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await export.ResponseStream.MoveNext(CancellationToken.None)) pages++;
        });
        Assert.Equal(StatusCode.DeadlineExceeded, stream.StatusCode);
        Assert.InRange(pages, 1, 49); // the pages written before the deadline arrived
    }

    [Fact]
    public async Task Health_follows_readiness_and_liveness_and_reflection_lists_the_services()
    {
        var health = new Health.HealthClient(fixture.Host.Channel);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest(), deadline: Soon)).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving,
            (await health.CheckAsync(new HealthCheckRequest { Service = GrpcHostingExtensions.LivenessService }, deadline: Soon)).Status);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => health.CheckAsync(new HealthCheckRequest { Service = "nieznana" }, deadline: Soon).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        var reflection = new ServerReflection.ServerReflectionClient(fixture.Host.Channel);
        using var call = reflection.ServerReflectionInfo(deadline: Soon);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("platform.test.notes.v1.NotesApi", names);
        Assert.Contains("grpc.health.v1.Health", names);
    }
}
