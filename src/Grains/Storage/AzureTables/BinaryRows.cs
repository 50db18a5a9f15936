using Azure.Data.Tables;

namespace GeoStore.Grains.Storage.AzureTables;

/// <summary>
/// Cuts bytes into table entities and joins them back. A binary property holds at most 64 KiB and
/// an entity at most 1 MiB on the wire (binary travels as base64), so bytes go into properties
/// <c>D0</c>…<c>D10</c> of as many rows as needed.
/// </summary>
public static class BinaryRows
{
    public const int PropertyBytes = 64 * 1024 - 1;
    public const int PropertiesPerRow = 11;
    public const int RowBytes = PropertyBytes * PropertiesPerRow;

    public static int RowsFor(int byteCount) => Math.Max(1, (byteCount + RowBytes - 1) / RowBytes);

    /// <summary>Fills <paramref name="row"/> with the <paramref name="index"/>-th row's share of <paramref name="bytes"/>.</summary>
    public static TableEntity Fill(TableEntity row, ReadOnlySpan<byte> bytes, int index)
    {
        var rowStart = index * RowBytes;
        for (var p = 0; p < PropertiesPerRow && rowStart + (p * PropertyBytes) < bytes.Length; p++)
        {
            var start = rowStart + (p * PropertyBytes);
            row[$"D{p}"] = bytes.Slice(start, Math.Min(PropertyBytes, bytes.Length - start)).ToArray();
        }

        return row;
    }

    public static byte[] Join(IEnumerable<TableEntity> rows, int length)
    {
        var bytes = new byte[length];
        var offset = 0;
        foreach (var row in rows)
        {
            for (var p = 0; p < PropertiesPerRow && row.GetBinary($"D{p}") is { } part; p++)
            {
                part.CopyTo(bytes, offset);
                offset += part.Length;
            }
        }

        return offset == length ? bytes : throw new InvalidOperationException($"Stored data has {offset} of {length} bytes; it is damaged.");
    }
}
