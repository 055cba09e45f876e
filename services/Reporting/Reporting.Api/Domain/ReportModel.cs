namespace Reporting.Api.Domain;

/// <summary>
/// A report as content, independent of format: every renderer (HTML, DOCX, PDF, CSV) walks the same
/// model, so the formats cannot disagree. Contains no clock reading except <see cref="DataCutOff"/>.
/// </summary>
public sealed record Report(
    string Kind,
    string Title,
    string Subtitle,
    DateTimeOffset DataCutOff,
    TitlePage Front,
    IReadOnlyList<Section> Sections,
    DirectionTable Directions)
{
    /// <summary>The running header of every page after the title page: the report's kind and the strategy.</summary>
    public string RunningHeader => $"{Front.KindLabel} – {Subtitle}";
}

/// <summary>
/// What the title page says, as the seed's documents do: the report, the strategy and its adopting resolution,
/// its owner and area, the years covered, the data cut-off and who prepared it.
/// </summary>
public sealed record TitlePage(
    string KindLabel,
    string StrategyName,
    string StrategyPeriod,
    string? AdoptedBy,
    string Owner,
    string? Area,
    string Scope,
    string Author);

public sealed record Section(string Title, IReadOnlyList<Block> Blocks);

public abstract record Block;

public sealed record Paragraph(string Text) : Block;

/// <summary>A second-level heading inside a section (e.g. one strategic area).</summary>
public sealed record Subheading(string Text) : Block;

public sealed record BulletList(IReadOnlyList<string> Items) : Block;

/// <summary>A table; <see cref="Widths"/> are relative column widths (for DOCX/print).</summary>
public sealed record Table(string Caption, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<int> Widths) : Block;

/// <summary>A bar chart of one series (e.g. registered unemployed per year); the labels name its axes.</summary>
public sealed record BarChart(string Caption, string ValueLabel, IReadOnlyList<ChartPoint> Points, string CategoryLabel = "rok") : Block;

public sealed record ChartPoint(string Label, decimal Value);

/// <summary>Data-quality findings: contradictions and gaps listed, never silently printed.</summary>
public sealed record FindingList(IReadOnlyList<Finding> Findings) : Block;

public sealed record Finding(string Rule, string Subject, string Text);

/// <summary>The direction table in machine form (the CSV/XLSX export).</summary>
public sealed record DirectionTable(IReadOnlyList<DirectionRow> Rows);

public sealed record DirectionRow(
    string AreaCode,
    string AreaName,
    string GoalCode,
    string GoalName,
    string Code,
    string Title,
    string Period,
    bool? Realized,
    string? Status,
    string? StatusText,
    string? Description,
    string? Conclusions,
    string Implementers);
