using System.Diagnostics;
using BuildingBlocks.Tests.Notes;
using Platform.Testing;

namespace BuildingBlocks.Tests;

/// <summary>Stops the real RabbitMQ, so deploy/test.sh runs this category alone, after the others.</summary>
[Trait("Category", "BrokerOutage")]
public sealed class BrokerOutageTests(NotesFixture fixture) : IClassFixture<NotesFixture>
{
    [Fact]
    public async Task A_change_accepted_while_RabbitMQ_is_stopped_is_published_after_it_starts_again()
    {
        await HealthAssert.ReadyAsync(fixture.Host, "rabbitmq");
        await RabbitMqCtl("stop_app");
        Guid noteId;
        try
        {
            noteId = await fixture.WriteNoteAsync("accepted during the outage"); // the write itself needs no broker
            await Eventually.AssertAsync(async () => (await fixture.OutboxRowsForAsync(noteId)).Single().Attempts > 0,
                TimeSpan.FromSeconds(30), "the relay to try and fail while the broker is down");
            var row = Assert.Single(await fixture.OutboxRowsForAsync(noteId));
            Assert.Null(row.PublishedAt);
            Assert.NotNull(row.LastError);
        }
        finally
        {
            await RabbitMqCtl("start_app");
        }

        await Eventually.AssertAsync(async () => await fixture.HandledCountAsync(noteId) == 1, TimeSpan.FromSeconds(90),
            "the event to be published and handled after the broker is back");
        Assert.NotNull(Assert.Single(await fixture.OutboxRowsForAsync(noteId)).PublishedAt);
    }

    private static async Task RabbitMqCtl(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("rabbitmqctl", command) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"rabbitmqctl {command} failed: {await process.StandardError.ReadToEndAsync()}");
    }
}
