using System.Collections;
using System.Text;

namespace Platform.Grpc;

/// <summary>
/// Call metadata (headers or trailers): ordered key/value entries. Keys are lower-case
/// <c>[0-9a-z_.-]</c>; keys ending in <c>-bin</c> carry binary values (base64 on the wire).
/// </summary>
public sealed class Metadata : IList<Metadata.Entry>, IReadOnlyList<Metadata.Entry>
{
    public const string BinarySuffix = "-bin";

    private readonly List<Entry> _entries = [];

    public static Metadata Empty => new();

    public int Count => _entries.Count;

    public bool IsReadOnly => false;

    public Entry this[int index]
    {
        get => _entries[index];
        set => _entries[index] = value;
    }

    public Metadata Add(string key, string value)
    {
        _entries.Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] value)
    {
        _entries.Add(new Entry(key, value));
        return this;
    }

    public void Add(Entry item) => _entries.Add(item);

    /// <summary>The last entry with the key, or null.</summary>
    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i];
            }
        }
        return null;
    }

    public string? GetValue(string key) => Get(key)?.Value;

    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public IEnumerable<Entry> GetAll(string key)
    {
        foreach (var e in _entries)
        {
            if (string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                yield return e;
            }
        }
    }

    public void Clear() => _entries.Clear();
    public bool Contains(Entry item) => _entries.Contains(item);
    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);
    public int IndexOf(Entry item) => _entries.IndexOf(item);
    public void Insert(int index, Entry item) => _entries.Insert(index, item);
    public bool Remove(Entry item) => _entries.Remove(item);
    public void RemoveAt(int index) => _entries.RemoveAt(index);
    public List<Entry>.Enumerator GetEnumerator() => _entries.GetEnumerator();
    IEnumerator<Entry> IEnumerable<Entry>.GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    internal static bool IsBinaryKey(string key) =>
        key.EndsWith(BinarySuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>One metadata entry; binary entries have a key ending in <c>-bin</c>.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _bytes;

        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException("Keys ending in '-bin' carry binary values.", nameof(key));
            }
            ArgumentNullException.ThrowIfNull(value);
            _value = value;
        }

        public Entry(string key, byte[] value)
        {
            Key = NormalizeKey(key);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException("Binary values need a key ending in '-bin'.", nameof(key));
            }
            ArgumentNullException.ThrowIfNull(value);
            _bytes = value;
        }

        public string Key { get; }

        public bool IsBinary => _bytes is not null;

        /// <summary>The text value (for binary entries, the base64 form).</summary>
        public string Value => _value ?? Convert.ToBase64String(_bytes!);

        /// <summary>The binary value (for text entries, the UTF-8 bytes).</summary>
        public byte[] ValueBytes => _bytes ?? Encoding.UTF8.GetBytes(_value!);

        public override string ToString() => $"{Key}={Value}";

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            foreach (var c in key)
            {
                if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.')
                {
                    continue;
                }
                if (c is >= 'A' and <= 'Z')
                {
                    return NormalizeKey(key.ToLowerInvariant());
                }
                throw new ArgumentException($"Invalid metadata key '{key}'.", nameof(key));
            }
            return key;
        }
    }
}
