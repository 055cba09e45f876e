using Gateway.Identity.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using static Gateway.Identity.SignIn.AccountHtml;

namespace Gateway.Identity.SignIn;

/// <summary>
/// Sign-in with a login and password: the password check with lockout (Identity), the one-time password that must
/// be replaced at first sign-in, the authenticator code of a second factor, and the person's own security page
/// (authenticator set-up, password change). A refused password is logged and counted per address (SignInGuard).
/// </summary>
public static class AccountEndpoints
{
    private const string TicketPurpose = "Gateway.PasswordChangeTicket";

    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapGet("/login", (HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? done, string? login) =>
            LoginPage(context, antiforgery, returnUrl, null, done == "password" ? "Hasło zmienione. Zaloguj się nowym hasłem." : null, login));
        account.MapPost("/login", LoginAsync);
        account.MapPost("/change-password", ChangePasswordAsync);
        account.MapGet("/two-factor", (HttpContext context, IAntiforgery antiforgery, string? returnUrl) => TwoFactorPage(context, antiforgery, returnUrl, null));
        account.MapPost("/two-factor", TwoFactorAsync);
        account.MapGet("/security", SecurityPageAsync);
        account.MapPost("/security", SecurityAsync);
        return app;
    }

    private static IResult LoginPage(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error, string? info = null, string? login = null, int status = 200) =>
        Page("Logowanie", $"""
            {Alert(info, "ok")}{Alert(error)}
            <form method="post" action="{AccountPaths.Login}" class="card" id="login-form">
              {Antiforgery(context, antiforgery)}{Hidden("returnUrl", returnUrl)}
              {Field("login", "Login", "text", "username", login)}
              {Field("password", "Hasło", "password", "current-password")}
              <button class="btn" type="submit">Zaloguj się</button>
            </form>
            <p class="muted small">Po 5 nieudanych próbach konto blokuje się na 15 minut. Nie pamiętasz hasła? Administrator platformy nada Ci hasło jednorazowe.</p>
            """, status);

    private static async Task<IResult> LoginAsync(HttpContext context, IAntiforgery antiforgery, SignInManager<PlatformUser> signIn,
        SignInGuard guard, UserAdministration administration, IDataProtectionProvider protection, ILoggerFactory loggers)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LocalOr(form["returnUrl"]);
        if (!await ValidAsync(context, antiforgery)) return LoginPage(context, antiforgery, returnUrl, "Formularz wygasł; spróbuj ponownie.", status: 400);
        if (guard.Blocked(context))
            return LoginPage(context, antiforgery, returnUrl, "Z tego adresu było za dużo nieudanych prób; spróbuj ponownie za minutę.", status: 429);
        var login = form["login"].ToString().Trim().ToLowerInvariant();
        var password = form["password"].ToString();
        if (login.Length == 0 || password.Length == 0)
            return LoginPage(context, antiforgery, returnUrl, "Podaj login i hasło.", login: login, status: 400);

        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(login);
        var refusal = "Nieprawidłowy login lub hasło.";
        if (user is not null && user.DeactivatedAt is null)
        {
            if (await users.IsLockedOutAsync(user))
                return LoginPage(context, antiforgery, returnUrl, Locked(user), login: login, status: 403);
            if (user.MustChangePassword)
            {
                var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
                if (check.Succeeded)
                {
                    // The one-time password proved who it is; the person now sets their own (a reset token, protected
                    // and valid for 15 minutes, carries the proof to the next form instead of the password itself).
                    var token = await users.GeneratePasswordResetTokenAsync(user);
                    var ticket = protection.CreateProtector(TicketPurpose).ToTimeLimitedDataProtector()
                        .Protect($"{user.Id}\n{token}", TimeSpan.FromMinutes(15));
                    return ChangePasswordPage(context, antiforgery, returnUrl, ticket, null);
                }
                if (check.IsLockedOut) return await LockedNowAsync(context, antiforgery, administration, user, returnUrl, login);
            }
            else
            {
                var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
                if (result.Succeeded) return Results.Redirect(returnUrl);
                if (result.RequiresTwoFactor) return Results.Redirect($"{AccountPaths.TwoFactor}?returnUrl={Uri.EscapeDataString(returnUrl)}");
                if (result.IsLockedOut) return await LockedNowAsync(context, antiforgery, administration, user, returnUrl, login);
            }
        }
        else if (user?.DeactivatedAt is not null)
        {
            refusal = "Konto jest wyłączone; skontaktuj się z administratorem platformy.";
        }
        guard.Refused(context, new AuthenticationFailureException($"password refused for login '{login}'"));
        loggers.CreateLogger("Gateway.SignIn").LogWarning("Failed sign-in for {Login} from {RemoteIp}", login, context.Connection.RemoteIpAddress);
        return LoginPage(context, antiforgery, returnUrl, refusal, login: login, status: 401);
    }

    private static async Task<IResult> LockedNowAsync(HttpContext context, IAntiforgery antiforgery, UserAdministration administration,
        PlatformUser user, string returnUrl, string login)
    {
        await administration.RecordAsync("system", user.UserName!, "locked", $"po nieudanych próbach hasła z adresu {context.Connection.RemoteIpAddress}", context.RequestAborted);
        return LoginPage(context, antiforgery, returnUrl, Locked(user), login: login, status: 403);
    }

    private static string Locked(PlatformUser user) =>
        $"Konto jest zablokowane po nieudanych próbach logowania do {WarsawTime(user.LockoutEnd):HH:mm}. Spróbuj później albo poproś administratora o odblokowanie.";

    /// <summary>Officials read times in Poland's time, whatever the server's zone.</summary>
    private static DateTimeOffset? WarsawTime(DateTimeOffset? at) =>
        at is { } t ? TimeZoneInfo.ConvertTime(t, TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw")) : null;

    private static IResult ChangePasswordPage(HttpContext context, IAntiforgery antiforgery, string returnUrl, string ticket, string? error, int status = 200) =>
        Page("Ustaw własne hasło", $"""
            {Alert("Logujesz się hasłem jednorazowym. Ustaw własne hasło, aby kontynuować.", "info")}{Alert(error)}
            <form method="post" action="{AccountPaths.ChangePassword}" class="card" id="change-password-form">
              {Antiforgery(context, antiforgery)}{Hidden("returnUrl", returnUrl)}{Hidden("ticket", ticket)}
              {Field("newPassword", "Nowe hasło", "password", "new-password", hint: "Co najmniej 12 znaków, w tym wielka i mała litera oraz cyfra.")}
              {Field("confirmPassword", "Powtórz nowe hasło", "password", "new-password")}
              <button class="btn" type="submit">Zmień hasło</button>
            </form>
            """, status);

    private static async Task<IResult> ChangePasswordAsync(HttpContext context, IAntiforgery antiforgery, UserManager<PlatformUser> users,
        UserAdministration administration, IDataProtectionProvider protection)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LocalOr(form["returnUrl"]);
        var ticket = form["ticket"].ToString();
        if (!await ValidAsync(context, antiforgery)) return LoginPage(context, antiforgery, returnUrl, "Formularz wygasł; zaloguj się ponownie.", status: 400);
        string[] parts;
        try { parts = protection.CreateProtector(TicketPurpose).ToTimeLimitedDataProtector().Unprotect(ticket).Split('\n', 2); }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return LoginPage(context, antiforgery, returnUrl, "Czas na zmianę hasła minął; zaloguj się ponownie hasłem jednorazowym.", status: 400);
        }
        var user = await users.FindByIdAsync(parts[0]);
        if (user is null) return LoginPage(context, antiforgery, returnUrl, "Nie ma takiego konta.", status: 400);
        var password = form["newPassword"].ToString();
        if (password != form["confirmPassword"].ToString())
            return ChangePasswordPage(context, antiforgery, returnUrl, ticket, "Hasła się różnią.", 400);
        var result = await administration.SetOwnPasswordAsync(user, parts[1], password, context.RequestAborted);
        if (!result.Succeeded)
            return ChangePasswordPage(context, antiforgery, returnUrl, ticket, string.Join(" ", result.Errors.Select(e => e.Description)), 400);
        // The new password is proved once, the way it will be every day.
        return Results.Redirect($"{AccountPaths.Login}?done=password&login={Uri.EscapeDataString(user.UserName!)}&returnUrl={Uri.EscapeDataString(returnUrl)}");
    }

    private static IResult TwoFactorPage(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error, int status = 200) =>
        Page("Kod z aplikacji uwierzytelniającej", $"""
            {Alert(error)}
            <form method="post" action="{AccountPaths.TwoFactor}" class="card" id="two-factor-form">
              {Antiforgery(context, antiforgery)}{Hidden("returnUrl", LocalOr(returnUrl))}
              {Field("code", "Sześciocyfrowy kod", "text", "one-time-code", hint: "Kod z aplikacji (np. Google Authenticator, Microsoft Authenticator), ważny 30 sekund.")}
              <button class="btn" type="submit">Potwierdź</button>
            </form>
            """, status);

    private static async Task<IResult> TwoFactorAsync(HttpContext context, IAntiforgery antiforgery, SignInManager<PlatformUser> signIn, SignInGuard guard)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LocalOr(form["returnUrl"]);
        if (!await ValidAsync(context, antiforgery)) return TwoFactorPage(context, antiforgery, returnUrl, "Formularz wygasł; spróbuj ponownie.", 400);
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
            return LoginPage(context, antiforgery, returnUrl, "Zaloguj się najpierw hasłem.", status: 400);
        var code = form["code"].ToString().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded) return Results.Redirect(returnUrl);
        if (result.IsLockedOut) return LoginPage(context, antiforgery, returnUrl, "Konto jest zablokowane po nieudanych próbach; spróbuj później.", status: 403);
        guard.Refused(context, new AuthenticationFailureException("authenticator code refused"));
        return TwoFactorPage(context, antiforgery, returnUrl, "Nieprawidłowy kod.", 401);
    }

    private static async Task<IResult> SecurityPageAsync(HttpContext context, IAntiforgery antiforgery, UserManager<PlatformUser> users) =>
        await SignedInAsync(context, users) is { } user
            ? await SecurityPage(context, antiforgery, users, user, null, null)
            : Results.Redirect($"{AccountPaths.Login}?returnUrl={Uri.EscapeDataString(AccountPaths.Security)}");

    private static async Task<IResult> SecurityPage(HttpContext context, IAntiforgery antiforgery, UserManager<PlatformUser> users, PlatformUser user,
        string? error, string? info, int status = 200)
    {
        string factor;
        if (user.TwoFactorEnabled)
        {
            factor = "<p id=\"two-factor-state\">Drugi składnik jest <strong>włączony</strong>: przy logowaniu podajesz kod z aplikacji. Gdy zgubisz telefon, administrator go wyłączy.</p>";
        }
        else
        {
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
            }
            var uri = $"otpauth://totp/{Uri.EscapeDataString("Platforma strategii:" + user.UserName)}?secret={key}&issuer={Uri.EscapeDataString("Platforma strategii")}&digits=6";
            factor = $"""
                <p id="two-factor-state">Drugi składnik jest wyłączony. Dodaj konto w aplikacji uwierzytelniającej, wpisując klucz, i potwierdź kodem.</p>
                <p>Klucz: <code id="authenticator-key">{E(string.Join(' ', key!.Chunk(4).Select(c => new string(c))))}</code></p>
                <p class="small muted">Adres dla aplikacji: <code>{E(uri)}</code></p>
                <form method="post" action="{AccountPaths.Security}" id="enable-two-factor-form">
                  {Antiforgery(context, antiforgery)}{Hidden("action", "enable-two-factor")}
                  {Field("code", "Kod z aplikacji", "text", "one-time-code")}
                  <button class="btn" type="submit">Włącz drugi składnik</button>
                </form>
                """;
        }
        return Page("Bezpieczeństwo konta", $"""
            {Alert(info, "ok")}{Alert(error)}
            <section class="card"><h2>Konto</h2><p>{E(user.DisplayName)} ({E(user.UserName)}), rola {E(user.Role)}, obszar {E(user.Territory.Length == 0 ? "cały kraj" : user.Territory)}.</p></section>
            <section class="card"><h2>Aplikacja uwierzytelniająca</h2>{factor}</section>
            <section class="card"><h2>Zmiana hasła</h2>
              <form method="post" action="{AccountPaths.Security}" id="change-own-password-form">
                {Antiforgery(context, antiforgery)}{Hidden("action", "change-password")}
                {Field("currentPassword", "Obecne hasło", "password", "current-password")}
                {Field("newPassword", "Nowe hasło", "password", "new-password", hint: "Co najmniej 12 znaków, w tym wielka i mała litera oraz cyfra.")}
                <button class="btn" type="submit">Zmień hasło</button>
              </form>
            </section>
            <p><a href="/">Wróć do portalu</a></p>
            """, status);
    }

    private static async Task<IResult> SecurityAsync(HttpContext context, IAntiforgery antiforgery, UserManager<PlatformUser> users, UserAdministration administration)
    {
        if (await SignedInAsync(context, users) is not { } user)
            return Results.Redirect($"{AccountPaths.Login}?returnUrl={Uri.EscapeDataString(AccountPaths.Security)}");
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!await ValidAsync(context, antiforgery)) return await SecurityPage(context, antiforgery, users, user, "Formularz wygasł; spróbuj ponownie.", null, 400);
        if (form["action"] == "enable-two-factor")
        {
            var code = form["code"].ToString().Replace(" ", "", StringComparison.Ordinal);
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
                return await SecurityPage(context, antiforgery, users, user, "Nieprawidłowy kod; sprawdź czas w telefonie i spróbuj ponownie.", null, 400);
            await users.SetTwoFactorEnabledAsync(user, true);
            await administration.RecordAsync(user.UserName!, user.UserName!, "two-factor-enabled", "aplikacja uwierzytelniająca", context.RequestAborted);
            return await SecurityPage(context, antiforgery, users, user, null, "Drugi składnik włączony.");
        }
        var changed = await users.ChangePasswordAsync(user, form["currentPassword"].ToString(), form["newPassword"].ToString());
        if (!changed.Succeeded)
            return await SecurityPage(context, antiforgery, users, user, string.Join(" ", changed.Errors.Select(e => e.Description)), null, 400);
        await administration.RecordAsync(user.UserName!, user.UserName!, "password-changed", "przez właściciela konta", context.RequestAborted);
        return await SecurityPage(context, antiforgery, users, user, null, "Hasło zmienione.");
    }

    /// <summary>The person of the sign-in cookie (the API's bearer tokens do not open these pages).</summary>
    private static async Task<PlatformUser?> SignedInAsync(HttpContext context, UserManager<PlatformUser> users)
    {
        var auth = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return auth.Succeeded && await users.GetUserAsync(auth.Principal) is { DeactivatedAt: null } user ? user : null;
    }

    private static string Antiforgery(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return Hidden(tokens.FormFieldName, tokens.RequestToken);
    }

    private static async Task<bool> ValidAsync(HttpContext context, IAntiforgery antiforgery)
    {
        try { await antiforgery.ValidateRequestAsync(context); return true; }
        catch (AntiforgeryValidationException) { return false; }
    }
}
