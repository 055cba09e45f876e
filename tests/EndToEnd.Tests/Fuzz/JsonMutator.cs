using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests.Fuzz;

/// <summary>
/// Mutations of a valid JSON body that can never be a valid request: broken syntax (cut, garbage, a
/// deleted character — kept only if the result no longer parses) or a value of the wrong JSON kind in a
/// known field (a number where text is expected, an object where a number is, …).
/// </summary>
public sealed class JsonMutator(Random random)
{
    private static readonly JsonNode?[] Strange =
        [JsonValue.Create("ą😀\u0000"), JsonValue.Create(true), new JsonObject { ["x"] = 1 }, new JsonArray(1, "a"), JsonValue.Create(-1e308), JsonValue.Create("NaN")];

    public (string Kind, byte[] Body) Mutate(string json, bool syntaxOnly = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (kind, body) = random.Next(syntaxOnly ? 4 : 5) switch
            {
                0 => ("cut", Encoding.UTF8.GetBytes(json[..random.Next(0, json.Length - 1)])),
                1 => ("garbage", Insert(json, RandomText(random.Next(1, 8)))),
                2 => ("deleted character", Encoding.UTF8.GetBytes(json.Remove(random.Next(json.Length), 1))),
                3 => ("random bytes", RandomBytes(random.Next(1, 300))),
                _ => ("wrong kind", WrongKind(json)),
            };
            if (kind == "wrong kind" && body.Length > 0) return (kind, body);
            if (!Parses(body) || attempt > 20) return (kind, body);
        }
    }

    private byte[] Insert(string json, string text)
    {
        var at = random.Next(json.Length + 1);
        return Encoding.UTF8.GetBytes(json[..at] + text + json[at..]);
    }

    private byte[] WrongKind(string json)
    {
        var root = JsonNode.Parse(json)!;
        var slots = new List<(JsonNode Parent, string? Name, int Index, JsonValueKind Kind)>();
        Collect(root, slots);
        var (parent, name, index, kind) = slots[random.Next(slots.Count)];
        JsonNode? replacement;
        do replacement = Strange[random.Next(Strange.Length)]?.DeepClone();
        while (SameKind(replacement, kind));
        if (name is not null) parent.AsObject()[name] = replacement;
        else parent.AsArray()[index] = replacement;
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    // A string where text is expected is fine, and a numeric string where a number is (web defaults read it).
    private static bool SameKind(JsonNode? node, JsonValueKind kind) =>
        node?.GetValueKind() == kind || (kind is JsonValueKind.True or JsonValueKind.False && node?.GetValueKind() is JsonValueKind.True or JsonValueKind.False);

    private static void Collect(JsonNode node, List<(JsonNode, string?, int, JsonValueKind)> slots)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    if (child is null) continue;
                    slots.Add((o, key, -1, child.GetValueKind()));
                    Collect(child, slots);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is not { } child) continue;
                    slots.Add((a, null, i, child.GetValueKind()));
                    Collect(child, slots);
                }
                break;
        }
    }

    public string RandomText(int length)
    {
        const string alphabet = "{}[]\",:\\/ \u0000\u0001ąęśżź😀\uFFFFabc019-+.eE\n\t";
        var sb = new StringBuilder();
        for (var i = 0; i < length; i++) sb.Append(alphabet[random.Next(alphabet.Length)]);
        return sb.ToString();
    }

    public byte[] RandomBytes(int length) => RandomBytes(random, length);

    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static bool Parses(byte[] body)
    {
        try { using var _ = JsonDocument.Parse(body); return true; }
        catch (JsonException) { return false; }
    }
}
