using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Identity;

namespace Gateway.Identity.Users;

/// <summary>
/// People's accounts over REST for administrators (the portal's "Użytkownicy" page uses it; the CLI calls the
/// same <see cref="UserAdministration"/>). One-time passwords are in the answer once and never stored readable.
/// </summary>
public static class UserEndpoints
{
    public static WebApplication MapUserEndpoints(this WebApplication app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Konta użytkowników").AddEndpointFilter<ProblemMapping>();
        var users = admin.MapGroup("/users");
        users.MapGet("", async (HttpContext http, UserAdministration admin, CancellationToken ct) =>
        {
            Demand(http);
            return Results.Ok(new { items = await admin.ListAsync(ct) });
        });
        users.MapGet("/{login}", async (string login, HttpContext http, UserAdministration admin, CancellationToken ct) =>
        {
            Demand(http);
            return Results.Ok(await admin.GetAsync(login, ct));
        });
        users.MapPost("", async (HttpContext http, UserAdministration admin, CancellationToken ct) =>
        {
            var actor = Demand(http);
            var draft = await JsonBody.ReadAsync<UserDraft>(http.Request, ct);
            var (user, password) = await admin.CreateAsync(actor, draft, ct);
            return Results.Created($"/api/v1/admin/users/{user.Login}", new { user, oneTimePassword = password });
        });
        users.MapMethods("/{login}", [HttpMethods.Patch], async (string login, HttpContext http, UserAdministration admin, CancellationToken ct) =>
        {
            var actor = Demand(http);
            var draft = await JsonBody.ReadAsync<UserDraft>(http.Request, ct);
            if (draft.Login is not null && draft.Login != login) throw ValidationFailedException.Single("login", "Loginu nie można zmienić; załóż nowe konto.");
            return Results.Ok(await admin.UpdateAsync(actor, login, draft, ct));
        });
        users.MapPost("/{login}/reset-password", async (string login, HttpContext http, UserAdministration admin, CancellationToken ct) =>
            Results.Ok(new { oneTimePassword = await admin.ResetPasswordAsync(Demand(http), login, ct) }));
        users.MapPost("/{login}/unlock", async (string login, HttpContext http, UserAdministration admin, CancellationToken ct) =>
            Results.Ok(await admin.UnlockAsync(Demand(http), login, ct)));
        users.MapPost("/{login}/deactivate", async (string login, HttpContext http, UserAdministration admin, CancellationToken ct) =>
            Results.Ok(await admin.DeactivateAsync(Demand(http), login, ct)));
        users.MapPost("/{login}/activate", async (string login, HttpContext http, UserAdministration admin, CancellationToken ct) =>
            Results.Ok(await admin.ActivateAsync(Demand(http), login, ct)));
        users.MapPost("/{login}/reset-two-factor", async (string login, HttpContext http, UserAdministration admin, CancellationToken ct) =>
            Results.Ok(await admin.ResetTwoFactorAsync(Demand(http), login, ct)));
        users.MapGet("/{login}/audit", async (string login, HttpContext http, UserAdministration admin, CancellationToken ct) =>
        {
            Demand(http);
            return Results.Ok(new { items = await admin.AuditAsync(login.Trim().ToLowerInvariant(), 500, ct) });
        });
        admin.MapGet("/audit", async (HttpContext http, UserAdministration administration, CancellationToken ct) =>
        {
            Demand(http);
            return Results.Ok(new { items = await administration.AuditAsync(null, 500, ct) });
        });
        return app;
    }

    /// <summary>Administrators only; the answer is who acts (for the audit trail).</summary>
    private static string Demand(HttpContext http)
    {
        var caller = PlatformCaller.From(http.User);
        caller.DemandRole("zarządzać kontami użytkowników", PlatformRoles.Admin);
        return caller.Subject!;
    }
}
