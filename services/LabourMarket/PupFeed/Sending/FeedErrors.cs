using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Grpc.Core;

namespace PupFeed.Sending;

/// <summary>
/// A failed call told to the clerk in Polish: what happened and what to check. The platform's own
/// refusals are Polish already; the transport's (Grpc.Net.Client, HttpClient) are not, so the usual
/// ones get a sentence of their own, with the original text only as a technical detail.
/// </summary>
public static class FeedErrors
{
    private const long Http11Required = 0xd;
    private const string CheckAddress = " — sprawdź adres (--address, PUP_FEED_ADDRESS)";

    /// <summary>
    /// Worth another attempt later: the platform did not answer (UNAVAILABLE: the call was not processed), hung
    /// (DEADLINE_EXCEEDED), or the call was broken off under way — CANCELLED that the clerk did not ask for (the
    /// caller checks its own token first; the platform never answers CANCELLED as a verdict), or a connection reset
    /// when the service behind the gateway was killed mid-stream (INTERNAL/UNKNOWN from the transport, not an answer
    /// of the platform). Both were found by the end-to-end fault test. A feed is idempotent by its batch id, so sending
    /// it again is safe. A server that is not the platform's gRPC endpoint (HTTP/1.1 only) ends as another code.
    /// </summary>
    public static bool IsTransient(RpcException ex) =>
        !IsHttp11Server(ex) && !IsNotHttp2(ex)
        && (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled
            || ex.StatusCode is StatusCode.Internal or StatusCode.Unknown && BrokenTransport(ex));

    // HTTP_1_1_REQUIRED comes as UNAVAILABLE or INTERNAL depending on when the client meets it (CI saw both);
    // either way another attempt reaches the same web server.
    private static bool IsHttp11Server(RpcException ex) => Find<HttpProtocolException>(ex) is { ErrorCode: Http11Required };

    // The server took the connection but never completed the HTTP/2 handshake: a web server that closed first
    // (CI met an HTTP/1.1 server this way too) or no HTTP at all. The platform's ports always complete it.
    private static bool IsNotHttp2(RpcException ex) =>
        Find<IOException>(ex, io => io.Message.Contains("HTTP/2 handshake", StringComparison.Ordinal)) is not null;

    private static bool BrokenTransport(RpcException ex) =>
        Find<HttpProtocolException>(ex) is not null || Find<IOException>(ex) is not null || Find<HttpRequestException>(ex) is not null;

    public static string Describe(RpcException ex, Uri address)
    {
        var detail = ex.Status.Detail;
        if (IsHttp11Server(ex))
            return $"pod adresem {address} odpowiada serwer HTTP/1.1 (np. strona albo REST API), a nie usługa gRPC platformy{CheckAddress}";
        if (Find<AuthenticationException>(ex) is not null)
            return $"nie udało się nawiązać połączenia szyfrowanego (TLS) z {address}: serwer nie używa TLS albo jego certyfikat nie jest zaufany (adres http:// to połączenie bez TLS){CheckAddress}";
        if (Find<SocketException>(ex) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"nikt nie przyjmuje połączeń pod adresem {address}: platforma nie działa albo to zły port",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"nie znaleziono serwera {address.Host} (DNS){CheckAddress}",
                SocketError.TimedOut => $"przekroczono czas łączenia z {address}",
                _ => $"brak połączenia z {address} ({socket.Message})",
            };
        }
        if (IsNotHttp2(ex))
            return $"serwer pod adresem {address} przyjął połączenie, ale nie odpowiada jak usługa gRPC platformy (HTTP/2) — to może być strona WWW albo inna usługa{CheckAddress}";
        if (Find<HttpProtocolException>(ex) is { } protocol)
            return $"serwer pod adresem {address} przerwał rozmowę HTTP/2 (kod błędu {protocol.ErrorCode}); jeśli to się powtarza, sprawdź adres i port — to może nie być usługa gRPC platformy";
        // Grpc.Net.Client's words for an HTTP answer that is not gRPC (404, text/html…); a proxy's 502/503/504 are UNAVAILABLE.
        if (detail.StartsWith("Bad gRPC response", StringComparison.Ordinal))
        {
            return ex.StatusCode == StatusCode.Unavailable
                ? $"serwer pod adresem {address} chwilowo nie obsługuje zapytań ({detail})"
                : $"pod adresem {address} odpowiada serwer, ale nie usługa gRPC platformy ({detail}){CheckAddress}";
        }
        return ex.StatusCode switch
        {
            StatusCode.Unavailable => $"brak połączenia z {address} ({detail})",
            StatusCode.DeadlineExceeded => "platforma nie odpowiedziała w wyznaczonym czasie",
            StatusCode.Cancelled => $"wysyłanie przerwano ({detail})",
            StatusCode.Unauthenticated => $"platforma nie rozpoznała nadawcy — sprawdź klucz API urzędu (--api-key, PUP_FEED_API_KEY): {detail}",
            StatusCode.PermissionDenied => $"klucz API urzędu nie uprawnia do tej operacji: {detail}",
            StatusCode.ResourceExhausted => $"platforma odrzuciła zbyt duży komunikat albo zbyt wiele zapytań naraz: {detail}",
            StatusCode.Unimplemented => $"pod adresem {address} nie ma usługi platformy do danych o bezrobociu ({detail}){CheckAddress}",
            _ => $"nieoczekiwana odpowiedź platformy ({ex.StatusCode}): {detail}",
        };
    }

    private static T? Find<T>(RpcException ex, Func<T, bool>? matches = null) where T : Exception
    {
        for (var e = ex.Status.DebugException; e is not null; e = e.InnerException)
            if (e is T found && (matches is null || matches(found))) return found;
        return null;
    }
}
