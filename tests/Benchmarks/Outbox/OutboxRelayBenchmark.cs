using System.Diagnostics;
using System.Diagnostics.Metrics;
using Benchmarks.Harness;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Persistence;
using Platform.Testing;

namespace Benchmarks.Outbox;

/// <summary>
/// Issue 20: the outbox relay's throughput on one broker in one run: the relay before the issue (one row at a
/// time), the relay now (batches, aggregates published concurrently, one UPDATE per batch), and the ceiling —
/// MassTransit publishing the same messages with confirms straight from memory. Each path sends the same
/// events (plot state changes of many zones) to the same exchange, bound to one queue nobody consumes.
/// Goal: the relay ≥ 0.8× the ceiling and ≥ 10× the old relay.
/// </summary>
public sealed class OutboxRelayBenchmark : IBenchmark
{
    private const string Queue = "outbox-bench";

    public string Name => "outbox";

    public async Task RunAsync(BenchmarkContext context)
    {
        var events = context.Size(full: 50_000, smoke: 600);
        var warmup = context.Size(full: 3_000, smoke: 100);
        var workload = new OutboxWorkload(events, zones: context.Size(full: 5_000, smoke: 60));
        var options = new OutboxRelayOptions();
        // To try other settings by hand: OUTBOX_BATCH=… OUTBOX_CONCURRENCY=…
        if (Environment.GetEnvironmentVariable("OUTBOX_BATCH") is { } b) options.BatchSize = int.Parse(b);
        if (Environment.GetEnvironmentVariable("OUTBOX_CONCURRENCY") is { } c) options.Concurrency = int.Parse(c);

        await using var database = await TestDatabase.CreateAsync("outboxbench");
        await using var vhost = await TestVirtualHost.CreateAsync("outboxbench");
        await using var dataSource = database.CreateDataSource();
        await MigrationRunner.ApplyAsync(dataSource, [new MigrationSource("messaging", typeof(OutboxRelay).Assembly)], NullLogger.Instance, default);
        await new EventTap(vhost, Queue, OutboxWorkload.ExchangeNamespace, [OutboxWorkload.ExchangeType]).BindAsync();
        using var management = TestVirtualHost.CreateManagementClient();

        await using var provider = BusProvider(vhost.Name);
        var busControl = provider.GetRequiredService<IBusControl>();
        await busControl.StartAsync();
        try
        {
            var bus = provider.GetRequiredService<IBus>();
            var logger = provider.GetRequiredService<ILogger<OutboxRelay>>();

            async Task<Run> Old(int count)
            {
                await workload.SeedAsync(dataSource, count);
                var cpu = CpuNow();
                var watch = Stopwatch.StartNew();
                await new SequentialOutboxRelayBaseline(dataSource, bus).RunUntilEmptyAsync(default);
                return Measured(await FinishedAsync(dataSource, watch, count), cpu, count);
            }

            async Task<Run> New(int count)
            {
                await workload.SeedAsync(dataSource, count);
                using var published = new PublishedCounter();
                var relay = new OutboxRelay(dataSource, bus, busControl, new OutboxSignal(), Options.Create(options), logger);
                var cpu = CpuNow();
                var watch = Stopwatch.StartNew();
                await relay.StartAsync(default);
                while (published.Count < count) await Task.Delay(2);
                while (await PendingAsync(dataSource)) await Task.Delay(2); // confirmed, now marked as well
                var run = Measured(await FinishedAsync(dataSource, watch, count), cpu, count);
                await relay.StopAsync(default);
                return run;
            }

            async Task<Run> Ceiling(int count, int concurrency)
            {
                var cpu = CpuNow();
                var watch = Stopwatch.StartNew();
                await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
                {
                    var row = workload.Rows[i];
                    await bus.Publish(workload.Messages[i], context =>
                    {
                        context.MessageId = row.MessageId;
                        context.CorrelationId = Guid.Parse(row.CorrelationId!);
                        context.Headers.Set(Platform.Messaging.MessageHeaders.AggregateId, row.AggregateId);
                    }, ct);
                });
                return Measured(count / watch.Elapsed.TotalSeconds, cpu, count);
            }

            // Each path warms up (JIT, pools, the broker's queue) on the first rows, then runs the whole workload:
            // the old relay once (it is slow), the new relay and the ceiling in alternating rounds, medians reported,
            // as the machine is shared and its load moves between runs.
            var inFlight = Math.Max(256, options.Concurrency);
            await Old(warmup);
            await New(warmup);
            await Ceiling(warmup, inFlight);
            await PurgeAsync(management, vhost.Name);
            context.Report($"{events:N0} events of {workload.Rows.Select(r => r.AggregateId).Distinct().Count():N0} aggregates; " +
                           $"relay batch {options.BatchSize}, concurrency {options.Concurrency}; ceiling {inFlight} in flight");

            var old = await Old(events);
            context.Report($"old relay (one row at a time): {old.Rate:N0} msg/s ({old.CpuUs:0} µs CPU/msg, broker {old.BrokerCpuUs:0} µs)");
            await PurgeAsync(management, vhost.Name);
            var relayed = new List<Run>();
            var ceiling = new List<Run>();
            var ratios = new List<double>(); // per round: both paths ran under about the same load
            for (var round = 0; round < context.Size(full: 3, smoke: 1); round++)
            {
                if (round % 2 == 0) relayed.Add(await New(events));
                await PurgeAsync(management, vhost.Name);
                ceiling.Add(await Ceiling(events, inFlight));
                await PurgeAsync(management, vhost.Name);
                if (round % 2 == 1) relayed.Add(await New(events));
                await PurgeAsync(management, vhost.Name);
                ratios.Add(relayed[^1].Rate / ceiling[^1].Rate);
                context.Report($"round {round + 1}: new relay {relayed[^1].Rate:N0} msg/s ({relayed[^1].CpuUs:0} µs CPU/msg, broker {relayed[^1].BrokerCpuUs:0} µs), " +
                               $"ceiling {ceiling[^1].Rate:N0} msg/s ({ceiling[^1].CpuUs:0} µs CPU/msg, broker {ceiling[^1].BrokerCpuUs:0} µs), new/ceiling {ratios[^1]:0.00}×");
            }
            var newRate = Median(relayed.Select(r => r.Rate));
            var ceilingRate = Median(ceiling.Select(r => r.Rate));
            context.Report($"old {old.Rate:N0} msg/s, new {newRate:N0} msg/s, ceiling {ceilingRate:N0} msg/s (medians); " +
                           $"CPU of this process per message: old {old.CpuUs:0} µs, new {Median(relayed.Select(r => r.CpuUs)):0} µs, ceiling {Median(ceiling.Select(r => r.CpuUs)):0} µs");
            context.Report($"new/ceiling {Median(ratios):0.00}× (median of rounds; goal ≥ 0.8×), new/old {newRate / old.Rate:0.0}× (goal ≥ 10×)");
        }
        finally
        {
            await busControl.StopAsync();
        }
    }

    /// <param name="CpuUs">CPU of this process per message (relay, MassTransit, RabbitMQ client; not PostgreSQL).</param>
    /// <param name="BrokerCpuUs">CPU of the RabbitMQ server (beam.smp, when it runs on this machine) per message.</param>
    private readonly record struct Run(double Rate, double CpuUs, double BrokerCpuUs);

    private static (TimeSpan Self, TimeSpan Broker) CpuNow() =>
        (Process.GetCurrentProcess().TotalProcessorTime, Process.GetProcessesByName("beam.smp").Aggregate(TimeSpan.Zero, (sum, p) =>
        {
            using (p) return sum + p.TotalProcessorTime;
        }));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static Run Measured(double rate, (TimeSpan Self, TimeSpan Broker) before, int count)
    {
        var now = CpuNow();
        return new Run(rate, (now.Self - before.Self).TotalMicroseconds / count, (now.Broker - before.Broker).TotalMicroseconds / count);
    }

    private static ServiceProvider BusProvider(string virtualHost)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddMassTransit(x => x.UsingRabbitMq((_, cfg) => cfg.Host(TestEnvironment.RabbitMqHost, (ushort)TestEnvironment.RabbitMqPort, virtualHost, h =>
        {
            h.Username(TestEnvironment.RabbitMqUser);
            h.Password(TestEnvironment.RabbitMqPassword);
        })));
        return services.BuildServiceProvider();
    }

    private static async Task<bool> PendingAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM outbox_messages WHERE published_at IS NULL)");
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Messages per second up to now, once every row is marked published.</summary>
    private static async Task<double> FinishedAsync(NpgsqlDataSource dataSource, Stopwatch watch, int count)
    {
        var seconds = watch.Elapsed.TotalSeconds;
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM outbox_messages WHERE published_at IS NOT NULL");
        var published = (long)(await command.ExecuteScalarAsync())!;
        if (published != count) throw new InvalidOperationException($"{published} of {count} rows marked published");
        return count / seconds;
    }

    private static async Task PurgeAsync(HttpClient management, string virtualHost) =>
        (await management.DeleteAsync($"api/queues/{Uri.EscapeDataString(virtualHost)}/{Queue}/contents")).EnsureSuccessStatusCode();

    /// <summary>Counts the relay's confirmed publishes (the platform.outbox.published counter) without touching the database.</summary>
    private sealed class PublishedCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public PublishedCounter()
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MessagingMetrics.MeterName && instrument.Name == "platform.outbox.published") l.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
