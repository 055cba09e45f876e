using System.Text;
using Google.Protobuf;
using Platform.Grpc.Client;
using Platform.Grpc.Tests.Infrastructure;
using Platform.Grpc.Tests.Proto;

namespace Platform.Grpc.Tests;

[Collection(GrpcServerCollection.Name)]
public sealed class ClientServerTests(GrpcServerFixture fixture)
{
    private GrpcChannel Channel => fixture.Channel;

    private static CallOptions Timeout10 => new CallOptions().WithTimeout(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Unary_echoes()
    {
        var before = Volatile.Read(ref CountingInterceptor.UnaryCalls);
        var response = await Channel.UnaryAsync(Methods.Echo, new EchoRequest { Message = "hello" });
        Assert.Equal("hello", response.Message);
        Assert.Equal("/platform.test.TestService/Echo", response.Info["method"]);
        Assert.StartsWith("ipv4:127.0.0.1:", response.Info["peer"], StringComparison.Ordinal);
        Assert.Equal("False", response.Info["has-deadline"]);
        Assert.Equal("False", response.Info["request-compressed"]);
        Assert.True(Volatile.Read(ref CountingInterceptor.UnaryCalls) > before);
    }

    [Fact]
    public async Task Unary_with_method_descriptor_and_deadline()
    {
        var response = await Channel.UnaryAsync<EchoRequest, EchoResponse>(
            TestServiceImpl.Descriptor.FindMethodByName("Echo"), new EchoRequest { Message = "d" }, Timeout10);
        Assert.Equal("True", response.Info["has-deadline"]);
    }

    [Fact]
    public async Task Empty_messages_round_trip()
    {
        var response = await Channel.UnaryAsync(Methods.Ping, new Google.Protobuf.WellKnownTypes.Empty());
        Assert.NotNull(response);
    }

    [Fact]
    public async Task Server_streaming_returns_all_messages()
    {
        using var call = Channel.ServerStreaming(Methods.ServerStream, new EchoRequest { Message = "s", Count = 5 }, Timeout10);
        var indexes = new List<int>();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            indexes.Add(message.Index);
        }
        Assert.Equal([0, 1, 2, 3, 4], indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Server_streaming_messages_of_varying_size_arrive_intact()
    {
        var count = TestServiceImpl.StreamSizes.Length * 2;
        using var call = Channel.ServerStreaming(Methods.ServerStream, new EchoRequest { Mode = "sizes", Count = count }, Timeout10);
        var i = 0;
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(i, message.Index);
            Assert.Equal(TestServiceImpl.StreamSizes[i % TestServiceImpl.StreamSizes.Length], message.Payload.Length);
            Assert.All(message.Payload.ToByteArray(), b => Assert.Equal((byte)(i + 1), b));
            i++;
        }
        Assert.Equal(count, i);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Server_stream_refuses_a_write_while_the_previous_one_waits()
    {
        using var call = Channel.ServerStreaming(Methods.ServerStream, new EchoRequest { Mode = "overlap" }, Timeout10);
        var messages = new List<EchoResponse>();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            messages.Add(message);
        }
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal("refused", call.GetTrailers().GetValue("x-overlap"));
        var only = Assert.Single(messages);
        Assert.Equal(1 << 20, only.Payload.Length);
    }

    [Theory]
    [InlineData(32 * 1024)] // framed in the stream's own buffer, one write-and-flush
    [InlineData(200 * 1024)] // framed straight into the response body, then flushed
    public async Task Server_write_blocked_by_flow_control_ends_when_the_client_cancels(int size)
    {
        TestServiceImpl.ServerSawCancellation = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = Channel.ServerStreaming(Methods.ServerStream, new EchoRequest { Mode = "flood", ResponseSize = size });
        Assert.True(await call.ResponseStream.MoveNext());
        // Stop reading: the server's writes soon wait on the flow-control window, then cancel.
        await Task.Delay(300);
        call.Dispose();
        Assert.Equal("cancel", await TestServiceImpl.ServerSawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await Methods.AssertServesAsync(Channel);
    }

    [Fact]
    public async Task Server_streaming_error_after_messages_is_reported_in_trailers()
    {
        using var call = Channel.ServerStreaming(Methods.ServerStream, new EchoRequest { Count = 2, Mode = "error-after", Code = (int)StatusCode.Aborted }, Timeout10);
        var received = 0;
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
                received++;
            }
        });
        Assert.Equal(2, received);
        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.Equal("failed after messages", ex.Status.Detail);
    }

    [Fact]
    public async Task Client_streaming_aggregates()
    {
        using var call = Channel.ClientStreaming(Methods.ClientStream, Timeout10);
        for (var i = 0; i < 10; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        await call.RequestStream.CompleteAsync();
        var response = await call;
        Assert.Equal(10, response.Index);
        Assert.Equal("0123456789", response.Message);
    }

    [Fact]
    public async Task Client_streaming_with_no_messages()
    {
        using var call = Channel.ClientStreaming(Methods.ClientStream, Timeout10);
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        Assert.Equal(0, response.Index);
    }

    [Fact]
    public async Task Duplex_ping_pong()
    {
        using var call = Channel.DuplexStreaming(Methods.Duplex, Timeout10);
        for (var i = 0; i < 5; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = "m" + i });
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal("m" + i, call.ResponseStream.Current.Message);
            Assert.Equal(i, call.ResponseStream.Current.Index);
        }
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Duplex_error_from_server()
    {
        using var call = Channel.DuplexStreaming(Methods.Duplex, Timeout10);
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "a" });
        Assert.True(await call.ResponseStream.MoveNext());
        await call.RequestStream.WriteAsync(new EchoRequest { Mode = "error", Code = (int)StatusCode.FailedPrecondition, Message = "nope" });
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("nope", ex.Status.Detail);
    }

    [Fact]
    public async Task Server_status_is_not_hidden_by_writes_after_the_server_ended()
    {
        using var call = Channel.DuplexStreaming(Methods.Duplex, Timeout10);
        await call.RequestStream.WriteAsync(new EchoRequest { Mode = "error", Code = (int)StatusCode.InvalidArgument, Message = "first message rejected" });
        for (var i = 0; i < 50; i++)
        {
            try
            {
                await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[10_000]) });
            }
            catch (RpcException ex)
            {
                Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
                break;
            }
        }
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("first message rejected", error.Status.Detail);
    }

    [Fact]
    public async Task Metadata_ascii_and_binary_round_trip_both_ways()
    {
        var binary = new byte[] { 0, 1, 2, 250, 255, 7 };
        var headers = new Metadata().Add("x-text", "value 1").Add("x-data-bin", binary);
        using var call = Channel.Unary(Methods.Echo, new EchoRequest { Message = "meta" }, Timeout10 with { Headers = headers });
        var response = await call.ResponseAsync;
        Assert.Equal("meta", response.Message);
        var responseHeaders = await call.ResponseHeadersAsync;
        Assert.Equal("value 1", responseHeaders.GetValue("x-text"));
        Assert.Equal(binary, responseHeaders.GetValueBytes("x-data-bin"));
        var trailers = call.GetTrailers();
        Assert.Equal("value 1", trailers.GetValue("x-trailer-text"));
        Assert.Equal(binary, trailers.GetValueBytes("x-trailer-data-bin"));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Status_with_non_ascii_message()
    {
        const string message = "Zażółć gęślą jaźń – 100% \"ok\"\n✓";
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(Methods.Echo, new EchoRequest { Mode = "error", Code = (int)StatusCode.NotFound, Message = message }, Timeout10));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Equal(message, ex.Status.Detail);
        Assert.Contains(fixture.Logs.Entries, e => e.Message.Contains("platform.test.TestService/Echo failed with NotFound", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_set_on_context_without_exception()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(Methods.Echo, new EchoRequest { Mode = "status", Code = (int)StatusCode.AlreadyExists, Message = "exists" }, Timeout10));
        Assert.Equal(StatusCode.AlreadyExists, ex.StatusCode);
        Assert.Equal("exists", ex.Status.Detail);
    }

    [Fact]
    public async Task Field_violations_round_trip()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(Methods.Echo, new EchoRequest { Mode = "violations" }, Timeout10));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("Request is invalid", ex.Status.Detail);
        Assert.NotNull(ex.Details);
        Assert.Equal((int)StatusCode.InvalidArgument, ex.Details!.Code);
        var violations = ex.FieldViolations;
        Assert.Equal(2, violations.Count);
        Assert.Equal("name", violations[0].Field);
        Assert.Equal("must not be empty", violations[0].Description);
        Assert.Equal("year", violations[1].Field);
    }

    [Fact]
    public async Task Deadline_exceeded_when_server_sleeps()
    {
        var started = DateTime.UtcNow;
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(Methods.Echo, new EchoRequest { Mode = "sleep", DelayMs = 10_000 }, new CallOptions().WithTimeout(TimeSpan.FromMilliseconds(300))));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        await Methods.AssertServesAsync(Channel);
    }

    [Fact]
    public async Task Deadline_exceeded_when_handler_ignores_cancellation()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(Methods.Echo, new EchoRequest { Mode = "sleep-ignore", DelayMs = 1500 }, new CallOptions().WithTimeout(TimeSpan.FromMilliseconds(300))));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        await Methods.AssertServesAsync(Channel);
    }

    [Fact]
    public async Task Deadline_exceeded_on_server_streaming()
    {
        using var call = Channel.ServerStreaming(Methods.ServerStream, new EchoRequest { Count = 100, DelayMs = 100 }, new CallOptions().WithTimeout(TimeSpan.FromMilliseconds(400)));
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        });
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        await Methods.AssertServesAsync(Channel);
    }

    [Fact]
    public async Task Client_cancel_resets_the_call()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(Methods.Echo, new EchoRequest { Mode = "sleep", DelayMs = 10_000 }, new CallOptions { CancellationToken = cts.Token }));
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await Methods.AssertServesAsync(Channel);
    }

    [Fact]
    public async Task Server_handler_observes_client_cancel_and_deadline()
    {
        TestServiceImpl.ServerSawCancellation = new(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(Methods.Echo, new EchoRequest { Mode = "sleep-observe", DelayMs = 20_000 }, new CallOptions { CancellationToken = cts.Token }));
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        Assert.Equal("cancel", await TestServiceImpl.ServerSawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        TestServiceImpl.ServerSawCancellation = new(TaskCreationOptions.RunContinuationsAsynchronously);
        ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(Methods.Echo, new EchoRequest { Mode = "sleep-observe", DelayMs = 20_000 }, new CallOptions().WithTimeout(TimeSpan.FromMilliseconds(300))));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        // The server's own timer or the client's reset at its (slightly earlier) deadline: either way the handler is cancelled.
        Assert.Contains(await TestServiceImpl.ServerSawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(10)), new[] { "deadline", "cancel" });
    }

    [Fact]
    public async Task Client_cancel_of_a_stream_by_dispose()
    {
        var call = Channel.ServerStreaming(Methods.ServerStream, new EchoRequest { Count = 1000, DelayMs = 50 });
        Assert.True(await call.ResponseStream.MoveNext());
        call.Dispose();
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => call.ResponseStream.MoveNext());
        Assert.True(ex is RpcException { StatusCode: StatusCode.Cancelled } or OperationCanceledException or ObjectDisposedException, ex.ToString());
        await Methods.AssertServesAsync(Channel);
    }

    [Fact]
    public async Task Gzip_request_compression()
    {
        var payload = ByteString.CopyFrom(Encoding.UTF8.GetBytes(new string('a', 100_000)));
        var response = await Channel.UnaryAsync(Methods.Echo, new EchoRequest { Payload = payload }, Timeout10 with { Compression = "gzip" });
        Assert.Equal("gzip", response.Info["grpc-encoding"]);
        Assert.Equal("True", response.Info["request-compressed"]);
        Assert.Equal("100000", response.Info["payload-length"]);
    }

    [Fact]
    public async Task Deflate_request_compression_on_client_stream()
    {
        using var channel = fixture.CreateChannel(o => o.RequestCompression = "deflate");
        using var call = channel.ClientStreaming(Methods.ClientStream, Timeout10);
        for (var i = 0; i < 3; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[10_000]) });
        }
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        Assert.Equal("deflate", response.Info["grpc-encoding"]);
        Assert.Equal("30000", response.Info["payload-length"]);
    }

    [Fact]
    public async Task Gzip_response_compression_when_handler_asks()
    {
        using var call = Channel.Unary(Methods.Echo, new EchoRequest { Mode = "compress", ResponseSize = 50_000 }, Timeout10);
        var response = await call.ResponseAsync;
        Assert.Equal(50_000, response.Payload.Length);
        // The response header says gzip (read through the raw client in BadInputTests too).
    }

    [Fact]
    public async Task Unbound_method_is_unimplemented()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(Methods.Unbound, new EchoRequest(), Timeout10));
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task Unknown_service_and_method_are_unimplemented()
    {
        var raw = new RawGrpcClient(fixture.Address);
        var unknownService = await raw.SendAsync("/no.such.Service/Call", RawGrpcClient.Frame(new EchoRequest().ToByteArray()));
        Assert.Equal(200, unknownService.HttpStatus);
        Assert.True(unknownService.TrailersOnly);
        Assert.Equal(StatusCode.Unimplemented, unknownService.Status);

        var unknownMethod = await raw.SendAsync("/platform.test.TestService/NoSuchMethod", RawGrpcClient.Frame(new EchoRequest().ToByteArray()));
        Assert.Equal(200, unknownMethod.HttpStatus);
        Assert.Equal(StatusCode.Unimplemented, unknownMethod.Status);

        // A method name that a mapped service has, under a service that does not exist.
        var borrowedName = await raw.SendAsync("/no.such.Service/Echo", RawGrpcClient.Frame(new EchoRequest().ToByteArray()));
        Assert.Equal(200, borrowedName.HttpStatus);
        Assert.Equal(StatusCode.Unimplemented, borrowedName.Status);
        await Methods.AssertServesAsync(Channel);
    }

    [Fact]
    public async Task Handler_exception_is_unknown_without_leaking_text()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(Methods.Echo, new EchoRequest { Mode = "throw" }, Timeout10));
        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.DoesNotContain("secret", ex.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(fixture.Logs.Entries, e => e.Exception is InvalidOperationException { Message: "secret internal detail 42" });
    }

    [Fact]
    public async Task Response_larger_than_client_limit_is_resource_exhausted()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(Methods.Echo, new EchoRequest { ResponseSize = 5 * 1024 * 1024 }, Timeout10));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        await Methods.AssertServesAsync(Channel);
    }

    [Fact]
    public async Task Request_larger_than_server_limit_is_resource_exhausted()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(Methods.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[5 * 1024 * 1024]) }, Timeout10));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        await Methods.AssertServesAsync(Channel);
    }

    [Fact]
    public async Task Connection_refused_is_unavailable_and_retried_for_idempotent_methods()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions { Retry = new RetryPolicy { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(10) } });
        var started = DateTime.UtcNow;
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Methods.IdempotentEcho, new EchoRequest(), Timeout10));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.True(Methods.IdempotentEcho.IsIdempotent);
        Assert.False(Methods.Echo.IsIdempotent);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Many_concurrent_calls()
    {
        var tasks = Enumerable.Range(0, 200).Select(i => Channel.UnaryAsync(Methods.Echo, new EchoRequest { Message = "c" + i }, Timeout10)).ToArray();
        var responses = await Task.WhenAll(tasks);
        for (var i = 0; i < responses.Length; i++)
        {
            Assert.Equal("c" + i, responses[i].Message);
        }
    }
}
