using System.Diagnostics;
using BuildingBlocks.Tests.Notes;
using Platform.Testing;

namespace BuildingBlocks.Tests;

/// <summary>A change and what its consumers do with it are one trace: the outbox keeps the trace context across the wait.</summary>
public sealed class TraceTests(NotesFixture fixture) : IClassFixture<NotesFixture>
{
    private const string SourceName = "BuildingBlocks.Tests";
    private static readonly ActivitySource Source = new(SourceName);

    [Fact]
    public async Task The_consumer_of_an_outbox_event_continues_the_trace_of_the_change()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        Guid noteId;
        string traceId;
        using (var request = Source.StartActivity("write note"))
        {
            Assert.NotNull(request);
            traceId = request.TraceId.ToHexString();
            noteId = await fixture.WriteNoteAsync("śledzona notatka");
        }
        var row = Assert.Single(await fixture.OutboxRowsForAsync(noteId));
        Assert.Contains(traceId, row.TraceParent);

        await Eventually.AssertAsync(() => Task.FromResult(NoteWrittenConsumer.TraceIds.ContainsKey(noteId)), TimeSpan.FromSeconds(30), "note handled");
        Assert.Equal(traceId, NoteWrittenConsumer.TraceIds[noteId]);
    }
}

/// <summary>Each host serves its metrics in the Prometheus text format, the platform's own counters among them.</summary>
public sealed class MetricsTests(NotesFixture fixture) : IClassFixture<NotesFixture>
{
    [Fact]
    public async Task Metrics_are_served_in_the_prometheus_text_format_with_the_outbox_counters()
    {
        var noteId = await fixture.WriteNoteAsync("policzona notatka");
        await Eventually.AssertAsync(async () => await fixture.HandledCountAsync(noteId) == 1, TimeSpan.FromSeconds(30), "note handled");

        using var client = fixture.Host.CreateHttpClient();
        (await client.GetAsync("health/live")).EnsureSuccessStatusCode();
        var text = "";
        await Eventually.AssertAsync(async () =>
        {
            text = await client.GetStringAsync("metrics");
            return text.Contains("platform_outbox_published_total") && text.Contains("http_server_request_duration_seconds");
        }, TimeSpan.FromSeconds(30), "outbox counter exported");
        Assert.Contains("# TYPE platform_outbox_published_total counter", text);
        Assert.Contains("http_server_request_duration_seconds", text);
    }
}
