using System.Globalization;
using LabourMarket.Api.Application;
using Microsoft.Extensions.Options;

namespace LabourMarket.Api.Import;

public sealed class DemoDataOptions
{
    public const string SectionName = "DemoData";
    public bool Import { get; set; }
}

/// <summary>
/// Loads the shipped demo figures (DemoData/labour-demo.csv) at start-up when DemoData:Import is true (after the
/// register, see RegisterStartupImport),
/// through the same use case as any feed: one batch with a fixed id, so a restart finds it accepted and
/// changes nothing. Each row names its own source: the seed document where the figure is from it,
/// "dane demonstracyjne" where it is made up.
/// </summary>
public sealed class DemoDataImporter(IServiceScopeFactory scopes, IOptions<DemoDataOptions> options, ILogger<DemoDataImporter> logger) : IHostedService
{
    public const string BatchId = "demo-data-2015-2023-v2";
    public const string ResourceName = "DemoData.labour-demo.csv";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Import) return;
        await using var scope = scopes.CreateAsyncScope();
        var submit = scope.ServiceProvider.GetRequiredService<SubmitObservations>();
        var result = await submit.SubmitAsync(BatchId, "dane demonstracyjne", ReadRows(cancellationToken), CallerContext.Unrestricted, cancellationToken);
        if (result.Outcome == SubmissionOutcome.Rejected)
            throw new InvalidOperationException("The shipped demo data is invalid: " + string.Join("; ", result.Rejections.Take(5).Select(r => $"row {r.Row}: {r.Message}")));
        logger.LogInformation("Demo data {Outcome}: {Accepted} figures new, {Unchanged} already known", result.Outcome, result.Accepted, result.Unchanged);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Layout: indicator;unit;period;breakdown;value;source (header row, invariant decimals).
    private static async IAsyncEnumerable<SubmissionRow> ReadRows([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var stream = typeof(DemoDataImporter).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        await reader.ReadLineAsync(ct);
        var line = 1;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            line++;
            var f = text.Split(';');
            yield return new SubmissionRow(line, f[0], f[1], f[2], f[3], double.Parse(f[4], CultureInfo.InvariantCulture), f[5]);
        }
    }
}
