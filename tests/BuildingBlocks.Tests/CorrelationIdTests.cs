using BuildingBlocks.Tests.Notes;

namespace BuildingBlocks.Tests;

public sealed class CorrelationIdTests(NotesFixture fixture) : IClassFixture<NotesFixture>
{
    [Fact]
    public async Task The_callers_correlation_id_is_returned_and_a_missing_or_unsafe_one_is_replaced()
    {
        using var client = fixture.Host.CreateHttpClient();

        using var given = new HttpRequestMessage(HttpMethod.Get, "health/live");
        given.Headers.Add("X-Correlation-Id", "pup-1203-2026-11");
        using var echoed = await client.SendAsync(given);
        Assert.Equal("pup-1203-2026-11", echoed.Headers.GetValues("X-Correlation-Id").Single());

        using var unsafeRequest = new HttpRequestMessage(HttpMethod.Get, "health/live");
        unsafeRequest.Headers.TryAddWithoutValidation("X-Correlation-Id", "<script>");
        using var replaced = await client.SendAsync(unsafeRequest);
        var id = replaced.Headers.GetValues("X-Correlation-Id").Single();
        Assert.NotEqual("<script>", id);
        Assert.Equal(32, id.Length);
    }
}
