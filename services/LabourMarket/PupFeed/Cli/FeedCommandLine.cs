using System.CommandLine;
using System.Globalization;

namespace PupFeed.Cli;

/// <summary>
/// The command line by System.CommandLine: <c>send|check PLIK</c>, <c>watch KATALOG</c>, options anywhere (before or after
/// the file), <c>--help</c> anywhere. Every option falls back to its PUP_FEED_* environment variable.
/// </summary>
public sealed class FeedCommandLine
{
    private readonly Option<string> _address = new("--address") { Description = "adres gRPC platformy (PUP_FEED_ADDRESS)", Recursive = true };
    private readonly Option<string> _apiKey = new("--api-key") { Description = "klucz API urzędu (PUP_FEED_API_KEY)", Recursive = true };
    private readonly Option<string> _source = new("--source") { Description = "źródło danych (PUP_FEED_SOURCE)", Recursive = true };
    private readonly Option<string> _retries = new("--retries") { Description = "ponowienia przy niedostępności platformy", Recursive = true };
    private readonly Option<string> _retryDelay = new("--retry-delay") { Description = "pierwszy odstęp ponowień w sekundach", Recursive = true };
    private readonly Option<bool> _once = new("--once") { Description = "(watch) obsłuż pliki raz i zakończ", Recursive = true };
    private readonly Option<string> _interval = new("--interval") { Description = "(watch) co ile sekund sprawdzać katalog", Recursive = true };
    private readonly Option<string> _settle = new("--settle") { Description = "(watch) plik niezmieniony od tylu sekund", Recursive = true };

    public RootCommand Root { get; }

    public FeedCommandLine()
    {
        Root = new RootCommand("pup-feed — przesyłanie miesięcznych danych PUP o bezrobociu do platformy");
        foreach (var option in (Option[])[_address, _apiKey, _source, _retries, _retryDelay, _once, _interval, _settle]) Root.Add(option);
        Root.Add(Command("send", "wyślij plik (wiersze są najpierw sprawdzane lokalnie)", "plik"));
        Root.Add(Command("check", "tylko sprawdź plik, nic nie wysyłaj", "plik"));
        Root.Add(Command("watch", "obsługuj pliki *.csv z katalogu", "katalog"));
    }

    private static Command Command(string name, string description, string argument) =>
        new(name, description) { new Argument<string>(argument) { Description = argument == "plik" ? "plik eksportu CSV" : "katalog z plikami" } };

    /// <summary>The settings of a parsed command line (without errors).</summary>
    public FeedOptions Options(ParseResult parsed)
    {
        string? Get(Option<string> option, string env) => parsed.GetValue(option) ?? Environment.GetEnvironmentVariable(env);
        var address = Get(_address, "PUP_FEED_ADDRESS") ?? "http://127.0.0.1:8081";
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new FormatException($"adres „{address}” nie jest adresem http(s)://.");
        return new FeedOptions
        {
            Address = uri,
            ApiKey = Get(_apiKey, "PUP_FEED_API_KEY"),
            Source = Get(_source, "PUP_FEED_SOURCE") ?? "PUP, sprawozdanie MRiPS-01",
            Retries = parsed.GetValue(_retries) is not { } r ? 6
                : int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 100 ? n
                : throw new FormatException($"--retries: „{r}” nie jest liczbą ponowień (0–100)."),
            RetryDelay = Seconds(parsed, _retryDelay, 2),
            WatchInterval = Seconds(parsed, _interval, 60),
            Settle = Seconds(parsed, _settle, 10),
            Once = parsed.GetValue(_once),
            DryRun = parsed.CommandResult.Command.Name == "check",
        };
    }

    /// <summary>Seconds as "0.5" or "0,5" (a Polish clerk's decimal comma), whatever the machine's culture.</summary>
    private static TimeSpan Seconds(ParseResult parsed, Option<string> option, double fallback)
    {
        if (parsed.GetValue(option) is not { } text) return TimeSpan.FromSeconds(fallback);
        if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 && s < 86_400)
            return TimeSpan.FromSeconds(s);
        throw new FormatException($"{option.Name}: „{text}” nie jest liczbą sekund (np. 2 albo 0,5).");
    }
}
