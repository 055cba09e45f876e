namespace LabourMarket.Api.Domain;

/// <summary>
/// One revision of a figure: indicator × unit × period × breakdown. A later, different figure for the
/// same key is a new revision; the old one stays with <see cref="SupersededAt"/> set, so the value
/// "as known on" any date can be read back.
/// </summary>
public sealed class Observation
{
    public long Id { get; set; }
    public string IndicatorCode { get; set; } = "";
    public string UnitTeryt { get; set; } = "";
    public string Period { get; set; } = "";
    public string PeriodKind { get; set; } = "";
    public string Breakdown { get; set; } = "";
    public int Revision { get; set; }
    public decimal Value { get; set; }
    public string Source { get; set; } = "";
    public string BatchId { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? SupersededAt { get; set; }
}

/// <summary>An accepted batch and the answer it got, so a re-sent batch is answered the same way.</summary>
public sealed class ObservationBatch
{
    public string BatchId { get; set; } = "";
    public string Source { get; set; } = "";
    public string? Territory { get; set; }
    public long Received { get; set; }
    public long Accepted { get; set; }
    public long Unchanged { get; set; }
    public long Revised { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
