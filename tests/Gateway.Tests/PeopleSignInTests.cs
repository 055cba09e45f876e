using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Identity.SignIn;
using Gateway.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;

namespace Gateway.Tests;

/// <summary>
/// The gateway as an OpenID Connect provider, spoken to the way the portal and machine clients speak to it: real
/// HTTP, cookies, redirects read by hand. Each test makes its own accounts.
/// </summary>
public sealed partial class PeopleSignInTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Callback = "http://127.0.0.1:8080/signin-callback.html";
    private const string Password = "Strategia2026Test";

    [Fact]
    public async Task A_person_signs_in_with_code_and_pkce_uses_the_api_refreshes_and_a_revoked_token_is_refused()
    {
        var login = await AccountAsync(PlatformRoles.Coordinator, "1203");
        var tokens = await SignInAsync(login, Password);
        var access = tokens.GetProperty("access_token").GetString()!;
        Assert.True(tokens.TryGetProperty("refresh_token", out var refresh));
        Assert.True(tokens.TryGetProperty("id_token", out _));

        using var api = fixture.Gateway.CreateHttpClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", access);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("api/v1/catalogue/strategies?pageSize=1")).StatusCode);
        // The token says who and what, from the account: the services authorize with these claims.
        var claims = Claims(access);
        Assert.Equal(login, claims.GetProperty("sub").GetString());
        Assert.Equal("coordinator", claims.GetProperty("role").GetString());
        Assert.Equal("1203", claims.GetProperty("territory").GetString());

        using var http = fixture.Gateway.CreateHttpClient();
        using var refreshed = await http.PostAsync("connect/token", Form(("grant_type", "refresh_token"), ("client_id", "portal"), ("refresh_token", refresh.GetString()!)));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        Assert.NotEqual(access, second);

        // Sign-out revokes: the token that worked a moment ago is refused at once, not when it expires.
        using var revoke = await http.PostAsync("connect/revoke", Form(("client_id", "portal"), ("token", second), ("token_type_hint", "access_token")));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        api.DefaultRequestHeaders.Authorization = new("Bearer", second);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("api/v1/catalogue/strategies?pageSize=1")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_code_verifier_or_redirect_is_refused_and_no_code_is_given_without_a_password()
    {
        var login = await AccountAsync(PlatformRoles.Analyst, "1203");
        using var browser = Browser();
        var (verifier, challenge) = Pkce();
        using var first = await browser.GetAsync(AuthorizeUrl(challenge, "s1"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(AccountPaths.Login, first.Headers.Location!.AbsolutePath);

        // Another site's address as the callback: refused, nobody is sent there.
        using var foreign = await browser.GetAsync(AuthorizeUrl(challenge, "s1").Replace(Uri.EscapeDataString(Callback), Uri.EscapeDataString("https://evil.example/cb")));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);

        var code = await PasswordAndCodeAsync(browser, login, Password, challenge);
        using var stolen = await browser.PostAsync("connect/token", Form(("grant_type", "authorization_code"), ("client_id", "portal"),
            ("code", code), ("redirect_uri", Callback), ("code_verifier", verifier + "x")));
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal("invalid_grant", (await stolen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_lock_is_audited()
    {
        var login = await AccountAsync(PlatformRoles.Planner, "120305");
        using var browser = Browser();
        for (var i = 1; i <= 5; i++)
        {
            using var wrong = await PostLoginAsync(browser, login, "Zle-haslo-" + i);
            Assert.Equal(i < 5 ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, wrong.StatusCode);
        }
        using var right = await PostLoginAsync(browser, login, Password);
        Assert.Equal(HttpStatusCode.Forbidden, right.StatusCode);
        Assert.Contains("zablokowane", await right.Content.ReadAsStringAsync());

        await using var scope = fixture.Gateway.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        Assert.NotNull((await admin.GetAsync(login, CancellationToken.None)).LockedUntil);
        Assert.Contains(await admin.AuditAsync(login, 10, CancellationToken.None), a => a.Action == "locked");
        await admin.UnlockAsync("test-admin", login, CancellationToken.None);
        using var again = await PostLoginAsync(Browser(), login, Password);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task With_an_authenticator_the_password_alone_is_not_enough()
    {
        var login = await AccountAsync(PlatformRoles.Coordinator, "1203");
        string key;
        await using (var scope = fixture.Gateway.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
            var user = (await users.FindByNameAsync(login))!;
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        using var browser = Browser();
        using var password = await PostLoginAsync(browser, login, Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith(AccountPaths.TwoFactor, password.Headers.Location!.OriginalString);

        using var wrong = await PostFormAsync(browser, AccountPaths.TwoFactor, ("code", "000000"), ("returnUrl", "/"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var right = await PostFormAsync(browser, AccountPaths.TwoFactor, ("code", Totp(key)), ("returnUrl", "/"));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_deactivated_account_loses_its_tokens_and_cannot_refresh()
    {
        var login = await AccountAsync(PlatformRoles.Coordinator, "1203");
        var tokens = await SignInAsync(login, Password);
        await using (var scope = fixture.Gateway.CreateScope())
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().DeactivateAsync("test-admin", login, CancellationToken.None);

        using var api = fixture.Gateway.CreateHttpClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", tokens.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("api/v1/catalogue/strategies?pageSize=1")).StatusCode);
        using var refresh = await api.PostAsync("connect/token", Form(("grant_type", "refresh_token"), ("client_id", "portal"),
            ("refresh_token", tokens.GetProperty("refresh_token").GetString()!)));
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        using var login2 = await PostLoginAsync(Browser(), login, Password);
        Assert.Contains("wyłączone", await login2.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_machine_client_gets_a_token_with_its_role_and_territory_by_client_credentials()
    {
        string secret;
        var id = "test-system-" + Guid.NewGuid().ToString("N")[..6];
        await using (var scope = fixture.Gateway.CreateScope())
            secret = await MachineClients.CreateAsync(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>(), id, "System PUP testowy",
                PlatformRoles.LabourOffice, "1203", CancellationToken.None);
        using var http = fixture.Gateway.CreateHttpClient();
        using var wrong = await http.PostAsync("connect/token", Form(("grant_type", "client_credentials"), ("client_id", id), ("client_secret", "zgadywane")));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var response = await http.PostAsync("connect/token", Form(("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret), ("scope", "api")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var claims = Claims((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!);
        Assert.Equal("labour-office", claims.GetProperty("role").GetString());
        Assert.Equal("1203", claims.GetProperty("territory").GetString());
        // The administrator's grant is the CLI's alone.
        using var impersonate = await http.PostAsync("connect/token", Form(("grant_type", SignInClients.AdministratorGrant), ("client_id", id), ("client_secret", secret), ("login", "admin")));
        Assert.Equal(HttpStatusCode.BadRequest, impersonate.StatusCode);
    }

    [Fact]
    public async Task Accounts_are_the_administrators_and_bad_input_names_the_field()
    {
        using var http = fixture.Gateway.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", fixture.PersonToken(PlatformRoles.Coordinator, "1203"));
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("api/v1/admin/users")).StatusCode);

        http.DefaultRequestHeaders.Authorization = new("Bearer", fixture.PersonToken(PlatformRoles.Admin, ""));
        using var bad = await http.PostAsJsonAsync("api/v1/admin/users", new { login = "x.y", name = "X", role = "service", territory = "12ab" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("role", out _));
        Assert.True(errors.TryGetProperty("territory", out _));

        var login = "test.admin.api." + Guid.NewGuid().ToString("N")[..6];
        using var created = await http.PostAsJsonAsync("api/v1/admin/users", new { login, name = "Nowa osoba", role = "analyst", territory = "1203" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var oneTime = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("oneTimePassword").GetString()!;
        Assert.True(oneTime.Length >= 12);
        // The one-time password must be replaced before any token: the login answers with the change form.
        using var first = await PostLoginAsync(Browser(), login, oneTime);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("change-password-form", await first.Content.ReadAsStringAsync());

        var audit = await http.GetFromJsonAsync<JsonElement>($"api/v1/admin/users/{login}/audit");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), a => a.GetProperty("action").GetString() == "created" && a.GetProperty("actor").GetString() == "test-admin");
    }

    [Fact]
    public async Task A_county_identity_provider_s_roles_pass_only_through_the_allow_list()
    {
        await using var gateway = await fixture.StartGatewayAsync(
        [
            new("Services:catalogue:Http", fixture.Host.HttpAddress.ToString()),
            new("Services:catalogue:Grpc", fixture.Host.GrpcAddress.ToString()),
            new("Auth:Jwt:Roles:kierownik-wydzialu", PlatformRoles.Coordinator),
            new("Auth:Jwt:RoleClaim", "role"),
        ]);
        using var http = gateway.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestPeopleTokens.Issue("k.nowak", "K. Nowak", "kierownik-wydzialu", "1203", TimeSpan.FromMinutes(5)));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/v1/catalogue/strategies?pageSize=1")).StatusCode);
        // Signed in (mapped to a coordinator), so refused for not being an administrator rather than for the token.
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("api/v1/admin/users")).StatusCode);

        // A role the allow-list does not name — even the platform's own "admin" once a list is configured — is refused.
        foreach (var role in new[] { "admin", "service", "superuser" })
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", TestPeopleTokens.Issue("k.nowak", "K. Nowak", role, "", TimeSpan.FromMinutes(5)));
            using var refused = await http.GetAsync("api/v1/catalogue/strategies?pageSize=1");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains(role, await refused.Content.ReadAsStringAsync());
        }
    }

    // ---- the protocol by hand ----

    private async Task<string> AccountAsync(string role, string territory)
    {
        await using var scope = fixture.Gateway.CreateScope();
        var login = $"test.{role}.{Guid.NewGuid().ToString("N")[..8]}";
        await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync("test-admin",
            new UserDraft(login, "Osoba testowa", role, territory, null), CancellationToken.None);
        // As if the person had replaced the one-time password.
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        var user = (await users.FindByNameAsync(login))!;
        await users.RemovePasswordAsync(user);
        await users.AddPasswordAsync(user, Password);
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        return login;
    }

    private HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = fixture.Gateway.HttpAddress };

    private async Task<JsonElement> SignInAsync(string login, string password)
    {
        using var browser = Browser();
        var (verifier, challenge) = Pkce();
        var code = await PasswordAndCodeAsync(browser, login, password, challenge);
        using var response = await browser.PostAsync("connect/token", Form(("grant_type", "authorization_code"), ("client_id", "portal"),
            ("code", code), ("redirect_uri", Callback), ("code_verifier", verifier)));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    /// <summary>authorize → login page → password → authorize → the callback with a code.</summary>
    private static async Task<string> PasswordAndCodeAsync(HttpClient browser, string login, string password, string challenge)
    {
        using var first = await browser.GetAsync(AuthorizeUrl(challenge, "s1"));
        var returnUrl = System.Web.HttpUtility.ParseQueryString(first.Headers.Location!.Query)["ReturnUrl"]!;
        using var posted = await PostLoginAsync(browser, login, password, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        using var second = await browser.GetAsync(posted.Headers.Location!.OriginalString.TrimStart('/'));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var callback = second.Headers.Location!;
        Assert.StartsWith(Callback, callback.ToString());
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        Assert.Equal("s1", query["state"]);
        return query["code"]!;
    }

    private static Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string login, string password, string returnUrl = "/") =>
        PostFormAsync(browser, AccountPaths.Login, ("login", login), ("password", password), ("returnUrl", returnUrl));

    /// <summary>Posts a sign-in form as the browser would: with the antiforgery token of the page it was on.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, params (string, string)[] fields)
    {
        var page = await browser.GetStringAsync(AccountPaths.Login.TrimStart('/'));
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        return await browser.PostAsync(path.TrimStart('/'), Form([.. fields, ("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(token))]));
    }

    private static string AuthorizeUrl(string challenge, string state) =>
        $"connect/authorize?client_id=portal&response_type=code&scope={Uri.EscapeDataString("openid offline_access api")}" +
        $"&redirect_uri={Uri.EscapeDataString(Callback)}&code_challenge={challenge}&code_challenge_method=S256&state={state}";

    private static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static JsonElement Claims(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonDocument.Parse(Convert.FromBase64String(part.PadRight(part.Length + (4 - part.Length % 4) % 4, '='))).RootElement.Clone();
    }

    /// <summary>RFC 6238 (SHA-1, 30 s, 6 digits), as authenticator apps compute it from the Base32 key.</summary>
    private static string Totp(string base32Key)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32Key.ToUpperInvariant().Where(alphabet.Contains).Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var counter = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var value = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
