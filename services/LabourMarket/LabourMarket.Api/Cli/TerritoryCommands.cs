using LabourMarket.Api.Territory;
using Npgsql;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Persistence;

namespace LabourMarket.Api.Cli;

/// <summary>
/// Administration of the TERYT register from the command line, with the service's own configuration (database):
///   territory import &lt;file&gt;   loads or updates the register from a GUS TERC file and prints the report
/// Exit codes: 0 loaded (or unchanged), 1 the file was refused (the lines at fault are printed), 2 usage or an unreadable file.
/// The event for the other services waits in the outbox and is published once the service runs.
/// </summary>
public static class TerritoryCommands
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int Usage = 2;

    public static bool Matches(string[] args) => args is ["territory", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args is not ["territory", "import", var path])
        {
            await Console.Error.WriteLineAsync("użycie: LabourMarket.Api territory import <plik TERC>");
            return Usage;
        }
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"błąd: nie ma pliku {path}");
            return Usage;
        }
        if (new FileInfo(path).Length > RegisterImport.MaxFileBytes)
        {
            await Console.Error.WriteLineAsync($"błąd: plik {path} jest większy niż {RegisterImport.MaxFileBytes / 1024 / 1024} MiB; to nie jest plik TERC");
            return Usage;
        }

        // The command may run before the service ever started: bring the schema up first.
        await MigrationRunner.ApplyAsync(app.Services.GetRequiredService<NpgsqlDataSource>(),
            app.Services.GetServices<MigrationSource>(), app.Logger, CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<RegisterImport>();
        try
        {
            await using var file = File.OpenRead(path);
            var report = await import.ImportAsync(file, Path.GetFileName(path), RegisterImport.ServiceItself("wiersz poleceń"), CancellationToken.None);
            Console.Write(RegisterReportText.Format(report));
            return Ok;
        }
        catch (ValidationFailedException ex)
        {
            await Console.Error.WriteLineAsync($"Plik {path} odrzucony; rejestr bez zmian:");
            foreach (var (field, reasons) in ex.Errors)
                foreach (var reason in reasons) await Console.Error.WriteLineAsync($"  {field}: {reason}");
            return Refused;
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"błąd: nie można odczytać pliku {path}: {ex.Message}");
            return Usage;
        }
    }
}
