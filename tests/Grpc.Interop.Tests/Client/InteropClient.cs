using Google.Protobuf;
using Grpc.Testing;
using Platform.Grpc;
using Platform.Grpc.Client;
using Xunit.Sdk;

namespace Grpc.Interop.Tests.Client;

/// <summary>What the client may expect of the server it talks to (peers have library limits).</summary>
public sealed record ServerTraits
{
    /// <summary>Our server and grpc-js: refuse an uncompressed request with expect_compressed. grpcio cannot see compression.</summary>
    public bool ChecksRequestCompression { get; init; } = true;

    /// <summary>Whether the server can compress responses at all (grpc-js cannot).</summary>
    public bool CompressesResponses { get; init; } = true;

    public static readonly ServerTraits Ours = new();
    public static readonly ServerTraits Python = new() { ChecksRequestCompression = false };
    public static readonly ServerTraits Node = new() { CompressesResponses = false };
}

/// <summary>
/// The interop client cases of grpc/grpc doc/interop-test-descriptions.md on the Platform.Grpc
/// client API. Each case throws <see cref="XunitException"/> (or the transport's
/// <see cref="RpcException"/>) on failure.
/// </summary>
public sealed class InteropClient : IDisposable
{
    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";
    private const string InitialValue = "test_initial_metadata_value";
    private static readonly byte[] TrailingValue = [0xab, 0xab, 0xab];
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private static readonly Google.Protobuf.Reflection.ServiceDescriptor TestService = TestReflection.Descriptor.Services[0];
    private static readonly GrpcMethod<Empty, Empty> EmptyCallMethod = Method<Empty, Empty>("EmptyCall");
    private static readonly GrpcMethod<SimpleRequest, SimpleResponse> UnaryCallMethod = Method<SimpleRequest, SimpleResponse>("UnaryCall");
    private static readonly GrpcMethod<StreamingOutputCallRequest, StreamingOutputCallResponse> StreamingOutputCallMethod = Method<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall");
    private static readonly GrpcMethod<StreamingInputCallRequest, StreamingInputCallResponse> StreamingInputCallMethod = Method<StreamingInputCallRequest, StreamingInputCallResponse>("StreamingInputCall");
    private static readonly GrpcMethod<StreamingOutputCallRequest, StreamingOutputCallResponse> FullDuplexCallMethod = Method<StreamingOutputCallRequest, StreamingOutputCallResponse>("FullDuplexCall");
    private static readonly GrpcMethod<Empty, Empty> UnimplementedCallMethod = Method<Empty, Empty>("UnimplementedCall");
    private static readonly GrpcMethod<Empty, Empty> UnimplementedServiceCallMethod =
        GrpcMethod<Empty, Empty>.For(TestReflection.Descriptor.Services[1].FindMethodByName("UnimplementedCall"));

    private readonly GrpcChannel _channel;
    private readonly ServerTraits _server;

    public InteropClient(string host, int port, ServerTraits server)
    {
        _server = server;
        Wire = new WireObserver(GrpcChannel.CreateSharedHandler());
        _channel = GrpcChannel.ForAddress($"http://{host}:{port}", new GrpcChannelOptions { HttpHandler = Wire, DisposeHttpHandler = true });
    }

    /// <summary>The framing seen below the client, for the compression cases.</summary>
    public WireObserver Wire { get; }

    public static async Task RunAsync(string host, int port, string testCase, ServerTraits server)
    {
        using var client = new InteropClient(host, port, server);
        await client.RunAsync(testCase).WaitAsync(TimeSpan.FromSeconds(60));
    }

    public Task RunAsync(string testCase) => testCase switch
    {
        "empty_unary" => EmptyUnary(),
        "large_unary" => LargeUnary(),
        "client_streaming" => ClientStreaming(),
        "server_streaming" => ServerStreaming(),
        "ping_pong" => PingPong(),
        "empty_stream" => EmptyStream(),
        "custom_metadata" => CustomMetadata(),
        "status_code_and_message" => StatusCodeAndMessage(),
        "special_status_message" => SpecialStatusMessage(),
        "unimplemented_method" => UnimplementedMethod(),
        "unimplemented_service" => UnimplementedService(),
        "cancel_after_begin" => CancelAfterBegin(),
        "cancel_after_first_response" => CancelAfterFirstResponse(),
        "timeout_on_sleeping_server" => TimeoutOnSleepingServer(),
        "client_compressed_unary" => ClientCompressedUnary(),
        "server_compressed_unary" => ServerCompressedUnary(),
        "client_compressed_streaming" => ClientCompressedStreaming(),
        "server_compressed_streaming" => ServerCompressedStreaming(),
        "binary_metadata_padding" => BinaryMetadataPadding(),
        "status_after_messages" => StatusAfterMessages(),
        _ => throw new ArgumentException($"Unknown test case {testCase}.", nameof(testCase)),
    };

    public void Dispose() => _channel.Dispose();

    private static GrpcMethod<TRequest, TResponse> Method<TRequest, TResponse>(string name)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        GrpcMethod<TRequest, TResponse>.For(TestService.FindMethodByName(name));

    private static CallOptions Options(Metadata? headers = null, string? compression = null) =>
        new CallOptions(headers, DateTime.UtcNow + CallTimeout) with { Compression = compression };

    private static Payload Zeros(int size) => new() { Type = PayloadType.Compressable, Body = ByteString.CopyFrom(new byte[size]) };

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new XunitException(message);
        }
    }

    private static void CheckPayload(Payload? payload, int size, string what = "response")
    {
        var body = payload?.Body ?? ByteString.Empty;
        Check(body.Length == size, $"{what} payload is {body.Length} bytes, expected {size}");
        Check(body.Span.IndexOfAnyExcept((byte)0) < 0, $"{what} payload is not all zeros");
    }

    private static async Task<RpcException> ExpectStatus(Func<Task> call, StatusCode code, string? message = null)
    {
        try
        {
            await call();
        }
        catch (RpcException ex)
        {
            Check(ex.StatusCode == code, $"expected status {code}, got {ex.StatusCode} ({ex.Status.Detail})");
            if (message is not null)
            {
                Check(ex.Status.Detail == message, $"expected status message {Quote(message)}, got {Quote(ex.Status.Detail)}");
            }
            return ex;
        }
        throw new XunitException($"expected status {code}, but the call succeeded");
    }

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private async Task EmptyUnary()
    {
        var response = await _channel.UnaryAsync(EmptyCallMethod, new Empty(), Options());
        Check(response is not null, "response is null");
    }

    private async Task LargeUnary()
    {
        var response = await _channel.UnaryAsync(UnaryCallMethod, new SimpleRequest { ResponseType = PayloadType.Compressable, ResponseSize = 314159, Payload = Zeros(271828) }, Options());
        CheckPayload(response.Payload, 314159);
    }

    private async Task ClientStreaming()
    {
        using var call = _channel.ClientStreaming(StreamingInputCallMethod, Options());
        foreach (var size in new[] { 27182, 8, 1828, 45904 })
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(size) });
        }
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        Check(response.AggregatedPayloadSize == 74922, $"aggregated_payload_size {response.AggregatedPayloadSize}, expected 74922");
    }

    private async Task ServerStreaming()
    {
        int[] sizes = [31415, 9, 2653, 58979];
        var request = new StreamingOutputCallRequest { ResponseType = PayloadType.Compressable };
        request.ResponseParameters.AddRange(sizes.Select(s => new ResponseParameters { Size = s }));
        using var call = _channel.ServerStreaming(StreamingOutputCallMethod, request, Options());
        var responses = await ReadAll(call.ResponseStream);
        Check(responses.Count == 4, $"got {responses.Count} responses, expected 4");
        for (var i = 0; i < sizes.Length; i++)
        {
            CheckPayload(responses[i].Payload, sizes[i]);
        }
        Check(call.GetStatus().StatusCode == StatusCode.OK, $"status {call.GetStatus()}");
    }

    private async Task PingPong()
    {
        (int Response, int Payload)[] sizes = [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)];
        using var call = _channel.DuplexStreaming(FullDuplexCallMethod, Options());
        foreach (var (responseSize, payloadSize) in sizes)
        {
            var request = new StreamingOutputCallRequest { Payload = Zeros(payloadSize) };
            request.ResponseParameters.Add(new ResponseParameters { Size = responseSize });
            await call.RequestStream.WriteAsync(request);
            Check(await call.ResponseStream.MoveNext(), "the response stream ended early");
            CheckPayload(call.ResponseStream.Current.Payload, responseSize);
        }
        await call.RequestStream.CompleteAsync();
        Check(!await call.ResponseStream.MoveNext(), "got more than 4 responses");
        Check(call.GetStatus().StatusCode == StatusCode.OK, $"status {call.GetStatus()}");
    }

    private async Task EmptyStream()
    {
        using var call = _channel.DuplexStreaming(FullDuplexCallMethod, Options());
        await call.RequestStream.CompleteAsync();
        var responses = await ReadAll(call.ResponseStream);
        Check(responses.Count == 0, $"got {responses.Count} responses, expected none");
        Check(call.GetStatus().StatusCode == StatusCode.OK, $"status {call.GetStatus()}");
    }

    private async Task CustomMetadata()
    {
        static Metadata Headers() => new Metadata().Add(EchoInitialKey, InitialValue).Add(EchoTrailingKey, TrailingValue);
        static void CheckEcho(Metadata headers, Metadata trailers, string what)
        {
            Check(headers.GetValue(EchoInitialKey) == InitialValue, $"{what}: response headers [{string.Join(", ", headers)}] lack {EchoInitialKey}={InitialValue}");
            var trailing = trailers.GetValueBytes(EchoTrailingKey);
            Check(trailing is not null && trailing.AsSpan().SequenceEqual(TrailingValue),
                $"{what}: trailers [{string.Join(", ", trailers)}] lack {EchoTrailingKey}=0xababab");
        }

        using (var unary = _channel.Unary(UnaryCallMethod, new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) }, Options(Headers())))
        {
            var response = await unary.ResponseAsync;
            CheckPayload(response.Payload, 314159);
            CheckEcho(await unary.ResponseHeadersAsync, unary.GetTrailers(), "UnaryCall");
        }

        using var duplex = _channel.DuplexStreaming(FullDuplexCallMethod, Options(Headers()));
        var request = new StreamingOutputCallRequest { Payload = Zeros(271828) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 314159 });
        await duplex.RequestStream.WriteAsync(request);
        await duplex.RequestStream.CompleteAsync();
        var responses = await ReadAll(duplex.ResponseStream);
        Check(responses.Count == 1, $"FullDuplexCall: got {responses.Count} responses");
        CheckPayload(responses[0].Payload, 314159);
        CheckEcho(await duplex.ResponseHeadersAsync, duplex.GetTrailers(), "FullDuplexCall");
    }

    private async Task StatusEcho(string message, bool duplex)
    {
        var status = new EchoStatus { Code = 2, Message = message };
        await ExpectStatus(() => _channel.UnaryAsync(UnaryCallMethod, new SimpleRequest { ResponseStatus = status }, Options()), StatusCode.Unknown, message);
        if (duplex)
        {
            await ExpectStatus(async () =>
            {
                using var call = _channel.DuplexStreaming(FullDuplexCallMethod, Options());
                await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = status });
                await call.RequestStream.CompleteAsync();
                await ReadAll(call.ResponseStream);
            }, StatusCode.Unknown, message);
        }
    }

    private Task StatusCodeAndMessage() => StatusEcho("test status message", duplex: true);

    private Task SpecialStatusMessage() =>
        StatusEcho("\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001F608\t\n", duplex: false);

    private Task UnimplementedMethod() =>
        ExpectStatus(() => _channel.UnaryAsync(UnimplementedCallMethod, new Empty(), Options()), StatusCode.Unimplemented);

    private Task UnimplementedService() =>
        ExpectStatus(() => _channel.UnaryAsync(UnimplementedServiceCallMethod, new Empty(), Options()), StatusCode.Unimplemented);

    private async Task CancelAfterBegin()
    {
        using var cts = new CancellationTokenSource();
        using var call = _channel.ClientStreaming(StreamingInputCallMethod, new CallOptions(cancellationToken: cts.Token));
        await cts.CancelAsync();
        await ExpectStatus(() => call.ResponseAsync, StatusCode.Cancelled);
    }

    private async Task CancelAfterFirstResponse()
    {
        using var cts = new CancellationTokenSource();
        using var call = _channel.DuplexStreaming(FullDuplexCallMethod, new CallOptions(cancellationToken: cts.Token));
        var request = new StreamingOutputCallRequest { Payload = Zeros(27182) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415 });
        await call.RequestStream.WriteAsync(request);
        Check(await call.ResponseStream.MoveNext(), "no first response");
        CheckPayload(call.ResponseStream.Current.Payload, 31415);
        await cts.CancelAsync();
        await ExpectStatus(() => call.ResponseStream.MoveNext(), StatusCode.Cancelled);
    }

    private async Task TimeoutOnSleepingServer()
    {
        using var call = _channel.DuplexStreaming(FullDuplexCallMethod, new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(1)));
        await ExpectStatus(async () =>
        {
            try
            {
                await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Zeros(27182) });
            }
            catch (RpcException)
            {
                // The deadline may pass before the write; the status comes from the read below.
            }
            await call.ResponseStream.MoveNext();
        }, StatusCode.DeadlineExceeded);
    }

    private async Task Probe(Func<Task> call)
    {
        if (_server.ChecksRequestCompression)
        {
            await ExpectStatus(call, StatusCode.InvalidArgument);
            return;
        }
        try
        {
            await call();
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
        }
    }

    private async Task ClientCompressedUnary()
    {
        static SimpleRequest Request(bool expect) => new() { ExpectCompressed = new BoolValue { Value = expect }, ResponseSize = 314159, Payload = Zeros(271828) };
        await Probe(() => _channel.UnaryAsync(UnaryCallMethod, Request(true), Options()));
        var compressed = await _channel.UnaryAsync(UnaryCallMethod, Request(true), Options(compression: "gzip"));
        CheckPayload(compressed.Payload, 314159);
        var calls = Wire.Calls;
        Check(calls[^1].RequestEncoding == "gzip", $"the compressed call was sent with grpc-encoding {calls[^1].RequestEncoding ?? "(none)"}");
        var plain = await _channel.UnaryAsync(UnaryCallMethod, Request(false), Options());
        CheckPayload(plain.Payload, 314159);
    }

    private async Task ServerCompressedUnary()
    {
        foreach (var compressed in new[] { true, false })
        {
            var response = await _channel.UnaryAsync(UnaryCallMethod,
                new SimpleRequest { ResponseCompressed = new BoolValue { Value = compressed }, ResponseSize = 314159, Payload = Zeros(271828) }, Options());
            CheckPayload(response.Payload, 314159);
            var flags = Wire.Calls[^1].ResponseCompressedFlags;
            Check(flags.Count == 1, $"saw {flags.Count} response messages on the wire, expected 1");
            var expected = compressed && _server.CompressesResponses;
            Check(flags[0] == expected, $"response_compressed={compressed}: the response's compressed flag is {(flags[0] ? 1 : 0)}, expected {(expected ? 1 : 0)}");
        }
    }

    private async Task ClientCompressedStreaming()
    {
        await Probe(async () =>
        {
            using var probe = _channel.ClientStreaming(StreamingInputCallMethod, Options());
            await probe.RequestStream.WriteAsync(new StreamingInputCallRequest { ExpectCompressed = new BoolValue { Value = true }, Payload = Zeros(27182) });
            await probe.RequestStream.CompleteAsync();
            await probe.ResponseAsync;
        });
        // Platform.Grpc compresses per call (no per-message opt-out), so the second message,
        // which does not ask for compression, goes compressed too.
        using var call = _channel.ClientStreaming(StreamingInputCallMethod, Options(compression: "gzip"));
        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { ExpectCompressed = new BoolValue { Value = true }, Payload = Zeros(27182) });
        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { ExpectCompressed = new BoolValue { Value = false }, Payload = Zeros(45904) });
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        Check(response.AggregatedPayloadSize == 73086, $"aggregated_payload_size {response.AggregatedPayloadSize}, expected 73086");
    }

    private async Task ServerCompressedStreaming()
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.Add(new ResponseParameters { Compressed = new BoolValue { Value = true }, Size = 31415 });
        request.ResponseParameters.Add(new ResponseParameters { Compressed = new BoolValue { Value = false }, Size = 92653 });
        using var call = _channel.ServerStreaming(StreamingOutputCallMethod, request, Options());
        var responses = await ReadAll(call.ResponseStream);
        Check(responses.Count == 2, $"got {responses.Count} responses, expected 2");
        CheckPayload(responses[0].Payload, 31415);
        CheckPayload(responses[1].Payload, 92653);
        var flags = Wire.Calls[^1].ResponseCompressedFlags;
        Check(flags.Count == 2, $"saw {flags.Count} response messages on the wire, expected 2");
        var expectFirst = _server.CompressesResponses;
        Check(flags[0] == expectFirst && !flags[1],
            $"compressed flags on the wire are [{(flags[0] ? 1 : 0)}, {(flags[1] ? 1 : 0)}], expected [{(expectFirst ? 1 : 0)}, 0]");
    }

    // Extra cases, beyond doc/interop-test-descriptions.md.

    /// <summary>-bin values of 1, 2 and 4 bytes echoed back as trailers.</summary>
    private async Task BinaryMetadataPadding()
    {
        foreach (var value in new byte[][] { [0xab], [0xab, 0xcd], [0x00, 0x01, 0x02, 0xff] })
        {
            using var call = _channel.Unary(UnaryCallMethod, new SimpleRequest(), Options(new Metadata().Add(EchoTrailingKey, value)));
            await call.ResponseAsync;
            var echoed = call.GetTrailers().GetValueBytes(EchoTrailingKey);
            Check(echoed is not null && echoed.AsSpan().SequenceEqual(value),
                $"sent {Convert.ToHexString(value)}, the trailer echoed {(echoed is null ? "nothing" : Convert.ToHexString(echoed))}");
        }
    }

    /// <summary>A server-streaming call that sends two messages, then ends with an error status in trailers.</summary>
    private async Task StatusAfterMessages()
    {
        var request = new StreamingOutputCallRequest { ResponseStatus = new EchoStatus { Code = 9, Message = "failed after messages" } };
        request.ResponseParameters.Add(new ResponseParameters { Size = 10 });
        request.ResponseParameters.Add(new ResponseParameters { Size = 10 });
        using var call = _channel.ServerStreaming(StreamingOutputCallMethod, request, Options());
        var received = 0;
        await ExpectStatus(async () =>
        {
            while (await call.ResponseStream.MoveNext())
            {
                received++;
            }
        }, StatusCode.FailedPrecondition, "failed after messages");
        Check(received == 2, $"got {received} messages before the status, expected 2");
    }

    private static async Task<List<T>> ReadAll<T>(IAsyncStreamReader<T> stream)
    {
        var list = new List<T>();
        while (await stream.MoveNext())
        {
            list.Add(stream.Current);
        }
        return list;
    }
}
