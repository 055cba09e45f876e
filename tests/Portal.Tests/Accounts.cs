using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.Tests;

/// <summary>
/// People's accounts for the browser tests, made as an administrator makes them (REST with the demo admin's token),
/// and the sign-in a person goes through: the gateway's login page, the one-time password replaced at first.
/// </summary>
public static class Accounts
{
    public const string NewPassword = "Strategia2026Chrzanow";

    /// <summary>A new account (a login unique to this run) and its one-time password.</summary>
    public static async Task<(string Login, string OneTimePassword)> CreateAsync(PortalFixture portal, string role, string territory, string name)
    {
        var login = $"test.{role}.{Guid.NewGuid().ToString("N")[..8]}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/admin/users")
        {
            Content = JsonContent.Create(new { login, name, role, territory }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", portal.Token("ADMIN_TOKEN"));
        using var response = await portal.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"creating {login} answered {(int)response.StatusCode}: {body}");
        return (login, JsonDocument.Parse(body).RootElement.GetProperty("oneTimePassword").GetString()!);
    }

    public static async Task<JsonElement> UserAsync(PortalFixture portal, string login)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/admin/users/{login}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", portal.Token("ADMIN_TOKEN"));
        using var response = await portal.Http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Types the login and password into the gateway's login page (the browser is on it).</summary>
    public static async Task SubmitPasswordAsync(IPage page, string login, string password)
    {
        await page.WaitForSelectorAsync("#login-form");
        await page.FillAsync("#login", login);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
