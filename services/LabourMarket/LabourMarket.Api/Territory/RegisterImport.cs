using System.Text.Json;
using LabourMarket.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Identity;
using Platform.Territory;
using Platform.Territory.Persistence;

namespace LabourMarket.Api.Territory;

/// <summary>
/// Loads or updates the TERYT register from a GUS TERC file, for every transport (REST, gRPC, the CLI, the
/// demo import). The file is parsed and merged with the stored units (history kept); then, in one
/// transaction, the new units, the import report and the <c>TerritorialRegisterChanged</c> event carrying
/// the whole register go to the database. A file that changes nothing keeps the version but still publishes
/// the register, so a service whose copy is empty catches up by re-running the import.
/// </summary>
public sealed class RegisterImport(
    LabourMarketDbContext db, ITerritoryRegisterStore store, TerritoryRegisterCache cache, TimeProvider clock, ILogger<RegisterImport> logger)
{
    /// <summary>The whole country is ~200 KB; ten times that is certainly not a TERC file.</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    public const string DemoResourceName = "DemoData.terc-demo.csv";

    // Two imports at once would both merge against the same stored state: the second waits for the first.
    private const long ImportLockKey = 0x5445_5259_5449_4D; // "TERYTIM"

    /// <summary>Who runs an import without a request: the CLI on the host, or the demo import at start-up.</summary>
    public static PlatformCaller ServiceItself(string name) =>
        new("service:labour:" + name, name, new HashSet<string> { PlatformRoles.Admin }, null);

    public async Task<RegisterImportReport> ImportAsync(Stream file, string? fileName, PlatformCaller caller, CancellationToken ct)
    {
        // The register is every service's reference data: administrators only.
        caller.DemandRole("wczytać rejestru TERYT", PlatformRoles.Admin);
        fileName = CleanFileName(fileName);
        var snapshot = Parse(file);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ImportLockKey})", ct);
        var held = await store.GetVersionAsync(ct);
        var current = held is null ? [] : await store.LoadUnitsAsync(ct);
        RegisterChanges changes;
        try { changes = RegisterUpdate.Apply(current.ToList(), snapshot, held?.StateAsOf); }
        catch (TercFormatException ex) { throw ex.ToValidationFailed(); }

        // A file with nothing new and no later state date is the register as it is: same version.
        var changed = held is null || !changes.IsEmpty || snapshot.StateAsOf > held.StateAsOf;
        var version = changed ? new RegisterVersion((held?.Version ?? 0) + 1, Later(snapshot.StateAsOf, held?.StateAsOf)) : held!;
        if (changed) await store.ReplaceAsync(changes.Units, version, ct);

        var now = clock.GetUtcNow();
        var by = caller.Name ?? caller.Subject;
        var index = TerritoryIndex.Build(changes.Units, version.Version, version.StateAsOf);
        var report = new RegisterImportReport(
            version.Version, changed, fileName, snapshot.StateAsOf, snapshot.Encoding, snapshot.Units.Count(u => u.Line > 0), // not the PL root
            changes.Added.Count, changes.Renamed.Count, changes.Ended.Count, changes.Reinstated.Count,
            changes.Added.Select(u => u.ToView(index)).ToList(),
            changes.Renamed.Select(r => new UnitRenameView(r.Code, r.OldName, r.NewName)).ToList(),
            changes.Ended.Select(u => u.ToView(index)).ToList(),
            changes.Reinstated.Select(u => u.ToView(index)).ToList(),
            TerritoryViewMappers.CountsByLevel(index), now, by);

        db.Set<RegisterImportRecord>().Add(new RegisterImportRecord
        {
            Version = version.Version,
            FileName = fileName,
            StateAsOf = snapshot.StateAsOf,
            Encoding = snapshot.Encoding,
            Rows = report.Rows,
            Added = report.Added,
            Renamed = report.Renamed,
            Ended = report.Ended,
            Reinstated = report.Reinstated,
            Report = JsonSerializer.Serialize(report, ReportJson),
            ImportedAt = now,
            ImportedBy = by,
        });
        db.AddIntegrationEvent("territorial-register", RegisterMappers.ToEvent(changes.Units, version, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        cache.Invalidate();

        logger.LogInformation(
            "TERYT register {Outcome}: version {Version}, state as of {StateAsOf}, {Rows} rows of {FileName} — {Added} added, {Renamed} renamed, {Ended} ended, {Reinstated} reinstated",
            changed ? "updated" : "unchanged", version.Version, snapshot.StateAsOf, report.Rows, fileName ?? "(bez nazwy)",
            report.Added, report.Renamed, report.Ended, report.Reinstated);
        return report;
    }

    /// <summary>
    /// Without a TERC file the platform still runs on the demo subset (małopolskie, powiat chrzanowski and its
    /// gminy) shipped with the service; a register already loaded is left as it is.
    /// </summary>
    public async Task<RegisterImportReport?> LoadDemoSubsetIfEmptyAsync(CancellationToken ct)
    {
        if (await store.GetVersionAsync(ct) is not null) return null;
        await using var stream = typeof(RegisterImport).Assembly.GetManifestResourceStream(DemoResourceName)
            ?? throw new InvalidOperationException($"resource {DemoResourceName} is missing");
        return await ImportAsync(stream, "terc-demo.csv", ServiceItself("import demonstracyjny"), ct);
    }

    private static TercSnapshot Parse(Stream file)
    {
        try { return TercFile.Parse(file); }
        catch (TercFormatException ex) { throw ex.ToValidationFailed(); }
    }

    private static DateOnly? Later(DateOnly file, DateOnly? held) => held is { } h && h > file ? h : file;

    private static string? CleanFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        // Only the name, never a client's directory; short enough for a report line.
        var clean = Path.GetFileName(name.Replace('\\', '/').Trim());
        clean = new string(clean.Where(c => !char.IsControl(c)).ToArray());
        return clean.Length == 0 ? null : clean.Length > 200 ? clean[..200] : clean;
    }

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web);
}
