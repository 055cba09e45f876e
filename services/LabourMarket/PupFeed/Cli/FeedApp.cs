using System.Globalization;
using PupFeed.Sending;
using PupFeed.Watching;

namespace PupFeed.Cli;

/// <summary>The command line: <c>send FILE</c>, <c>check FILE</c>, <c>watch FOLDER</c>.</summary>
public static class FeedApp
{
    public const string Usage = """
        pup-feed — przesyłanie miesięcznych danych PUP o bezrobociu do platformy

        Użycie:
          pup-feed send  PLIK.csv   [opcje]   wyślij plik (wiersze są najpierw sprawdzane lokalnie);
                                              opcje przed albo po pliku, --help przy każdym poleceniu
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
        // The parser's own messages (an unknown option, a missing file) in Polish, whatever the machine's language.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("pl-PL");
        var cli = new FeedCommandLine();
        var parsed = cli.Root.Parse(args);
        if (parsed.Action is System.CommandLine.Help.HelpAction)
        {
            await output.WriteLineAsync(Usage);
            return ExitCodes.Ok;
        }
        var command = parsed.CommandResult.Command;
        if (parsed.Errors.Count > 0 || command == cli.Root)
        {
            var problems = parsed.Errors.Count > 0 ? string.Join(" ", parsed.Errors.Select(e => e.Message)) : "podaj polecenie: send, check albo watch.";
            await errors.WriteLineAsync($"Błąd wywołania: {problems}\n\n{Usage}");
            return ExitCodes.Usage;
        }
        FeedOptions options;
        try { options = cli.Options(parsed); }
        catch (FormatException ex)
        {
            await errors.WriteLineAsync($"Błąd wywołania: {ex.Message}\n\n{Usage}");
            return ExitCodes.Usage;
        }

        var target = parsed.GetValue<string>(command.Name == "watch" ? "katalog" : "plik")!;
        var console = new FeedConsole(output, errors);
        using var client = new LabourFeedClient(options, console);
        if (command.Name == "watch") return await new WatchFolder(target, options, client, console).RunAsync(ct);
        return await new FileFeed(options, client, console).SendAsync(target, ct);
    }
}

/// <summary>Where the feeder talks to the clerk: results on standard output, progress and problems on standard error.</summary>
public sealed record FeedConsole(TextWriter Out, TextWriter Error)
{
    public void Info(string line) => Out.WriteLine(line);
    public void Progress(string line) => Error.WriteLine(line);
    public void Problem(string line) => Error.WriteLine(line);
}
