using System.Globalization;
using System.Text;
using PupFeed.Sending;
using PupFeed.Watching;

namespace PupFeed.Cli;

/// <summary>The command line: <c>send FILE</c>, <c>check FILE</c>, <c>watch FOLDER</c>.</summary>
public static class FeedApp
{
    public const string Usage = """
        pup-feed — przesyłanie miesięcznych danych PUP o bezrobociu do platformy

        Użycie:
          pup-feed send  PLIK.csv   [opcje]   wyślij plik (wiersze są najpierw sprawdzane lokalnie)
          pup-feed check PLIK.csv   [opcje]   tylko sprawdź plik, nic nie wysyłaj
          pup-feed watch KATALOG    [opcje]   obsługuj pliki *.csv z katalogu; wysłane trafiają do
                                              KATALOG/wyslane, odrzucone (z raportem) do KATALOG/odrzucone

        Opcje (albo zmienne środowiska):
          --address URL      adres gRPC platformy (PUP_FEED_ADDRESS), np. http://127.0.0.1:8081
          --api-key KLUCZ    klucz API urzędu (PUP_FEED_API_KEY; lepiej w zmiennej niż w wierszu poleceń)
          --source TEKST     źródło danych (PUP_FEED_SOURCE), domyślnie „PUP, sprawozdanie MRiPS-01”
          --retries N        ponowienia przy niedostępności platformy (domyślnie 6, odstępy rosnące od 2 s)
          --retry-delay S    pierwszy odstęp w sekundach
          --once             (watch) obsłuż pliki raz i zakończ — dla crona/timera systemd
          --interval S       (watch) co ile sekund sprawdzać katalog (domyślnie 60)
          --settle S         (watch) plik musi być niezmieniony od S sekund (domyślnie 10)

        Kody wyjścia: 0 przyjęto, 1 plik odrzucony (raport błędów), 2 złe wywołanie,
                      3 platforma niedostępna (uruchom ponownie później — bezpieczne), 4 inny błąd.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        if (args.Length < 2 || args[0] is not ("send" or "check" or "watch"))
        {
            await errors.WriteLineAsync(Usage);
            return ExitCodes.Usage;
        }
        FeedOptions options;
        try { options = Parse(args[2..], dryRun: args[0] == "check"); }
        catch (FormatException ex)
        {
            await errors.WriteLineAsync($"Błąd wywołania: {ex.Message}\n\n{Usage}");
            return ExitCodes.Usage;
        }

        var console = new FeedConsole(output, errors);
        using var client = new LabourFeedClient(options, console);
        if (args[0] == "watch") return await new WatchFolder(args[1], options, client, console).RunAsync(ct);
        return await new FileFeed(options, client, console).SendAsync(args[1], ct);
    }

    private static FeedOptions Parse(string[] args, bool dryRun)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--once") { flags.Add(name); continue; }
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) throw new FormatException($"nieznana opcja „{name}”.");
            values[name] = args[++i];
        }
        string? Get(string option, string env) => values.GetValueOrDefault(option) ?? Environment.GetEnvironmentVariable(env);
        double Seconds(string option, double fallback) =>
            values.TryGetValue(option, out var s) ? double.Parse(s, CultureInfo.InvariantCulture) : fallback;

        var address = Get("--address", "PUP_FEED_ADDRESS") ?? "http://127.0.0.1:8081";
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new FormatException($"adres „{address}” nie jest adresem http(s)://.");
        return new FeedOptions
        {
            Address = uri,
            ApiKey = Get("--api-key", "PUP_FEED_API_KEY"),
            Source = Get("--source", "PUP_FEED_SOURCE") ?? "PUP, sprawozdanie MRiPS-01",
            Retries = values.TryGetValue("--retries", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : 6,
            RetryDelay = TimeSpan.FromSeconds(Seconds("--retry-delay", 2)),
            WatchInterval = TimeSpan.FromSeconds(Seconds("--interval", 60)),
            Settle = TimeSpan.FromSeconds(Seconds("--settle", 10)),
            Once = flags.Contains("--once"),
            DryRun = dryRun,
        };
    }
}

/// <summary>Where the feeder talks to the clerk: results on standard output, progress and problems on standard error.</summary>
public sealed record FeedConsole(TextWriter Out, TextWriter Error)
{
    public void Info(string line) => Out.WriteLine(line);
    public void Progress(string line) => Error.WriteLine(line);
    public void Problem(string line) => Error.WriteLine(line);
}
