namespace Platform.Territory.Persistence;

/// <summary>A row of register_units; former names as JSON (read whole, never queried).</summary>
public sealed class RegisterUnitRecord
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Level { get; set; } = "";
    public string? Kind { get; set; }
    public string? ParentCode { get; set; }
    public string? Description { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string FormerNames { get; set; } = "[]";
}

/// <summary>The single row of register_state: which version of the register this database holds.</summary>
public sealed class RegisterStateRecord
{
    public int Id { get; set; } = 1;
    public int Version { get; set; }
    public DateOnly? StateAsOf { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An import report kept by the register's owner.</summary>
public sealed class RegisterImportRecord
{
    public long Id { get; set; }
    public int Version { get; set; }
    public string? FileName { get; set; }
    public DateOnly StateAsOf { get; set; }
    public string Encoding { get; set; } = "";
    public int Rows { get; set; }
    public int Added { get; set; }
    public int Renamed { get; set; }
    public int Ended { get; set; }
    public int Reinstated { get; set; }
    public string Report { get; set; } = "{}";
    public DateTimeOffset ImportedAt { get; set; }
    public string? ImportedBy { get; set; }
}

/// <summary>Version and state date of the register a database holds.</summary>
public sealed record RegisterVersion(int Version, DateOnly? StateAsOf);
