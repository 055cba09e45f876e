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

            async Task<double> Old(int count)
            {
                await workload.SeedAsync(dataSource, count);
                var watch = Stopwatch.StartNew();
                await new SequentialOutboxRelayBaseline(dataSource, bus).RunUntilEmptyAsync(default);
                return await FinishedAsync(dataSource, watch, count);
            }

            async Task<double> New(int count)
            {
                await workload.SeedAsync(dataSource, count);
                using var published = new PublishedCounter();
                var relay = new OutboxRelay(dataSource, bus, busControl, new OutboxSignal(), Options.Create(options), logger);
                var watch = Stopwatch.StartNew();
                await relay.StartAsync(default);
                while (published.Count < count) await Task.Delay(2);
                while (await PendingAsync(dataSource)) await Task.Delay(2); // confirmed, now marked as well
                var rate = await FinishedAsync(dataSource, watch, count);
                await relay.StopAsync(default);
                return rate;
            }

            async Task<double> Ceiling(int count, int concurrency)
            {
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
                return count / watch.Elapsed.TotalSeconds;
            }

            // Each path warms up (JIT, pools, the broker's queue) on the first rows, then runs the whole workload.
            await Old(warmup);
            await New(warmup);
            await Ceiling(warmup, options.Concurrency);
            await PurgeAsync(management, vhost.Name);
            context.Report($"{events:N0} events of {workload.Rows.Select(r => r.AggregateId).Distinct().Count():N0} aggregates; " +
                           $"relay batch {options.BatchSize}, concurrency {options.Concurrency}");

            var old = await Old(events);
            context.Report($"old relay (one row at a time):     {old,10:N0} msg/s");
            await PurgeAsync(management, vhost.Name);
            var relayed = await New(events);
            context.Report($"new relay (batched, concurrent):   {relayed,10:N0} msg/s");
            await PurgeAsync(management, vhost.Name);
            var ceiling = 0d;
            foreach (var concurrency in new[] { options.Concurrency, 256 })
            {
                var rate = await Ceiling(events, concurrency);
                context.Report($"ceiling (MassTransit from memory, {concurrency} in flight): {rate,10:N0} msg/s");
                ceiling = Math.Max(ceiling, rate);
                await PurgeAsync(management, vhost.Name);
            }
            context.Report($"new/ceiling {relayed / ceiling:0.00}× (goal ≥ 0.8×), new/old {relayed / old:0.0}× (goal ≥ 10×)");
        }
        finally
        {
            await busControl.StopAsync();
        }
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
