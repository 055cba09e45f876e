using Microsoft.Extensions.DependencyInjection;
using Platform.Territory;
using Platform.Territory.Persistence;

namespace Platform.Testing;

/// <summary>
/// The full TERYT register (<see cref="TercFiles.Full"/>, parsed once per test run) put straight into a service's
/// register tables — the owner's or a copy — as the copy consumer would, so each fixture starts with all of Poland.
/// </summary>
public static class TestRegister
{
    private static readonly Lazy<(IReadOnlyList<TerritorialUnit> Units, RegisterVersion Version)> Full = new(() =>
    {
        using var file = File.OpenRead(TercFiles.Full);
        var snapshot = TercFile.Parse(file);
        return (RegisterUpdate.Apply([], snapshot, null).Units, new RegisterVersion(1, snapshot.StateAsOf));
    });

    public static IReadOnlyList<TerritorialUnit> FullUnits => Full.Value.Units;

    public static async Task LoadFullAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ITerritoryRegisterStore>().ReplaceAsync(Full.Value.Units, Full.Value.Version, ct);
        services.GetRequiredService<TerritoryRegisterCache>().Invalidate();
    }
}
