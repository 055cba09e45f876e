using System.Security.Cryptography;
using EndToEnd.Tests.Harness;

namespace EndToEnd.Tests.Faults;

/// <summary>PostgreSQL restarted under a report job: the job completes whole or fails saying why — never a success with parts missing.</summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class PostgresRestartTests(PlatformFixture platform)
{
    private static readonly string[] Sections = ["Podsumowanie", "Wskaźniki", "Strefy inwestycyjne", "Jakość danych"];

    [Fact]
    public async Task A_report_job_cut_by_a_PostgreSQL_restart_completes_whole_or_fails_with_a_reason()
    {
        await platform.Control.WaitHealthyAsync(TimeSpan.FromMinutes(2));
        using var http = platform.Http(platform.Credential("ANALYST_TOKEN"));
        var strategy = await Reports.DemoStrategyIdAsync(http);

        var id = await Reports.StartFinalEvaluationAsync(http, strategy);
        await platform.Control.RestartPostgresAsync();
        var job = await Reports.WaitFinishedAsync(http, id, TimeSpan.FromMinutes(4));

        var artifacts = job.GetProperty("artifacts").EnumerateArray().ToList();
        if (job.GetProperty("state").GetString() == "failed")
        {
            Assert.False(string.IsNullOrWhiteSpace(job.GetProperty("error").GetString()), "a failed job says why");
            Assert.Empty(artifacts);
        }
        else
        {
            Assert.Equal(["csv", "docx", "html", "pdf", "xlsx"], artifacts.Select(a => a.GetProperty("format").GetString()).Order());
            foreach (var artifact in artifacts)
            {
                var bytes = await http.GetByteArrayAsync(artifact.GetProperty("href").GetString()!.TrimStart('/'));
                Assert.Equal(artifact.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            }
            var html = await http.GetStringAsync($"api/v1/reports/{id}/content.html");
            foreach (var section in Sections) Assert.Matches($"<h2 id=\"s\\d+\">\\d+\\. {section}</h2>", html);
            Assert.Contains("92", html);
        }
        await platform.Control.WaitHealthyAsync(TimeSpan.FromMinutes(2));
    }
}
