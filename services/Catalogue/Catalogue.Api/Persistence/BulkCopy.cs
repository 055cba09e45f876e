using Catalogue.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.Outbox;

namespace Catalogue.Api.Persistence;

/// <summary>
/// Writes an import's monitoring entries and their outbox rows by binary COPY on the context's own
/// connection and transaction: tens of thousands of rows in one statement each instead of EF's
/// batched INSERTs, still committed (or rolled back) together with the rest of the import.
/// </summary>
public static class BulkCopy
{
    public static async Task EntriesAsync(CatalogueDbContext db, IReadOnlyList<MonitoringEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY monitoring_entries (id, direction_id, strategy_id, year_from, year_to, version, realized, status, status_text, " +
            "description, conclusions, implementers, evidence_links, recorded_by, recorded_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var e in entries)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(e.DirectionId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(e.StrategyId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(e.YearFrom, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(e.YearTo, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(e.Version, NpgsqlDbType.Integer, ct);
            await WriteNullableAsync(writer, e.Realized, NpgsqlDbType.Boolean, ct);
            await WriteNullableAsync(writer, e.Status, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, e.StatusText, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, e.Description, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, e.Conclusions, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(e.Implementers, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await writer.WriteAsync(e.EvidenceLinks, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await writer.WriteAsync(e.RecordedBy, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(e.RecordedAt, NpgsqlDbType.TimestampTz, ct);
        }
        await writer.CompleteAsync(ct);
    }

    /// <summary>Outbox rows in list order; their identity ids follow whatever SaveChanges wrote before, so the relay keeps the order.</summary>
    public static async Task OutboxAsync(CatalogueDbContext db, IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        if (messages.Count == 0) return;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY outbox_messages (message_id, aggregate_id, message_type, body, correlation_id, occurred_at, attempts) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var m in messages)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(m.MessageId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(m.AggregateId, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(m.MessageType, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(m.Body, NpgsqlDbType.Jsonb, ct);
            await WriteNullableAsync(writer, m.CorrelationId, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(m.OccurredAt, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(0, NpgsqlDbType.Integer, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);
}
