using System.Security.Cryptography;
using System.Text;

namespace Gateway.Identity;

/// <summary>A machine client's key (e.g. a labour office's feeder), bound to a role and a territory.</summary>
public sealed class ApiKey
{
    public const string Scheme = "pk";

    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    public byte[] SecretHash { get; set; } = [];
    public string Role { get; set; } = "";
    public string Territory { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Makes a key; the returned plain text "pk_&lt;prefix&gt;_&lt;secret&gt;" is shown once and never stored.</summary>
    public static (ApiKey Key, string PlainText) Create(string name, string role, string territory, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Id = Guid.NewGuid(), Name = name, Prefix = prefix, SecretHash = Hash(secret),
            Role = role, Territory = territory, CreatedAt = now, ExpiresAt = expiresAt,
        };
        return (key, $"{Scheme}_{prefix}_{secret}");
    }

    /// <summary>Splits "pk_prefix_secret"; false for anything else.</summary>
    public static bool TryParse(string plainText, out string prefix, out string secret)
    {
        prefix = secret = "";
        var parts = plainText.Split('_', 3);
        if (parts.Length != 3 || parts[0] != Scheme || parts[1].Length != 12 || parts[2].Length < 20) return false;
        (prefix, secret) = (parts[1], parts[2]);
        return true;
    }

    // The secret is 256 random bits, so a fast hash is enough (no dictionary to attack); compare in constant time.
    public bool Matches(string secret) => CryptographicOperations.FixedTimeEquals(SecretHash, Hash(secret));

    public string? RefusalReason(DateTimeOffset now) =>
        RevokedAt is not null ? "klucz API został unieważniony"
        : ExpiresAt <= now ? "klucz API wygasł"
        : null;

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
