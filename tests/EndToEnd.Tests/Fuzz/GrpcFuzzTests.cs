using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace EndToEnd.Tests.Fuzz;

/// <summary>
/// A bounded fuzz run of every gRPC method of every service through the gateway's h2c port (fixed seed):
/// randomly filled and bit-flipped messages to the read methods, garbage and broken framing to all of them,
/// with an administrator's rights. No answer may be HTTP 5xx or UNKNOWN (a handler crash); INTERNAL only in
/// the cases the gRPC spec gives it to the library (a request that cannot be parsed or decompressed), with
/// the library's own fixed text; no write may succeed and nothing stored may change.
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class GrpcFuzzTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const int Rounds = 1500;

    // What the transport says when a request cannot be read (statuscodes.md: "Error parsing request proto" → INTERNAL).
    private static readonly HashSet<string> LibraryParseErrors =
    [
        "Incomplete message.", "Invalid compressed flag.", "Failed to deserialize the message.",
        "Compressed message received without a grpc-encoding.", "Failed to decompress the message.",
        // Grpc.AspNetCore's own wording of the same cases.
        "Request did not include grpc-encoding value with compressed message.",
    ];

    private static readonly string[] OddStrings =
        ["", " ", "ą😀", "\u0000", "-1", "1e309", "NaN", "00000000-0000-0000-0000-000000000000", "not-a-guid", "1203", "1203053", "9999999",
         "2023-13", "2023-Q5", "' OR 1=1 --", "{\"type\":\"Polygon\"}", new string('x', 5000)];

    private static readonly ServiceDescriptor[] Services =
    [
        Platform.Contracts.Catalogue.V1.CatalogueReflection.Descriptor.Services[0],
        Platform.Contracts.Labour.V1.LabourReflection.Descriptor.Services[0],
        Platform.Contracts.Zones.V1.ZonesReflection.Descriptor.Services[0],
        Platform.Contracts.Reporting.V1.ReportingReflection.Descriptor.Services[0],
    ];

    [Fact]
    public async Task Random_and_mutated_gRPC_frames_get_proper_status_codes_and_change_nothing()
    {
        await platform.Control.WaitHealthyAsync(TimeSpan.FromMinutes(2));
        var random = new Random(RestFuzzTests.Seed);
        var methods = Services.SelectMany(s => s.Methods).ToList();
        using var http = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true }) { BaseAddress = platform.GatewayGrpc, Timeout = TimeSpan.FromSeconds(30) };
        platform.PersonTokens(Enumerable.Range(0, Rounds / 200 + 1).Select(i => ("admin", "", $"e2e-grpc-fuzz-{i}")).ToList());
        var before = await Fuzz.DataFingerprint.TakeWhenQuietAsync(platform);

        var findings = new List<string>();
        var codes = new Dictionary<string, int>();
        for (var round = 0; round < Rounds; round++)
        {
            var method = methods[random.Next(methods.Count)];
            var readOnly = method.GetOptions()?.IdempotencyLevel == MethodOptions.Types.IdempotencyLevel.NoSideEffects;
            var (kind, parseable, request) = Build(random, method, readOnly, platform.PersonToken("admin", "", $"e2e-grpc-fuzz-{round / 200}"));
            var what = $"#{round} {method.Service.FullName}/{method.Name} ({kind})";
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                await response.Content.ReadAsByteArrayAsync();
                var http415 = response.StatusCode == HttpStatusCode.UnsupportedMediaType && kind == "wrong content type";
                if (response.StatusCode != HttpStatusCode.OK && !http415) { findings.Add($"{what} → HTTP {(int)response.StatusCode}"); continue; }
                if (http415) { codes["HTTP 415"] = codes.GetValueOrDefault("HTTP 415") + 1; continue; }
                var status = Header(response, "grpc-status");
                var message = Uri.UnescapeDataString(Header(response, "grpc-message") ?? "");
                codes[status ?? "none"] = codes.GetValueOrDefault(status ?? "none") + 1;
                if (status is null) findings.Add($"{what} → no grpc-status");
                else if (status == "2") findings.Add($"{what} → UNKNOWN {message}");
                else if (status == "13" && (parseable || !LibraryParseErrors.Contains(message))) findings.Add($"{what} → INTERNAL {message}");
                else if (status == "0" && !readOnly) findings.Add($"{what} → OK: an invalid write was accepted");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                findings.Add($"{what} → {ex.GetType().Name}: {ex.Message}");
            }
        }

        Results.Record(platform, output, $"grpc fuzz (seed {RestFuzzTests.Seed}): {Rounds} calls over {methods.Count} methods, grpc-status " +
            string.Join(", ", codes.OrderBy(c => c.Key).Select(c => $"{c.Key}×{c.Value}")) + $", findings {findings.Count}");
        Assert.True(findings.Count == 0, $"{findings.Count} findings:\n" + string.Join('\n', findings.Take(20)));
        await platform.Control.WaitHealthyAsync(TimeSpan.FromSeconds(30));
        Fuzz.DataFingerprint.AssertUnchanged(before, await Fuzz.DataFingerprint.TakeWhenQuietAsync(platform));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var t) ? t.First()
        : response.Headers.TryGetValues(name, out var h) ? h.First() : null;

    private static (string Kind, bool Parseable, HttpRequestMessage Request) Build(Random random, MethodDescriptor method, bool readOnly, string token)
    {
        byte[] payload;
        string kind;
        var parseable = false;
        if (readOnly && random.Next(2) == 0)
        {
            var message = RandomMessage(random, method.InputType, depth: 0);
            payload = message.ToByteArray();
            kind = "random message";
            parseable = true;
            if (payload.Length > 0 && random.Next(3) == 0)
            {
                for (var i = random.Next(1, 4); i > 0; i--) payload[random.Next(payload.Length)] ^= (byte)(1 << random.Next(8));
                kind = "bit-flipped message";
                parseable = CanParse(method.InputType, payload);
            }
        }
        else
        {
            // Tag 0 is never valid protobuf: garbage that cannot turn into a real request by chance.
            payload = [0, .. JsonMutator.RandomBytes(random, random.Next(0, 200))];
            kind = "garbage";
        }

        var request = new HttpRequestMessage(HttpMethod.Post, $"{method.Service.FullName}/{method.Name}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var contentType = "application/grpc";
        byte[] body;
        switch (random.Next(10))
        {
            case 0: body = Frame(payload, declared: payload.Length + random.Next(1, 100)); kind += ", length past the body"; parseable = false; break;
            case 1: body = Frame(payload)[..random.Next(1, 5)]; kind += ", cut frame header"; parseable = false; break;
            case 2: body = Frame(payload, flag: 1); kind += ", compressed flag without encoding"; parseable = false; break;
            case 3: body = Frame(payload, flag: (byte)random.Next(2, 256)); kind += ", invalid compressed flag"; parseable = false; break;
            case 4:
                body = Frame(payload, flag: 1);
                request.Headers.TryAddWithoutValidation("grpc-encoding", random.Next(2) == 0 ? "br" : "gzip");
                kind += ", undecodable compressed message"; parseable = false; break;
            case 5: body = Frame(payload, declared: int.MaxValue); kind += ", declared 2 GiB"; break;
            case 6: contentType = random.Next(2) == 0 ? "application/json" : "text/plain"; body = Frame(payload); kind = "wrong content type"; break;
            default: body = Frame(payload); break;
        }
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return (kind, parseable, request);
    }

    private static byte[] Frame(byte[] payload, int? declared = null, byte flag = 0)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), declared ?? payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private static bool CanParse(MessageDescriptor type, byte[] payload)
    {
        try { type.Parser.ParseFrom(payload); return true; }
        catch (InvalidProtocolBufferException) { return false; }
    }

    /// <summary>A message of the method's input type with random fields set to odd values.</summary>
    private static IMessage RandomMessage(Random random, MessageDescriptor type, int depth)
    {
        var message = (IMessage)Activator.CreateInstance(type.ClrType)!;
        foreach (var field in type.Fields.InDeclarationOrder())
        {
            if (field.IsMap || random.Next(2) == 0) continue;
            var value = RandomValue(random, field, depth);
            if (value is null) continue;
            if (field.IsRepeated) ((System.Collections.IList)field.Accessor.GetValue(message)).Add(value);
            else field.Accessor.SetValue(message, value);
        }
        return message;
    }

    private static object? RandomValue(Random random, FieldDescriptor field, int depth) => field.FieldType switch
    {
        FieldType.String => OddStrings[random.Next(OddStrings.Length)],
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => random.Next(5) switch { 0 => 0, 1 => -1, 2 => int.MaxValue, 3 => int.MinValue, _ => random.Next(1980, 2040) },
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => random.Next(2) == 0 ? long.MinValue : random.NextInt64(),
        FieldType.UInt32 or FieldType.Fixed32 => (uint)random.Next(),
        FieldType.UInt64 or FieldType.Fixed64 => (ulong)random.NextInt64(),
        FieldType.Double => random.Next(4) switch { 0 => double.NaN, 1 => double.NegativeInfinity, 2 => -1e300, _ => random.NextDouble() * 1000 },
        FieldType.Float => random.Next(2) == 0 ? float.NaN : (float)random.NextDouble(),
        FieldType.Bool => random.Next(2) == 0,
        FieldType.Bytes => ByteString.CopyFrom(JsonMutator.RandomBytes(random, random.Next(0, 50))),
        FieldType.Enum => random.Next(-1, 10),
        FieldType.Message when depth < 2 => RandomMessage(random, field.MessageType, depth + 1),
        _ => null,
    };
}
