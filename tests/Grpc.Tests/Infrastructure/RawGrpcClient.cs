using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace Platform.Grpc.Tests.Infrastructure;

/// <summary>A bare HTTP/2 (prior knowledge) client for sending malformed gRPC requests.</summary>
public sealed class RawGrpcClient(Uri address)
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public sealed record Result(int HttpStatus, bool TrailersOnly, StatusCode? Status, string? Message, HttpResponseHeaders Headers, byte[] Body);

    public static byte[] Frame(byte[] payload, bool compressed = false, int? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)(declaredLength ?? payload.Length));
        payload.CopyTo(frame, 5);
        return frame;
    }

    public async Task<Result> SendAsync(string path, byte[] body, string contentType = "application/grpc", IDictionary<string, string>? headers = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content ?? new RawContent(body),
        };
        if (content is null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (headers is not null)
        {
            foreach (var (k, v) in headers)
            {
                request.Headers.TryAddWithoutValidation(k, v);
            }
        }
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var trailersOnly = response.Headers.Contains("grpc-status");
        // After a Trailers-Only response the server may reset the stream (deadline): skip the empty body.
        var bytes = trailersOnly ? [] : await response.Content.ReadAsByteArrayAsync();
        StatusCode? status = null;
        string? message = null;
        if (response.Headers.TryGetValues("grpc-status", out var hs))
        {
            status = (StatusCode)int.Parse(hs.First(), System.Globalization.CultureInfo.InvariantCulture);
            message = response.Headers.TryGetValues("grpc-message", out var hm) ? PercentEncoding.Decode(hm.First()) : null;
        }
        else if (response.TrailingHeaders.TryGetValues("grpc-status", out var ts))
        {
            status = (StatusCode)int.Parse(ts.First(), System.Globalization.CultureInfo.InvariantCulture);
            message = response.TrailingHeaders.TryGetValues("grpc-message", out var tm) ? PercentEncoding.Decode(tm.First()) : null;
        }
        return new Result((int)response.StatusCode, trailersOnly, status, message, response.Headers, bytes);
    }

    /// <summary>Content without a length (so no content-length header).</summary>
    private sealed class RawContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    /// <summary>A body that sends some bytes and then never ends (never half-closes).</summary>
    public sealed class NeverEndingContent(byte[] initial) : HttpContent
    {
        public NeverEndingContent() : this([])
        {
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(initial, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The server ended the call.
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
