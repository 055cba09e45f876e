namespace Platform.Testing;

/// <summary>
/// The GUS TERC file the tests load the full register from. It is public reference data an operator downloads; the
/// repository carries no copy, so it is found beside the checkout (<c>shared/data/teryt/TERC*.csv</c>) or named by
/// <c>PLATFORM_TERC_FILE</c>.
/// </summary>
public static class TercFiles
{
    public const string EnvironmentVariable = "PLATFORM_TERC_FILE";
    private const string SharedFolder = "shared/data/teryt";

    private static readonly Lazy<string> FullPath = new(Locate);

    /// <summary>Path of the full TERC file: <c>PLATFORM_TERC_FILE</c>, else the newest <c>shared/data/teryt/TERC*.csv</c>
    /// found walking up from the test's base directory.</summary>
    public static string Full => FullPath.Value;

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new InvalidOperationException($"{EnvironmentVariable} names {configured}, which does not exist.");

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, SharedFolder);
            if (!Directory.Exists(folder)) continue;
            // GUS names files TERC_Urzedowy_yyyy-MM-dd.csv, so the newest state sorts last.
            var newest = Directory.GetFiles(folder, "TERC*.csv").OrderBy(Path.GetFileName, StringComparer.Ordinal).LastOrDefault();
            if (newest is not null) return newest;
        }
        throw new InvalidOperationException(
            $"No TERC file: set {EnvironmentVariable} to a GUS TERC file, or put one as {SharedFolder}/TERC*.csv in a directory " +
            $"above {AppContext.BaseDirectory} (e.g. ../shared/data/teryt beside the checkout).");
    }
}
