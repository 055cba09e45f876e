using System.Diagnostics;
using System.Net.Http.Headers;
using Benchmarks.Labour;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;

namespace Benchmarks.Territory;

/// <summary>The TERC files a benchmark loads into the labour service (the register's owner) through its REST import.</summary>
public static class RegisterFiles
{
    /// <summary>
    /// The 16-unit register of the demo (powiat chrzanowski, its 5 gminy and their parts, the voivodeship; "PL" is
    /// implied) cut out of the full file, so both registers hold the same rows for those units.
    /// </summary>
    public static string WriteDemoSubset()
    {
        var path = Path.Combine(Path.GetTempPath(), $"terc-demo-{Guid.NewGuid():N}.csv");
        var lines = File.ReadLines(TercFiles.Full).Where((line, i) => i == 0 || line.StartsWith("12;;", StringComparison.Ordinal)
            || line.StartsWith("12;03;", StringComparison.Ordinal));
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>POST /api/v1/territory/register as an administrator; returns the seconds it took.</summary>
    public static async Task<double> ImportAsync(ServiceProcess service, string path)
    {
        using var http = new HttpClient { BaseAddress = service.HttpAddress, Timeout = TimeSpan.FromMinutes(5) };
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/territory/register") { Content = content };
        request.Headers.Add(InternalIdentityToken.HeaderName, TestIdentity.Token(PlatformRoles.Admin, "", "benchmark"));
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var seconds = clock.Elapsed.TotalSeconds;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"register import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return seconds;
    }
}
