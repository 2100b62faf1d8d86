using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Defender365Typed.Results;

namespace Defender365Typed.Client;

/// <summary>
/// An untyped hunting result row: column name (case-sensitive, as the query wrote it) → JSON value. Read by the
/// runtime's envelope parser like any typed row (<see cref="UntypedHuntingResultReader"/>, or
/// <c>HuntingResultReader.ReadAll&lt;HuntingRow&gt;(bytes)</c> on a response you hold).
/// </summary>
[SuppressMessage("Naming", "CA1710", Justification = "HuntingRow is the domain term; a row is not used as a collection type name.")]
public sealed class HuntingRow : IReadOnlyDictionary<string, JsonElement>, IHuntingReadable<HuntingRow>
{
    // No declared columns: every property is kept, and the response's schema has nothing to be checked against.
    private static readonly HuntingReaderSchema Untyped = new([]);

    private readonly Dictionary<string, JsonElement> _cells;

    /// <summary>Wraps a row object.</summary>
    public HuntingRow(JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("A hunting row is a JSON object.", nameof(row));
        }

        Element = row;
        _cells = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty cell in row.EnumerateObject())
        {
            _cells[cell.Name] = cell.Value;
        }
    }

    static HuntingReaderSchema IHuntingReadable<HuntingRow>.ReaderSchema => Untyped;

    /// <summary>The row as JSON.</summary>
    public JsonElement Element { get; }

    /// <inheritdoc/>
    public JsonElement this[string key] => _cells[key];

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _cells.Keys;

    /// <inheritdoc/>
    public IEnumerable<JsonElement> Values => _cells.Values;

    /// <inheritdoc/>
    public int Count => _cells.Count;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _cells.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JsonElement value) => _cells.TryGetValue(key, out value);

    /// <summary>A string cell (null for JSON null or a missing column; other values as their JSON text).</summary>
    public string? GetString(string column) =>
        !_cells.TryGetValue(column, out JsonElement v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();

    /// <summary>A long cell, from a JSON number or a numeric string.</summary>
    public long? GetInt64(string column) =>
        !_cells.TryGetValue(column, out JsonElement v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Number ? v.GetInt64() : long.Parse(v.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>A datetime cell (ISO 8601 with any number of fractional digits).</summary>
    public DateTimeOffset? GetDateTimeOffset(string column) =>
        !_cells.TryGetValue(column, out JsonElement v) || v.ValueKind == JsonValueKind.Null ? null
        : DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    static bool IHuntingReadable<HuntingRow>.TryReadRow(ref HuntingRowReader reader, out HuntingRow row)
    {
        if (!reader.TryReadRowElement(out JsonElement element))
        {
            row = null!;
            return false;
        }

        row = new HuntingRow(element);
        return true;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() => _cells.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", _cells.Select(c => $"{c.Key}={c.Value.GetRawText()}"));
}
