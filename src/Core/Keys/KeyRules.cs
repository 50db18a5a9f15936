using System.Text;

namespace GeoStore.Core.Keys;

/// <summary>What a GeoStore key may be: 1 to <c>maxBytes</c> UTF-8 bytes of valid Unicode, no control characters.</summary>
public static class KeyRules
{
    public const int DefaultMaxKeyBytes = 512;
    public const int DefaultMaxValueBytes = 1024 * 1024;

    public static KeyCheck Check(string? key, int maxBytes)
    {
        if (string.IsNullOrEmpty(key))
        {
            return KeyCheck.Invalid("The key must not be empty.");
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsControl(c))
            {
                return KeyCheck.Invalid($"The key must not contain control characters (found U+{(int)c:X4} at {i}).");
            }

            if (char.IsHighSurrogate(c) && i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return KeyCheck.Invalid($"The key must be valid Unicode (lone surrogate at {i}).");
            }
        }

        var bytes = Encoding.UTF8.GetByteCount(key);
        return bytes > maxBytes
            ? KeyCheck.TooLarge($"The key is {bytes} bytes of UTF-8; the limit is {maxBytes}.")
            : KeyCheck.Valid;
    }
}
