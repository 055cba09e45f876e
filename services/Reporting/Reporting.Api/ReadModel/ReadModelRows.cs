namespace Reporting.Api.ReadModel;

/// <summary>A strategy's header as last published by the catalogue.</summary>
public sealed class RmStrategy
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string OwnerKind { get; set; } = "";
    public string[] OwnerUnits { get; set; } = [];
    public string OwnerName { get; set; } = "";
    public int PeriodFrom { get; set; }
    public int PeriodTo { get; set; }
    public string? AdoptedBy { get; set; }
    public string? Mission { get; set; }
    public string? Vision { get; set; }
    public string State { get; set; } = "";
    public string? EvaluationSummaryJson { get; set; }
    /// <summary>Version of the header; the tree has its own (<see cref="TreeVersion"/>), both from the catalogue.</summary>
    public int Version { get; set; }
    public int TreeVersion { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>Archived in the catalogue: no new reports.</summary>
    public bool Archived { get; set; }
}

/// <summary>One node of a strategy tree (area, strategic/operational goal, direction …).</summary>
public sealed class RmNode
{
    public Guid Id { get; set; }
    public Guid StrategyId { get; set; }
    public Guid? ParentId { get; set; }
    public string Kind { get; set; } = "";
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public int SortOrder { get; set; }
    public string[] Implementers { get; set; } = [];
    public bool AreaWide { get; set; }
    /// <summary>The indicators linked to the node, as JSON (a list of <c>IndicatorSnapshot</c>).</summary>
    public string IndicatorsJson { get; set; } = "[]";
}

/// <summary>One version of a monitoring entry.</summary>
public sealed class RmEntry
{
    public Guid EntryId { get; set; }
    public int Version { get; set; }
    public Guid StrategyId { get; set; }
    public Guid DirectionId { get; set; }
    public string DirectionCode { get; set; } = "";
    public int YearFrom { get; set; }
    public int YearTo { get; set; }
    public bool? Realized { get; set; }
    public string? Status { get; set; }
    public string? StatusText { get; set; }
    public string? Description { get; set; }
    public string? Conclusions { get; set; }
    public string[] Implementers { get; set; } = [];
    public DateTimeOffset RecordedAt { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>This version withdraws the period's entry: when it is the newest, the period has no entry.</summary>
    public bool Withdrawn { get; set; }
}

/// <summary>One revision of a labour-market figure.</summary>
public sealed class RmObservation
{
    public string Indicator { get; set; } = "";
    public string Unit { get; set; } = "";
    public string Period { get; set; } = "";
    public string Breakdown { get; set; } = "";
    public int Revision { get; set; }
    public decimal Value { get; set; }
    public string Source { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>The labour batch that wrote this revision (null for rows stored before it was kept).</summary>
    public string? BatchId { get; set; }
}

/// <summary>One version of an investment zone.</summary>
public sealed class RmZoneVersion
{
    public Guid ZoneId { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public string GminaTeryt { get; set; } = "";
    public string PowiatTeryt { get; set; } = "";
    public string Kind { get; set; } = "";
    public string State { get; set; } = "";
    public decimal TotalAreaHa { get; set; }
    public decimal AvailableAreaHa { get; set; }
    public int? YearEstablished { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}

/// <summary>One version of a plot inside a zone: its state (available, reserved, sold) from then on.</summary>
public sealed class RmPlotVersion
{
    public Guid PlotId { get; set; }
    public int Version { get; set; }
    public Guid ZoneId { get; set; }
    public string ParcelId { get; set; } = "";
    public string GminaTeryt { get; set; } = "";
    public decimal AreaHa { get; set; }
    public string State { get; set; } = "";
    /// <summary>Null for a new plot, and for a version reloaded by the rebuild (zones keeps no history).</summary>
    public string? PreviousState { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}
