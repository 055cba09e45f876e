using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using PupFeed.Cli;
using PupFeed.Watching;

namespace LabourMarket.Tests;

/// <summary>
/// pup-feed end to end through the real gateway to the running service, with PUP Chrzanów's API key:
/// a Windows-1250 export with Polish headers and decimal commas.
/// </summary>
public sealed class PupFeedTests(LabourMarketFixture fixture) : IClassFixture<LabourMarketFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pup-feed-").FullName;
    private readonly HttpClient _http = fixture.Host.CreateHttpClient();

    static PupFeedTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string GoodExport = """
        TERYT;Wskaźnik;Okres;Przekrój;Wartość
        1203033;registered_unemployed;2024-01;ogółem;1 012
        1203033;Bezrobotni zarejestrowani;2024-01;kobiety;587
        1203033;registered_unemployed;02.2024;ogółem;998
        1203;Stopa bezrobocia rejestrowanego;2024-01;ogółem;6,2
        1203022;registered_unemployed;2024-01;mężczyźni;70
        """;

    private string WriteExport(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, Encoding.GetEncoding(1250).GetBytes(text.Replace("\n", "\r\n")));
        return path;
    }

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await FeedApp.RunAsync([.. args, "--address", fixture.Gateway.GrpcAddress.ToString(), "--api-key", fixture.PupChrzanowKey, "--retries", "1", "--retry-delay", "0.1"],
            output, errors, CancellationToken.None);
        return (code, output.ToString(), errors.ToString());
    }

    // Monthly figures of 2024 (the watch-folder test sends the same rows for 2023).
    private async Task<List<JsonElement>> SeriesAsync(string indicator, string unit, string breakdown = "total")
    {
        var series = await _http.GetFromJsonAsync<JsonElement>($"api/v1/labour/series?indicator={indicator}&unit={unit}&breakdown={breakdown}&from=2024-01&to=2024-12");
        return series.GetProperty("points").EnumerateArray().ToList();
    }

    [Fact]
    public async Task A_windows_1250_export_is_sent_and_a_re_run_changes_nothing()
    {
        var path = WriteExport("luty-2024.csv", GoodExport);

        var (code, output, _) = await RunAsync("send", path);

        Assert.True(code == ExitCodes.Ok, output);
        Assert.Contains("kodowanie windows-1250", output);
        Assert.Contains("PRZYJĘTO", output);
        Assert.Contains("nowe 5", output);
        Assert.Equal([("2024-01", 1012m), ("2024-02", 998m)],
            (await SeriesAsync("registered_unemployed", "1203033")).Select(p => (p.GetProperty("period").GetString(), p.GetProperty("value").GetDecimal())));
        Assert.Equal(587m, Assert.Single(await SeriesAsync("registered_unemployed", "1203033", "sex:female")).GetProperty("value").GetDecimal());
        var rate = Assert.Single(await SeriesAsync("unemployment_rate", "1203"));
        Assert.Equal(6.2m, rate.GetProperty("value").GetDecimal());
        Assert.Equal("PUP, sprawozdanie MRiPS-01", rate.GetProperty("source").GetString());

        // After a crash the same file is sent again: same batch id, the platform answers as the first time.
        await Task.Delay(1100);
        var (again, againOutput, _) = await RunAsync("send", path);
        Assert.Equal(ExitCodes.Ok, again);
        Assert.Contains("PRZYJĘTO już wcześniej paczkę", againOutput);
        Assert.Contains("wtedy nowe 5", againOutput);
        Assert.Contains("Teraz nic nie zostało zapisane ponownie", againOutput);
        Assert.DoesNotContain("PRZYJĘTO paczkę", againOutput); // the first send's words would say this one stored 5
        Assert.Equal(2, (await SeriesAsync("registered_unemployed", "1203033")).Count);
        Assert.All(await SeriesAsync("registered_unemployed", "1203033"), p => Assert.Equal(1, p.GetProperty("revision").GetInt32()));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("send", "--help")]
    [InlineData("send", "plik.csv", "--help")]
    [InlineData("watch", "-h")]
    public async Task Help_anywhere_prints_the_usage_in_Polish_and_exits_0(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        Assert.Equal(ExitCodes.Ok, await FeedApp.RunAsync(args, output, errors, CancellationToken.None));
        Assert.Contains("pup-feed send  PLIK.csv", output.ToString());
        Assert.Equal("", errors.ToString());
    }

    [Theory]
    [InlineData("", "Nie podano wymaganego polecenia")]
    [InlineData("send", "plik")]
    [InlineData("wyslij plik.csv", "wyslij")]
    [InlineData("send plik.csv --nieznana 1", "--nieznana")]
    [InlineData("send plik.csv --retries dużo", "--retries")]
    [InlineData("send plik.csv --retry-delay jutro", "--retry-delay")]
    public async Task A_wrong_command_line_is_named_in_Polish_with_exit_2(string line, string named)
    {
        var errors = new StringWriter();
        var code = await FeedApp.RunAsync(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), new StringWriter(), errors, CancellationToken.None);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("Błąd wywołania:", errors.ToString());
        Assert.Contains(named, errors.ToString());
        Assert.DoesNotContain("Cannot parse", errors.ToString());
    }

    [Fact]
    public async Task Options_may_come_before_the_file_and_a_decimal_comma_is_understood()
    {
        var path = WriteExport("opcje-przed.csv", GoodExport);
        var output = new StringWriter();
        var code = await FeedApp.RunAsync(["check", "--retries", "1", "--retry-delay", "0,1", "--address", fixture.Gateway.GrpcAddress.ToString(),
            "--api-key", fixture.PupChrzanowKey, path], output, new StringWriter(), CancellationToken.None);
        Assert.True(code == ExitCodes.Ok, output.ToString());
        Assert.Contains("Sprawdzono 5 wierszy: bez błędów.", output.ToString());
    }

    [Fact]
    public async Task Check_finds_a_figure_given_twice_as_send_would_and_nothing_is_written()
    {
        // The same figure in another spelling of the period and the indicator: the platform would refuse the batch.
        var path = WriteExport("podwojna.csv", GoodExport + "\n1203033;Bezrobotni zarejestrowani;01.2024;ogółem;1 013");

        var (checkCode, checkOutput, _) = await RunAsync("check", path);
        Assert.Equal(ExitCodes.Rejected, checkCode);
        var report = await File.ReadAllTextAsync(path + ".bledy.txt");
        Assert.Contains("Wiersz 7", report);
        Assert.Contains("jest już w wierszu 2", report);
        Assert.Contains("ODRZUCONO", checkOutput);

        // send stops at the same local check: nothing reaches the platform.
        var (sendCode, sendOutput, _) = await RunAsync("send", path);
        Assert.Equal(ExitCodes.Rejected, sendCode);
        Assert.DoesNotContain("Wysłano", sendOutput);
        Assert.Contains("wykryte: sprawdzenie lokalne", await File.ReadAllTextAsync(path + ".bledy.txt"));
    }

    [Fact]
    public async Task A_send_is_one_trace_from_pup_feed_through_the_gateway_into_labour_and_its_outbox()
    {
        var requests = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = requests.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var path = WriteExport("slad-2022-03.csv", """
            TERYT;Wskaźnik;Okres;Przekrój;Wartość
            1203033;registered_unemployed;2022-03;ogółem;1 104
            """);

        var (code, output, _) = await RunAsync("send", path);

        Assert.Equal(0, code);
        var traceId = Regex.Match(output, "Identyfikator śladu[^:]*: ([0-9a-f]{32})").Groups[1].Value;
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        // The gateway's request and labour's, both continuing pup-feed's trace.
        Assert.True(requests.Count(a => a.TraceId.ToHexString() == traceId && a.Kind == ActivityKind.Server) >= 2,
            $"server spans of trace {traceId}: {requests.Count(a => a.TraceId.ToHexString() == traceId)}");
        // The event waiting in the outbox keeps the trace for the relay and reporting's consumer.
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT trace_parent FROM outbox_messages ORDER BY id DESC LIMIT 1", connection);
        Assert.Contains(traceId, (string)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_rejected_with_a_report_naming_each_row_and_nothing_is_written()
    {
        var path = WriteExport("zly.csv", """
            teryt;wskaźnik;okres;przekrój;wartość
            1203053;registered_unemployed;2024-03;ogółem;640
            1209999;registered_unemployed;2024-03;ogółem;10
            1203053;registered_unemployed;2024-03;kobiety;-3
            1203053;registered_unemployed;2024-03;mężczyźni;12,5
            1203;unemployment_rate;2024-03;ogółem;101,5
            1203053;registered_unemployed;2999-01;ogółem;10
            1203053;registered_unemployed;2024-03;wiek 99;10
            1203053;bezrobotni nieznani;2024-03;ogółem;10
            1203053;registered_unemployed
            """);

        var (code, output, _) = await RunAsync("send", path);

        Assert.Equal(ExitCodes.Rejected, code);
        var report = await File.ReadAllTextAsync(path + ".bledy.txt");
        Assert.Contains("nic nie zostało zapisane", report);
        Assert.Contains("Błędne wiersze: 8 z 9", report);
        Assert.Contains("Wiersz 3, kolumna „teryt”: Nieznany kod TERYT „1209999”", report);
        Assert.Contains("Wiersz 4, kolumna „wartość”: Liczba osób nie może być ujemna", report);
        Assert.Contains("Wiersz 5, kolumna „wartość”: Liczba osób musi być całkowita", report);
        Assert.Contains("Wiersz 6, kolumna „wartość”: Stopa musi mieścić się w przedziale 0–100", report);
        Assert.Contains("Wiersz 7, kolumna „okres”", report);
        Assert.Contains("Wiersz 8, kolumna „przekrój”", report);
        Assert.Contains("Wiersz 9, kolumna „wskaźnik”", report);
        Assert.Contains("Wiersz 10, kolumna „wiersz”: Za mało kolumn", report);
        Assert.Contains("ODRZUCONO", output);
        Assert.Empty(await SeriesAsync("registered_unemployed", "1203053"));
    }

    [Fact]
    public async Task A_row_outside_the_offices_county_is_rejected_by_the_platform_and_the_report_names_it()
    {
        // Local checks know the units but not the key's territory: the platform's answer (status details) makes the report.
        var path = WriteExport("poza-powiatem.csv", """
            teryt;wskaźnik;okres;przekrój;wartość
            1203043;registered_unemployed;2024-05;ogółem;300
            12;registered_unemployed;2024-05;ogółem;9000
            """);

        var (code, output, _) = await RunAsync("send", path);

        Assert.True(code == ExitCodes.Rejected, output);
        var report = await File.ReadAllTextAsync(path + ".bledy.txt");
        Assert.Contains("Błędne wiersze: 1 z 2 (wykryte: platforma: Dane dla jednostek poza obszarem klucza 1203 (powiat chrzanowski): 12", report);
        Assert.Contains("Wiersz 3, kolumna „teryt”: Jednostka 12 (województwo małopolskie) leży poza obszarem klucza 1203 (powiat chrzanowski).", report);
        Assert.Empty(await SeriesAsync("registered_unemployed", "1203043"));
    }

    [Fact]
    public async Task The_watch_folder_sends_good_files_and_sets_bad_ones_aside_with_their_report()
    {
        WriteExport("a-dobry.csv", GoodExport.Replace("2024-01", "2023-11").Replace("02.2024", "12.2023"));
        WriteExport("b-zly.csv", "teryt;wskaźnik;okres;wartość\n1203;registered_unemployed;2023-11;x\n");

        var (code, output, _) = await RunAsync("watch", _folder, "--once", "--settle", "0");

        Assert.Equal(ExitCodes.Rejected, code);
        Assert.True(File.Exists(Path.Combine(_folder, WatchFolder.SentFolder, "a-dobry.csv")), output);
        Assert.True(File.Exists(Path.Combine(_folder, WatchFolder.RejectedFolder, "b-zly.csv")));
        Assert.Contains("„x” nie jest liczbą", await File.ReadAllTextAsync(Path.Combine(_folder, WatchFolder.RejectedFolder, "b-zly.csv.bledy.txt")));
        Assert.Empty(Directory.EnumerateFiles(_folder));
    }

    [Fact]
    public async Task An_unreachable_platform_ends_with_exit_code_3_after_the_retries()
    {
        var path = WriteExport("niedostepna.csv", GoodExport);
        var output = new StringWriter();
        var errors = new StringWriter();
        var address = $"http://127.0.0.1:{Platform.Testing.ServiceTestHost.FreePort()}/";

        var code = await FeedApp.RunAsync(["send", path, "--address", address, "--retries", "2", "--retry-delay", "0.05"], output, errors, CancellationToken.None);

        Assert.Equal(ExitCodes.Unavailable, code);
        Assert.Contains("ponowienie 2/2", errors.ToString());
        Assert.Contains("uruchom ponownie później", errors.ToString());
        Assert.Contains($"nikt nie przyjmuje połączeń pod adresem {address}", errors.ToString());
    }

    [Fact]
    public async Task An_HTTP_1_1_server_at_the_address_is_named_in_Polish_and_not_retried()
    {
        var path = WriteExport("http11.csv", GoodExport);
        var errors = new StringWriter();

        // The gateway's web port (pages, REST) instead of its gRPC port.
        var code = await FeedApp.RunAsync(["send", path, "--address", fixture.Gateway.HttpAddress.ToString(), "--retries", "2", "--retry-delay", "0.05"],
            new StringWriter(), errors, CancellationToken.None);

        Assert.Equal(ExitCodes.Failed, code);
        // Grpc.Net.Client meets the web server either as HTTP_1_1_REQUIRED or, when the server closes first, as a
        // handshake that never completed (CI saw both): either way the clerk is told it is not the gRPC port.
        Assert.Matches($@"pod adresem {Regex.Escape(fixture.Gateway.HttpAddress.ToString())} (odpowiada serwer HTTP/1\.1|przyjął połączenie, ale nie odpowiada jak usługa gRPC)", errors.ToString());
        Assert.Contains("sprawdź adres (--address, PUP_FEED_ADDRESS)", errors.ToString());
        Assert.DoesNotContain("ponowienie", errors.ToString());
    }

    [Fact]
    public async Task A_server_that_closes_before_the_HTTP2_handshake_is_named_and_not_retried()
    {
        // What a web server on the address may do to an HTTP/2 preface: take the connection and close it.
        await using var server = new RawServer((client, _) => { client.Dispose(); return Task.CompletedTask; });
        var path = WriteExport("zamyka.csv", GoodExport);
        var errors = new StringWriter();
        var address = server.Address;

        var code = await FeedApp.RunAsync(["send", path, "--address", address, "--retries", "2", "--retry-delay", "0.05"], new StringWriter(), errors, CancellationToken.None);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains($"serwer pod adresem {address} przyjął połączenie, ale nie odpowiada jak usługa gRPC", errors.ToString());
        Assert.Contains("sprawdź adres (--address, PUP_FEED_ADDRESS)", errors.ToString());
        Assert.DoesNotContain("ponowienie", errors.ToString());
    }

    [Fact]
    public async Task A_server_answering_garbage_is_told_in_Polish()
    {
        await using var server = new RawServer(async (client, ct) =>
        {
            // The client may have closed the connection already (it probes connectivity first).
            try { await client.GetStream().WriteAsync("SSH-2.0-OpenSSH_9.6\r\n"u8.ToArray(), ct); }
            catch (IOException) { }
        });
        var path = WriteExport("smieci.csv", GoodExport);
        var errors = new StringWriter();
        var address = server.Address;

        var code = await FeedApp.RunAsync(["send", path, "--address", address, "--retries", "1", "--retry-delay", "0.05"], new StringWriter(), errors, CancellationToken.None);

        Assert.True(code is ExitCodes.Unavailable or ExitCodes.Failed, errors.ToString());
        // Grpc.Net.Client sees either a handshake that never completed or an HTTP/2 protocol error: both told alike.
        Assert.Contains($"serwer pod adresem {address}", errors.ToString());
        Assert.Contains("sprawdź adres", errors.ToString());
        Assert.DoesNotContain("Error starting gRPC call", errors.ToString());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A plain TCP server on a loopback port the kernel picks, doing <c>serve</c> with each connection: not HTTP/2.</summary>
    private sealed class RawServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public RawServer(Func<TcpClient, CancellationToken, Task> serve)
        {
            _listener.Start();
            Address = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
            _loop = Task.Run(async () =>
            {
                var clients = new List<TcpClient>();
                try
                {
                    while (true)
                    {
                        var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                        clients.Add(client);
                        await serve(client, _stop.Token);
                    }
                }
                catch (OperationCanceledException) { }
                finally { clients.ForEach(c => c.Dispose()); }
            });
        }

        public string Address { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
