using System.Reflection;

namespace Platform.ServiceDefaults.Persistence;

/// <summary>
/// Versioned SQL scripts embedded in an assembly (EF Core's design-time tooling cannot be restored
/// here). Scripts apply in ordinal order of their file names, e.g. <c>0001_initial.sql</c>.
/// </summary>
public sealed record MigrationSource(string Scope, Assembly Assembly)
{
    public IReadOnlyList<MigrationScript> LoadScripts()
    {
        var scripts = new List<MigrationScript>();
        foreach (var resource in Assembly.GetManifestResourceNames())
        {
            if (!resource.EndsWith(".sql", StringComparison.Ordinal)) continue;
            using var stream = Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            // Resource names are "<namespace>.<folder>.<file>.sql": the file name is the version.
            var withoutExtension = resource[..^4];
            var fileName = withoutExtension[(withoutExtension.LastIndexOf('.') + 1)..];
            scripts.Add(new MigrationScript($"{Scope}/{fileName}", reader.ReadToEnd()));
        }
        scripts.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return scripts;
    }
}

public sealed record MigrationScript(string Id, string Sql);
