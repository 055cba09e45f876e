using System.Security.Cryptography;
using Gateway.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Identity;

namespace Gateway.Identity.Users;

/// <summary>The account as an administrator sees it (never the password hash or the authenticator key).</summary>
public sealed record UserView(string Login, string Name, string Role, string Territory, string? Email, bool MustChangePassword,
    bool TwoFactor, DateTimeOffset? LockedUntil, int FailedAttempts, DateTimeOffset? DeactivatedAt, DateTimeOffset CreatedAt);

public sealed record UserDraft(string? Login, string? Name, string? Role, string? Territory, string? Email);

/// <summary>
/// People's accounts as administrators keep them (the portal's page, the REST API and the CLI all call this):
/// each change writes an audit entry in the same transaction; a reset password or a deactivation revokes the
/// person's tokens at once.
/// </summary>
public sealed class UserAdministration(
    UserManager<PlatformUser> users, GatewayDbContext db, IOpenIddictTokenManager tokens, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken ct) =>
        (await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct)).Select(View).ToList();

    public async Task<UserView> GetAsync(string login, CancellationToken ct) => View(await FindAsync(login, ct));

    public async Task<IReadOnlyList<UserAuditEntry>> AuditAsync(string? login, int limit, CancellationToken ct) =>
        await db.UserAudit.AsNoTracking().Where(a => login == null || a.Login == login).OrderByDescending(a => a.Id).Take(limit).ToListAsync(ct);

    /// <summary>Creates the account with a one-time password (returned once; the person must replace it at first sign-in).</summary>
    public async Task<(UserView User, string OneTimePassword)> CreateAsync(string actor, UserDraft draft, CancellationToken ct)
    {
        var errors = Validate(draft, creating: true);
        errors.ThrowIfAny();
        var user = new PlatformUser
        {
            UserName = draft.Login!.Trim().ToLowerInvariant(),
            DisplayName = draft.Name!.Trim(),
            Role = draft.Role!,
            Territory = draft.Territory ?? "",
            Email = string.IsNullOrWhiteSpace(draft.Email) ? null : draft.Email.Trim(),
            MustChangePassword = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var password = NewOneTimePassword();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Check(await users.CreateAsync(user, password), "login");
        Audit(actor, user.UserName, "created", $"rola {user.Role}, obszar {Territory(user.Territory)}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (View(user), password);
    }

    /// <summary>Changes name, role, territory or e-mail (what is given); a new role or territory holds from the next token.</summary>
    public async Task<UserView> UpdateAsync(string actor, string login, UserDraft draft, CancellationToken ct)
    {
        var user = await FindAsync(login, ct);
        Validate(draft, creating: false).ThrowIfAny();
        var changes = new List<string>();
        if (draft.Name is { } name && name.Trim() != user.DisplayName) { user.DisplayName = name.Trim(); changes.Add($"nazwa „{user.DisplayName}”"); }
        if (draft.Role is { } role && role != user.Role) { changes.Add($"rola {user.Role} → {role}"); user.Role = role; }
        if (draft.Territory is { } territory && territory != user.Territory) { changes.Add($"obszar {Territory(user.Territory)} → {Territory(territory)}"); user.Territory = territory; }
        if (draft.Email is { } email && email.Trim() != (user.Email ?? "")) { user.Email = email.Trim().Length == 0 ? null : email.Trim(); changes.Add("e-mail"); }
        if (changes.Count == 0) return View(user);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Check(await users.UpdateAsync(user), "login");
        Audit(actor, user.UserName!, "updated", string.Join(", ", changes));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // Tokens carry the role and territory: the old ones must not outlive the change.
        await RevokeTokensAsync(user, ct);
        return View(user);
    }

    /// <summary>A new one-time password (the account is unlocked; the person's tokens are revoked).</summary>
    public async Task<string> ResetPasswordAsync(string actor, string login, CancellationToken ct)
    {
        var user = await FindAsync(login, ct);
        var password = NewOneTimePassword();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Check(await users.RemovePasswordAsync(user), "password");
        Check(await users.AddPasswordAsync(user, password), "password");
        user.MustChangePassword = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        Check(await users.UpdateAsync(user), "login");
        Audit(actor, user.UserName!, "password-reset", "hasło jednorazowe");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await RevokeTokensAsync(user, ct);
        return password;
    }

    public Task<UserView> UnlockAsync(string actor, string login, CancellationToken ct) => ChangeAsync(actor, login, "unlocked", "", u =>
    {
        u.LockoutEnd = null;
        u.AccessFailedCount = 0;
    }, revoke: false, ct);

    public Task<UserView> DeactivateAsync(string actor, string login, CancellationToken ct) =>
        ChangeAsync(actor, login, "deactivated", "", u => u.DeactivatedAt ??= clock.GetUtcNow(), revoke: true, ct);

    public Task<UserView> ActivateAsync(string actor, string login, CancellationToken ct) =>
        ChangeAsync(actor, login, "activated", "", u => u.DeactivatedAt = null, revoke: false, ct);

    /// <summary>Turns the second factor off (a lost phone); the person sets it up again after signing in.</summary>
    public Task<UserView> ResetTwoFactorAsync(string actor, string login, CancellationToken ct) =>
        ChangeAsync(actor, login, "two-factor-reset", "", u => u.TwoFactorEnabled = false, revoke: true, ct);

    /// <summary>The person's own change of a one-time or current password (from the sign-in pages).</summary>
    public async Task<IdentityResult> SetOwnPasswordAsync(PlatformUser user, string resetToken, string newPassword, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await users.ResetPasswordAsync(user, resetToken, newPassword);
        if (!result.Succeeded) return result;
        user.MustChangePassword = false;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) return updated;
        Audit(user.UserName!, user.UserName!, "password-changed", "przez właściciela konta");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>Records what a person did to their own account (second factor on, failed sign-ins that locked it).</summary>
    public async Task RecordAsync(string actor, string login, string action, string details, CancellationToken ct)
    {
        Audit(actor, login, action, details);
        await db.SaveChangesAsync(ct);
    }

    private async Task<UserView> ChangeAsync(string actor, string login, string action, string details, Action<PlatformUser> change, bool revoke, CancellationToken ct)
    {
        var user = await FindAsync(login, ct);
        change(user);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Check(await users.UpdateAsync(user), "login");
        Audit(actor, user.UserName!, action, details);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (revoke) await RevokeTokensAsync(user, ct);
        return View(user);
    }

    private async Task RevokeTokensAsync(PlatformUser user, CancellationToken ct)
    {
        await foreach (var token in tokens.FindBySubjectAsync(user.UserName!, ct))
            await tokens.TryRevokeAsync(token, ct);
    }

    private async Task<PlatformUser> FindAsync(string login, CancellationToken ct) =>
        await users.FindByNameAsync(login.Trim().ToLowerInvariant()) ?? throw new NotFoundException($"Nie ma konta „{login}”.");

    private void Audit(string actor, string login, string action, string details) =>
        db.UserAudit.Add(new UserAuditEntry { At = clock.GetUtcNow(), Actor = actor, Login = login, Action = action, Details = details });

    private static ValidationErrors Validate(UserDraft draft, bool creating)
    {
        var errors = new ValidationErrors();
        if (creating)
        {
            errors.Required("login", draft.Login, 64);
            errors.Required("name", draft.Name, 200);
            errors.OneOf("role", draft.Role, PlatformRoles.All.Order());
        }
        else
        {
            errors.MaxLength("name", draft.Name, 200);
            if (draft.Name is { } n && n.Trim().Length == 0) errors.Add("name", "Pole nie może być puste.");
            if (draft.Role is not null) errors.OneOf("role", draft.Role, PlatformRoles.All.Order());
        }
        if (draft.Territory is { } t && (t.Length > 7 || !t.All(char.IsAsciiDigit)))
            errors.Add("territory", "Obszar to kod TERYT (cyfry, np. 1203) albo pusty dla całego kraju.");
        errors.MaxLength("email", draft.Email, 256);
        return errors;
    }

    private static void Check(IdentityResult result, string field)
    {
        if (result.Succeeded) return;
        throw new ValidationFailedException(new Dictionary<string, string[]>
        {
            [result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : field] = result.Errors.Select(e => e.Description).ToArray(),
        });
    }

    /// <summary>Readable, 16 characters from an alphabet without look-alikes, always with upper, lower and a digit.</summary>
    public static string NewOneTimePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789";
        const string all = upper + lower + digits;
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        chars[RandomNumberGenerator.GetInt32(0, 5)] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[RandomNumberGenerator.GetInt32(5, 10)] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[RandomNumberGenerator.GetInt32(10, 16)] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        return new string(chars);
    }

    private static string Territory(string code) => code.Length == 0 ? "cały kraj" : code;

    public static UserView View(PlatformUser u) => new(u.UserName!, u.DisplayName, u.Role, u.Territory, u.Email, u.MustChangePassword,
        u.TwoFactorEnabled, u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null, u.AccessFailedCount, u.DeactivatedAt, u.CreatedAt);
}
