using System.IO.Compression;
using System.Net;
using Google.Protobuf;
using Platform.Grpc.Tests.Infrastructure;
using Platform.Grpc.Tests.Proto;

namespace Platform.Grpc.Tests;

[Collection(GrpcServerCollection.Name)]
public sealed class BadInputTests(GrpcServerFixture fixture)
{
    private const string EchoPath = "/platform.test.TestService/Echo";

    private RawGrpcClient Raw => new(fixture.Address);

    private static byte[] GoodMessage => new EchoRequest { Message = "x" }.ToByteArray();

    [Fact]
    public async Task Raw_good_call_works()
    {
        var result = await Raw.SendAsync(EchoPath, RawGrpcClient.Frame(GoodMessage));
        Assert.Equal(200, result.HttpStatus);
        Assert.False(result.TrailersOnly);
        Assert.Equal(StatusCode.OK, result.Status);
        Assert.Equal(0, result.Body[0]);
        Assert.False(result.Headers.Contains("grpc-status"));
    }

    [Fact]
    public async Task Declared_length_beyond_body_is_internal()
    {
        var result = await Raw.SendAsync(EchoPath, RawGrpcClient.Frame(GoodMessage, declaredLength: 1000));
        Assert.Equal(StatusCode.Internal, result.Status);
        await Methods.AssertServesAsync(fixture.Channel);
    }

    [Fact]
    public async Task Truncated_frame_header_is_internal()
    {
        var result = await Raw.SendAsync(EchoPath, [0, 0, 0]);
        Assert.Equal(StatusCode.Internal, result.Status);
        await Methods.AssertServesAsync(fixture.Channel);
    }

    [Fact]
    public async Task Empty_body_for_unary_is_unimplemented_as_a_cardinality_violation()
    {
        var result = await Raw.SendAsync(EchoPath, []);
        Assert.Equal(StatusCode.Unimplemented, result.Status);
        await Methods.AssertServesAsync(fixture.Channel);
    }

    [Fact]
    public async Task Compressed_flag_without_encoding_is_internal()
    {
        var result = await Raw.SendAsync(EchoPath, RawGrpcClient.Frame(GoodMessage, compressed: true));
        Assert.Equal(StatusCode.Internal, result.Status);
        await Methods.AssertServesAsync(fixture.Channel);
    }

    [Fact]
    public async Task Unknown_encoding_is_unimplemented()
    {
        var result = await Raw.SendAsync(EchoPath, RawGrpcClient.Frame(GoodMessage, compressed: true), headers: new Dictionary<string, string> { ["grpc-encoding"] = "br" });
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal(StatusCode.Unimplemented, result.Status);
        Assert.True(result.Headers.TryGetValues("grpc-accept-encoding", out var accepted));
        Assert.Contains("gzip", string.Join(",", accepted), StringComparison.Ordinal);
        await Methods.AssertServesAsync(fixture.Channel);
    }

    [Fact]
    public async Task Gzip_raw_request_and_response_compression()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(new EchoRequest { Message = "zipped", Mode = "compress" }.ToByteArray());
        }
        var result = await Raw.SendAsync(EchoPath, RawGrpcClient.Frame(compressed.ToArray(), compressed: true),
            headers: new Dictionary<string, string> { ["grpc-encoding"] = "gzip", ["grpc-accept-encoding"] = "identity, deflate, gzip" });
        Assert.Equal(StatusCode.OK, result.Status);
        Assert.Equal("gzip", result.Headers.GetValues("grpc-encoding").Single());
        Assert.Equal(1, result.Body[0]);
        using var input = new GZipStream(new MemoryStream(result.Body, 5, result.Body.Length - 5), CompressionMode.Decompress);
        var response = EchoResponse.Parser.ParseFrom(input);
        Assert.Equal("zipped", response.Message);
    }

    [Fact]
    public async Task Per_message_no_compress_flag_on_server_stream()
    {
        var result = await Raw.SendAsync("/platform.test.TestService/ServerStream", RawGrpcClient.Frame(new EchoRequest { Mode = "mixed", Count = 4, Message = "m" }.ToByteArray()),
            headers: new Dictionary<string, string> { ["grpc-accept-encoding"] = "gzip" });
        Assert.Equal(StatusCode.OK, result.Status);
        var flags = new List<byte>();
        for (var offset = 0; offset < result.Body.Length;)
        {
            flags.Add(result.Body[offset]);
            offset += 5 + (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(result.Body.AsSpan(offset + 1));
        }
        Assert.Equal(new byte[] { 1, 0, 1, 0 }, flags);
    }

    [Fact]
    public async Task Response_not_compressed_when_client_does_not_accept()
    {
        var result = await Raw.SendAsync(EchoPath, RawGrpcClient.Frame(new EchoRequest { Mode = "compress" }.ToByteArray()),
            headers: new Dictionary<string, string> { ["grpc-accept-encoding"] = "identity" });
        Assert.Equal(StatusCode.OK, result.Status);
        Assert.False(result.Headers.Contains("grpc-encoding"));
        Assert.Equal(0, result.Body[0]);
    }

    [Fact]
    public async Task Corrupt_gzip_is_internal()
    {
        var result = await Raw.SendAsync(EchoPath, RawGrpcClient.Frame([1, 2, 3, 4, 5, 6, 7, 8], compressed: true),
            headers: new Dictionary<string, string> { ["grpc-encoding"] = "gzip" });
        Assert.Equal(StatusCode.Internal, result.Status);
        await Methods.AssertServesAsync(fixture.Channel);
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        var result = await Raw.SendAsync(EchoPath, RawGrpcClient.Frame(GoodMessage), contentType: "application/json");
        Assert.Equal(415, result.HttpStatus);
        await Methods.AssertServesAsync(fixture.Channel);
    }

    [Fact]
    public async Task Content_type_with_proto_suffix_is_accepted()
    {
        var result = await Raw.SendAsync(EchoPath, RawGrpcClient.Frame(GoodMessage), contentType: "application/grpc+proto");
        Assert.Equal(StatusCode.OK, result.Status);
    }

    [Fact]
    public async Task Http11_request_to_h2_endpoint_fails_and_server_keeps_serving()
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Address, EchoPath))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(RawGrpcClient.Frame(GoodMessage)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
        // Kestrel either drops the connection or answers HTTP/1.1 400 ("HTTP/1.x request sent to an HTTP/2 only endpoint").
        try
        {
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(HttpVersion.Version11, response.Version);
        }
        catch (HttpRequestException)
        {
        }
        await Methods.AssertServesAsync(fixture.Channel);
    }

    [Fact]
    public async Task Five_mib_message_is_resource_exhausted()
    {
        var big = new EchoRequest { Payload = ByteString.CopyFrom(new byte[5 * 1024 * 1024]) }.ToByteArray();
        var result = await Raw.SendAsync(EchoPath, RawGrpcClient.Frame(big));
        Assert.Equal(StatusCode.ResourceExhausted, result.Status);
        await Methods.AssertServesAsync(fixture.Channel);
    }

    [Fact]
    public async Task Garbage_protobuf_is_internal()
    {
        var result = await Raw.SendAsync(EchoPath, RawGrpcClient.Frame([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x02]));
        Assert.Equal(StatusCode.Internal, result.Status);
        await Methods.AssertServesAsync(fixture.Channel);
    }

    [Fact]
    public async Task Two_messages_on_unary_is_unimplemented_as_a_cardinality_violation()
    {
        var frame = RawGrpcClient.Frame(GoodMessage);
        var result = await Raw.SendAsync(EchoPath, [.. frame, .. frame]);
        Assert.Equal(StatusCode.Unimplemented, result.Status);
        await Methods.AssertServesAsync(fixture.Channel);
    }

    [Fact]
    public async Task Client_never_half_closing_past_deadline_is_deadline_exceeded()
    {
        var started = DateTime.UtcNow;
        var result = await Raw.SendAsync("/platform.test.TestService/ClientStream", [],
            headers: new Dictionary<string, string> { ["grpc-timeout"] = "300m" },
            content: NeverEnding(RawGrpcClient.Frame(GoodMessage)));
        Assert.Equal(StatusCode.DeadlineExceeded, result.Status);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));

        var unary = await Raw.SendAsync(EchoPath, [],
            headers: new Dictionary<string, string> { ["grpc-timeout"] = "300m" },
            content: NeverEnding([]));
        Assert.Equal(StatusCode.DeadlineExceeded, unary.Status);
        await Methods.AssertServesAsync(fixture.Channel);
    }

    [Fact]
    public async Task Python_style_timeout_and_unpadded_binary_metadata_are_accepted()
    {
        // 3 bytes -> "AQID" (no padding needed); 4 bytes -> "AQIDBA" unpadded.
        var result = await Raw.SendAsync(EchoPath, RawGrpcClient.Frame(GoodMessage),
            headers: new Dictionary<string, string> { ["grpc-timeout"] = "4970m", ["x-raw-bin"] = "AQIDBA" });
        Assert.Equal(StatusCode.OK, result.Status);
        Assert.True(result.Headers.TryGetValues("x-raw-bin", out var values));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, Convert.FromBase64String(values.Single()));
    }

    private static HttpContent NeverEnding(byte[] initial)
    {
        var content = new RawGrpcClient.NeverEndingContent(initial);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
        return content;
    }
}
