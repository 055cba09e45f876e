using System.Text.RegularExpressions;
using EndToEnd.Tests.Harness;
using Platform.Testing;

namespace EndToEnd.Tests.Faults;

/// <summary>
/// A monthly feed of 200 000 figures while the labour-market service crashes and RabbitMQ is down: the
/// feeder retries, every accepted figure is stored once, and the event announcing them reaches reporting
/// once, after the broker is back, so reporting's read model holds exactly labour's figures.
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed partial class FeedThroughFaultsTests(PlatformFixture platform) : IDisposable
{
    private const int Rows = 200_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("e2e-feed-").FullName;

    [Fact]
    public async Task A_feed_survives_a_killed_labour_service_and_a_stopped_broker_and_every_figure_arrives_once()
    {
        await platform.Control.WaitHealthyAsync(TimeSpan.FromMinutes(2));
        var run = Guid.NewGuid().ToString("N")[..8];
        var source = $"E2E awarie {run}";
        var file = LabourExport.Write(Path.Combine(_folder, $"eksport-{run}.csv"), Rows, seed: run.GetHashCode());

        await using var feeder = FeederProcess.Start(platform, file, source, retries: 12);
        var brokerStopped = false;
        string batch;
        try
        {
            // The local check reads the whole file first; right after it, the stream is under way.
            await feeder.WaitForLineAsync(l => l.StartsWith("Sprawdzono", StringComparison.Ordinal), TimeSpan.FromMinutes(3), "the end of the local check");
            await Task.Delay(400);
            await platform.Control.KillAsync("labour");
            await platform.Control.StopRabbitMqAsync();
            brokerStopped = true;
            await platform.Control.StartServiceAsync("labour");

            var exit = await feeder.WaitForExitAsync(TimeSpan.FromMinutes(5));
            Assert.True(exit == 0, $"pup-feed ended with {exit}:\n{feeder.Output}");
            Assert.Contains(feeder.Lines, l => l.Contains("ponowienie", StringComparison.Ordinal)); // the crash reached the feeder
            (batch, var received, var changed) = Summary(feeder.Output);
            Assert.Equal(Rows, received);

            // Accepted while the broker is down: stored, and its event waits in labour's outbox.
            Assert.Equal(changed, await LabourRowsAsync(batch));
            Assert.Equal(1L, await platform.ScalarAsync<long>("labour",
                "SELECT count(*) FROM outbox_messages WHERE aggregate_id = $1 AND published_at IS NULL", batch));
        }
        finally
        {
            if (brokerStopped) await platform.Control.StartRabbitMqAsync();
        }

        await platform.Control.WaitHealthyAsync(TimeSpan.FromMinutes(2));
        var expected = await LabourRowsAsync(batch);
        await Eventually.AssertAsync(async () => await ReportingRowsAsync(source) >= expected, TimeSpan.FromMinutes(4),
            $"reporting's read model to hold the batch's {expected} figures");

        Assert.Equal(expected, await ReportingRowsAsync(source));
        // Same figures, not only as many: the same keys, revisions and values on both sides.
        Assert.Equal(
            await platform.ScalarAsync<string>("labour", $"SELECT md5(string_agg(k, ',' ORDER BY k)) FROM (SELECT {Key("indicator_code", "unit_teryt")} k FROM observations WHERE batch_id = $1) s", batch),
            await platform.ScalarAsync<string>("reporting", $"SELECT md5(string_agg(k, ',' ORDER BY k)) FROM (SELECT {Key("indicator", "unit")} k FROM rm_observations WHERE source = $1) s", source));
        // Published once, handled once.
        var messageId = await platform.ScalarAsync<Guid>("labour", "SELECT message_id FROM outbox_messages WHERE aggregate_id = $1", batch);
        Assert.NotNull(await platform.ScalarAsync<DateTime?>("labour", "SELECT published_at FROM outbox_messages WHERE aggregate_id = $1", batch));
        Assert.Equal(1L, await platform.ScalarAsync<long>("reporting", "SELECT count(*) FROM inbox_messages WHERE message_id = $1", messageId));
    }

    private static string Key(string indicator, string unit) =>
        $"concat_ws('|', {indicator}, {unit}, period, breakdown, revision, trim_scale(value))";

    private Task<long> LabourRowsAsync(string batch) =>
        platform.ScalarAsync<long>("labour", "SELECT count(*) FROM observations WHERE batch_id = $1", batch);

    private Task<long> ReportingRowsAsync(string source) =>
        platform.ScalarAsync<long>("reporting", "SELECT count(*) FROM rm_observations WHERE source = $1", source);

    /// <summary>"PRZYJĘTO paczkę {id}: {n} wierszy — nowe {a}, korekty {r}, bez zmian {u} …" (or its re-run form)</summary>
    private static (string Batch, long Received, long Changed) Summary(string output)
    {
        var m = AcceptedLine().Match(output);
        Assert.True(m.Success, "pup-feed printed no acceptance:\n" + output);
        // N0 follows the process culture: "200 000", "200,000" or "200000".
        static long N(Group g) => long.Parse(Regex.Replace(g.Value, @"\D", ""));
        return (m.Groups["batch"].Value, N(m.Groups["received"]), N(m.Groups["new"]) + N(m.Groups["revised"]));
    }

    // A retry whose first attempt was stored prints the first answer ("PRZYJĘTO już wcześniej paczkę … wtedy nowe …").
    [GeneratedRegex(@"PRZYJĘTO (?:już wcześniej )?paczkę (?<batch>\S+)(?: \([^)]*\))?: (?<received>[\d\s,.]+?) wiersz\w* — (?:wtedy )?nowe (?<new>[\d\s,.]+?), korekty (?<revised>[\d\s,.]+?), bez zmian")]
    private static partial Regex AcceptedLine();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
