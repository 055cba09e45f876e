using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Gateway.Tests;

/// <summary>The portal, the API page and the API answer with a content security policy, no sniffing and no framing.</summary>
public sealed class SecurityHeadersTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/labour.html")]
    [InlineData("/api/v1/zones")]
    [InlineData("/openapi")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var client = fixture.Gateway.CreateHttpClient();
        using var response = await client.GetAsync(path);
        var csp = string.Join(' ', response.Headers.TryGetValues("Content-Security-Policy", out var v) ? v : []);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Matches("script-src 'self'( 'sha256-[^']+')*;", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", string.Join(',', response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", string.Join(',', response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task The_api_pages_inline_script_is_allowed_by_its_hash_and_no_other_is()
    {
        using var client = fixture.Gateway.CreateHttpClient();
        using var response = await client.GetAsync("/openapi");
        var html = await response.Content.ReadAsStringAsync();
        var script = Regex.Match(html, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"'sha256-{hash}'", csp);
        Assert.DoesNotContain("'unsafe-inline' ;", csp.Split("; ").Single(d => d.StartsWith("script-src", StringComparison.Ordinal)) + " ;");
    }
}
