using Grpc.Core;
using LabourMarket.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Labour.V1;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;
using static LabourMarket.Tests.LabourClient;

namespace LabourMarket.Tests;

/// <summary>The feed through gRPC client streaming: batches, re-sends, revisions, bad rows, the event.</summary>
public sealed class ObservationFeedTests(LabourMarketFixture fixture) : IClassFixture<LabourMarketFixture>
{
    private static string NewBatchId() => "test-" + Guid.NewGuid().ToString("N");

    private async Task<int> CountRowsAsync(string batchId)
    {
        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LabourMarketDbContext>();
        return await db.Observations.CountAsync(o => o.BatchId == batchId);
    }

    [Fact]
    public async Task A_batch_goes_in_and_the_same_batch_again_changes_nothing()
    {
        var batchId = NewBatchId();
        ObservationRow[] rows =
        [
            Row("inflow", "1203033", "2012-01", 120), Row("inflow", "1203033", "2012-02", 95),
            Row("inflow", "1203033", "2012-03", 101), Row("inflow", "1203022", "2012-01", 12, "sex:female"),
            Row("unemployment_rate", "1203", "2012", 13.4),
        ];

        var first = await fixture.Channel.SubmitAsync(batchId, rows);
        Assert.Equal((5, 5, 0, 0, 0), (first.Received, first.Accepted, first.Unchanged, first.Revised, first.Rejected));

        var again = await fixture.Channel.SubmitAsync(batchId, rows, chunk: 3);
        Assert.Equal(first, again);
        Assert.Equal(5, await CountRowsAsync(batchId));

        var series = await fixture.Channel.Labour().GetSeriesAsync(new GetSeriesRequest { Indicator = "inflow", Unit = "1203033", From = "2012-01", To = "2012-12" }, deadline: Deadline);
        Assert.Equal([120.0, 95, 101], series.Points.Select(p => p.Value));
        Assert.All(series.Points, p => Assert.Equal(("test PUP", 1, batchId), (p.Source, p.Revision, p.BatchId)));
        Assert.Equal("osoby", series.Indicator.UnitOfMeasure);

        // The same figures under another batch id are known already: nothing changes.
        var sameFigures = await fixture.Channel.SubmitAsync(NewBatchId(), rows);
        Assert.Equal((5, 0, 5, 0), (sameFigures.Received, sameFigures.Accepted, sameFigures.Unchanged, sameFigures.Revised));
    }

    [Fact]
    public async Task A_corrected_figure_becomes_a_revision_and_the_old_one_stays_readable_as_of_then()
    {
        await fixture.Channel.SubmitAsync(NewBatchId(), [Row("outflow", "1203043", "2011-06", 210), Row("outflow", "1203043", "2011-07", 190)]);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(50);

        var correction = await fixture.Channel.SubmitAsync(NewBatchId(), [Row("outflow", "1203043", "2011-06", 214), Row("outflow", "1203043", "2011-07", 190)]);
        Assert.Equal((0, 1, 1), (correction.Accepted, correction.Unchanged, correction.Revised));

        var now = await fixture.Channel.Labour().GetSeriesAsync(new GetSeriesRequest { Indicator = "outflow", Unit = "1203043", From = "2011-06", To = "2011-07" }, deadline: Deadline);
        Assert.Equal([(214.0, 2), (190.0, 1)], now.Points.Select(p => (p.Value, p.Revision)));

        var then = await fixture.Channel.Labour().GetSeriesAsync(new GetSeriesRequest
        {
            Indicator = "outflow", Unit = "1203043", From = "2011-06", To = "2011-07", AsOf = between.ToString("O"),
        }, deadline: Deadline);
        Assert.Equal([(210.0, 1), (190.0, 1)], then.Points.Select(p => (p.Value, p.Revision)));

        // Before anything was received nothing was known.
        var before = await fixture.Channel.Labour().GetSeriesAsync(new GetSeriesRequest { Indicator = "outflow", Unit = "1203043", AsOf = "2000-01-01" }, deadline: Deadline);
        Assert.Empty(before.Points);
    }

    [Fact]
    public async Task A_batch_with_bad_rows_writes_nothing_and_names_every_bad_row()
    {
        var batchId = NewBatchId();
        ObservationRow[] rows =
        [
            Row("inflow", "1203053", "2010-01", 50),
            Row("inflow", "1299999", "2010-02", 50),            // unknown TERYT
            Row("inflow", "1203053", "2010-03", -4),            // negative count
            Row("unemployment_rate", "1203", "2010", 104),      // rate above 100
            Row("inflow", "1203053", "2999-01", 5),             // future
            Row("no_such_indicator", "1203053", "2010-04", 5),
            Row("inflow", "1203053", "2010-05", 5, "sex:unknown"),
            Row("inflow", "1203053", "2010-06", 2.5),           // not an integer
            Row("inflow", "1203053", "2010-13", 5),             // malformed period
        ];

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.SubmitAsync(batchId, rows));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violations = error.FieldViolations().ToDictionary(v => v.Field, v => v.Description);
        Assert.Equal(["rows[2].unit", "rows[3].value", "rows[4].value", "rows[5].period", "rows[6].indicator", "rows[7].breakdown", "rows[8].value", "rows[9].period"],
            violations.Keys.Order());
        Assert.Contains("1299999", violations["rows[2].unit"]);
        var answer = Assert.Single(error.GetRpcStatus()!.Details, d => d.Is(SubmitObservationsResponse.Descriptor)).Unpack<SubmitObservationsResponse>();
        Assert.Equal((9, 0, 8), (answer.Received, answer.Accepted, answer.Rejected));
        Assert.Contains(answer.Rejections, r => r is { Row: 3, Code: "negative_count" });
        Assert.Equal(0, await CountRowsAsync(batchId));
    }

    [Fact]
    public async Task A_batch_with_more_bad_rows_than_the_status_may_carry_names_the_first_200_and_counts_them_all()
    {
        var batchId = NewBatchId();
        var rows = Enumerable.Range(1, 250).Select(i => Row("inflow", "1299999", $"2010-{i % 12 + 1:00}", i)).ToArray();

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.SubmitAsync(batchId, rows, chunk: 100));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(200, error.FieldViolations().Count);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => $"rows[{i}].unit"), error.FieldViolations().Select(v => v.Field));
        var answer = error.Detail<SubmitObservationsResponse>()!;
        Assert.Equal((250, 0, 250, 200), (answer.Received, answer.Accepted, answer.Rejected, answer.Rejections.Count));
        Assert.Contains("250 błędnych wierszy z 250", error.Status.Detail);
        Assert.Equal(0, await CountRowsAsync(batchId));
    }

    [Fact]
    public async Task Long_rejection_reasons_are_cut_so_the_status_fits_the_trailers_a_client_accepts()
    {
        // Each reason quotes the caller's unknown indicator: 300 rows of it uncut would be ~2 MB of trailers,
        // far over the 64 KiB HttpClient (and the gateway's proxy) accepts; the call would end as INTERNAL.
        var batchId = NewBatchId();
        var longCode = new string('x', 3000);
        var rows = Enumerable.Range(1, 300).Select(i => Row(longCode, "1203053", "2010-01", i)).ToArray();

        foreach (var (channel, headers) in new[] { (fixture.Channel, (Metadata?)null), (fixture.Gateway.Channel, new Metadata { { "x-api-key", fixture.PupChrzanowKey } }) })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => channel.SubmitAsync(batchId, rows, chunk: 50, headers: headers));

            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            var violations = error.FieldViolations();
            Assert.InRange(violations.Count, 20, 199);
            Assert.All(violations, v => Assert.Equal("indicator", v.Field[(v.Field.IndexOf('.') + 1)..]));
            Assert.All(violations, v => Assert.InRange(v.Description.Length, 100, 200));
            Assert.StartsWith("Nieznany wskaźnik „xxx", violations[0].Description);
            var answer = error.Detail<SubmitObservationsResponse>()!;
            Assert.Equal((300, 300, violations.Count), (answer.Received, answer.Rejected, answer.Rejections.Count));
            Assert.Contains("Tu wymieniono pierwszych", error.Status.Detail);
        }
        Assert.Equal(0, await CountRowsAsync(batchId));
    }

    [Fact]
    public async Task A_NUL_character_in_any_text_of_the_stream_is_refused_naming_the_field_and_writes_nothing()
    {
        var batchId = NewBatchId();
        var withNulSource = Row("inflow", "1203053", "2008-03", 5);
        withNulSource.Source = "PUP\0Chrzanów";
        ObservationRow[] rows =
        [
            Row("inflow", "1203053", "2008-01", 5),
            Row("inflow\0", "1203053", "2008-02", 5),
            withNulSource,
            Row("inflow", "1203053", "2008-04", 5, "sex:female\0"),
            Row("inflow", "1203053\0", "2008-05\0", 5),
        ];
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.SubmitAsync(batchId, rows));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["rows[2].indicator", "rows[3].source", "rows[4].breakdown", "rows[5].period", "rows[5].unit"],
            error.FieldViolations().Select(v => v.Field).Order());
        Assert.All(error.FieldViolations(), v => Assert.Contains("NUL", v.Description));
        Assert.Equal(0, await CountRowsAsync(batchId));

        // A row whose only fault is the NUL in its free-text source (it would otherwise reach the database).
        error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.SubmitAsync(batchId, [Row("inflow", "1203053", "2008-01", 5), withNulSource]));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("rows[2].source", Assert.Single(error.FieldViolations()).Field);
        Assert.Equal(0, await CountRowsAsync(batchId));

        // The batch's own source, sent in the stream's first message.
        using var call = fixture.Channel.Labour().SubmitObservations(As(PlatformRoles.Admin, ""), Deadline);
        var header = new SubmitObservationsRequest { BatchId = batchId, Source = "PUP\0" };
        header.Rows.Add(Row("inflow", "1203053", "2008-01", 5));
        await call.RequestStream.WriteAsync(header);
        await call.RequestStream.CompleteAsync();
        error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("source", Assert.Single(error.FieldViolations()).Field);
        Assert.Equal(0, await CountRowsAsync(batchId));
    }

    [Fact]
    public async Task The_same_figure_twice_in_one_batch_rejects_it()
    {
        var batchId = NewBatchId();
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.SubmitAsync(batchId,
            [Row("outflow", "1203013", "2010-01", 5), Row("outflow", "1203013", "2010-02", 6), Row("outflow", "1203013", "2010-01", 7)]));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("rows[3].row", Assert.Single(error.FieldViolations()).Field);
        Assert.Equal(0, await CountRowsAsync(batchId));
    }

    [Fact]
    public async Task A_caller_limited_to_a_territory_is_refused_for_a_known_unit_outside_it_and_nothing_is_written()
    {
        var batchId = NewBatchId();
        var headers = As(PlatformRoles.LabourOffice, "1203");
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.SubmitAsync(batchId,
            [Row("inflow", "1203013", "2009-01", 5), Row("inflow", "12", "2009-01", 500)], headers: headers));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("poza obszarem klucza 1203 (powiat chrzanowski)", error.Status.Detail);
        Assert.Contains("12 (województwo małopolskie)", error.Status.Detail);
        // The answer still points at the row, for the office's report.
        var answer = error.Detail<SubmitObservationsResponse>()!;
        Assert.Equal((2, 1), (answer.Received, answer.Rejected));
        Assert.Equal((2L, "unit", "outside_territory"), (answer.Rejections[0].Row, answer.Rejections[0].Field, answer.Rejections[0].Code));
        Assert.Equal(0, await CountRowsAsync(batchId));
    }

    [Fact]
    public async Task An_unknown_code_stays_bad_input_even_for_a_caller_limited_to_a_territory()
    {
        var batchId = NewBatchId();
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.SubmitAsync(batchId,
            [Row("inflow", "1203013", "2009-02", 5), Row("inflow", "1299999", "2009-02", 5)], headers: As(PlatformRoles.LabourOffice, "1203")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("rows[2].unit", Assert.Single(error.FieldViolations()).Field);
        Assert.Contains("Nieznany kod TERYT „1299999”", error.FieldViolations()[0].Description);
        Assert.Equal(0, await CountRowsAsync(batchId));
    }

    [Fact]
    public async Task An_anonymous_or_wrong_role_submission_is_refused_and_writes_nothing()
    {
        var batchId = NewBatchId();
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.SubmitAsync(batchId,
            [Row("inflow", "1203013", "2007-01", 5)], headers: new Metadata()));
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);

        var planner = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.SubmitAsync(batchId,
            [Row("inflow", "1203013", "2007-01", 5)], headers: As(PlatformRoles.Planner, "1203")));
        Assert.Equal(StatusCode.PermissionDenied, planner.StatusCode);
        Assert.Equal(0, await CountRowsAsync(batchId));
    }

    [Fact]
    public async Task An_accepted_batch_publishes_its_event_once()
    {
        var batchId = NewBatchId();
        ObservationRow[] rows = [Row("inflow", "1203022", "2008-01", 33), Row("inflow", "1203022", "2008-02", 31, "sex:male")];
        await fixture.Channel.SubmitAsync(batchId, rows);
        await fixture.Channel.SubmitAsync(batchId, rows);

        await Eventually.AssertAsync(async () => (await fixture.EventsForAsync(batchId)).Count > 0, TimeSpan.FromSeconds(20), "ObservationsPublished");
        await Task.Delay(1500); // a duplicate would come right behind
        var published = Assert.Single(await fixture.EventsForAsync(batchId));

        Assert.Equal(2, published.GetProperty("accepted").GetInt64());
        Assert.Equal(["inflow"], published.GetProperty("indicators").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["2008-01", "2008-02"], published.GetProperty("periods").EnumerateArray().Select(e => e.GetString()));
        Assert.True(published.GetProperty("valuesIncluded").GetBoolean());
        // MassTransit's serializer writes decimals as strings.
        Assert.Equal(["31", "33"], published.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("value").ToString()).Order());
    }
}
