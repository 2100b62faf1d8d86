using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Defender365Typed.Results;

/// <summary>
/// The value of a KQL <c>dynamic</c> cell, kept as its raw UTF-8 JSON and parsed only when asked. A cell sent as a
/// nested object or array and a cell sent as a JSON string that holds an object or array (as <c>AdditionalFields</c>
/// often is) give the same value. A string holding anything else stays a JSON string. <see langword="default"/> is
/// JSON <c>null</c>.
/// </summary>
[JsonConverter(typeof(KqlDynamicValueJsonConverter))]
public readonly struct KqlDynamicValue : IEquatable<KqlDynamicValue>
{
    private static readonly byte[] NullLiteral = "null"u8.ToArray();
    private readonly ReadOnlyMemory<byte> _utf8;

    /// <summary>Wraps raw JSON that is known to be one valid JSON value (no validation).</summary>
    internal KqlDynamicValue(ReadOnlyMemory<byte> utf8Json) => _utf8 = utf8Json;

    /// <summary>JSON <c>null</c>.</summary>
    public static KqlDynamicValue Null => default;

    /// <summary>Whether the value is JSON <c>null</c>.</summary>
    public bool IsNull => _utf8.IsEmpty || (_utf8.Length == 4 && _utf8.Span.SequenceEqual(NullLiteral));

    /// <summary>The kind of JSON value, found from its first byte (no parsing).</summary>
    public JsonValueKind ValueKind
    {
        get
        {
            if (_utf8.IsEmpty)
            {
                return JsonValueKind.Null;
            }

            return _utf8.Span[0] switch
            {
                (byte)'{' => JsonValueKind.Object,
                (byte)'[' => JsonValueKind.Array,
                (byte)'"' => JsonValueKind.String,
                (byte)'t' => JsonValueKind.True,
                (byte)'f' => JsonValueKind.False,
                (byte)'n' => JsonValueKind.Null,
                _ => JsonValueKind.Number,
            };
        }
    }

    /// <summary>The value as compact-as-sent UTF-8 JSON text (<c>null</c> for a null value).</summary>
    public ReadOnlyMemory<byte> Utf8Json => _utf8.IsEmpty ? NullLiteral : _utf8;

    /// <summary>Parses <paramref name="json"/> as one JSON value.</summary>
    /// <exception cref="JsonException"><paramref name="json"/> is not exactly one JSON value.</exception>
    public static KqlDynamicValue Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromUtf8(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Copies <paramref name="utf8Json"/>, checking it is exactly one JSON value.</summary>
    /// <exception cref="JsonException">The text is not exactly one JSON value.</exception>
    public static KqlDynamicValue FromUtf8(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read())
        {
            throw new JsonException("Empty JSON text.");
        }

        reader.Skip();
        while (reader.Read())
        {
            // A second value throws in the reader.
        }

        ReadOnlySpan<byte> trimmed = utf8Json.Trim(" \t\r\n"u8);
        return new KqlDynamicValue(trimmed.ToArray());
    }

    /// <summary>Parses the value into a <see cref="JsonElement"/> (a new, self-contained document each call).</summary>
    public JsonElement ToJsonElement()
    {
        // The depth was checked when the value was read (HuntingReaderOptions.MaxDepth); parsing again must not refuse it.
        using JsonDocument document = JsonDocument.Parse(Utf8Json, new JsonDocumentOptions { MaxDepth = int.MaxValue });
        return document.RootElement.Clone();
    }

    /// <summary>A reader over the value's JSON, for custom decoding without building a document (no depth limit: the value was checked when read).</summary>
    public Utf8JsonReader CreateReader() => new(Utf8Json.Span, new JsonReaderOptions { MaxDepth = int.MaxValue });

    /// <summary>The JSON text.</summary>
    public string GetRawText() => Encoding.UTF8.GetString(Utf8Json.Span);

    /// <summary>The text of a string value, or <see langword="null"/> for null.</summary>
    /// <exception cref="InvalidOperationException">The value is neither a string nor null.</exception>
    public string? GetString()
    {
        if (IsNull)
        {
            return null;
        }

        Utf8JsonReader reader = CreateReader();
        reader.Read();
        return reader.TokenType == JsonTokenType.String
            ? reader.GetString()
            : throw new InvalidOperationException($"The dynamic value is {ValueKind}, not a string.");
    }

    /// <summary>
    /// Finds a property of an object value by scanning its JSON, without building a document. The name is compared
    /// ordinally with the property's unescaped name; when the object repeats a name the last one wins (as with
    /// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>). The property's value is returned as sent,
    /// sharing this value's bytes: a string that holds JSON stays a string there (<see cref="Parse"/> its
    /// <see cref="GetString"/> to read it as JSON).
    /// </summary>
    /// <param name="propertyName">The property name, case-sensitive.</param>
    /// <param name="value">The property's value, or JSON <c>null</c> (<see langword="default"/>) when there is none.</param>
    /// <returns>
    /// Whether the value is an object with that property. Unlike <see cref="JsonElement"/>, a value that is not an
    /// object (JSON <c>null</c> included) gives <see langword="false"/> rather than an exception, as a property of a
    /// non-object is null in KQL.
    /// </returns>
    public bool TryGetProperty(string propertyName, out KqlDynamicValue value)
    {
        ArgumentNullException.ThrowIfNull(propertyName);
        value = default;
        if (ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        // The bytes are one valid JSON value already (checked when the value was made), so no depth limit is needed.
        ReadOnlyMemory<byte> json = Utf8Json;
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = int.MaxValue });
        reader.Read();
        bool found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool match = reader.ValueTextEquals(propertyName);
            reader.Read();
            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (match)
            {
                value = new KqlDynamicValue(json[start..(int)reader.BytesConsumed]);
                found = true;
            }
        }

        return found;
    }

    /// <summary>
    /// Deserializes the value's JSON into <typeparamref name="T"/> with source-generated metadata (trimming- and
    /// AOT-safe), like <see cref="JsonSerializer.Deserialize{TValue}(ReadOnlySpan{byte}, JsonTypeInfo{TValue})"/>
    /// over <see cref="Utf8Json"/>. JSON <c>null</c> gives <see langword="default"/>.
    /// </summary>
    /// <exception cref="JsonException">The JSON does not fit <typeparamref name="T"/>.</exception>
    public T? Deserialize<T>(JsonTypeInfo<T> jsonTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(jsonTypeInfo);
        return JsonSerializer.Deserialize(Utf8Json.Span, jsonTypeInfo);
    }

    /// <summary>
    /// Deserializes the value's JSON into <typeparamref name="T"/> by reflection, like
    /// <see cref="JsonSerializer.Deserialize{TValue}(ReadOnlySpan{byte}, JsonSerializerOptions)"/> over
    /// <see cref="Utf8Json"/>. JSON <c>null</c> gives <see langword="default"/>. In trimmed or NativeAOT code use
    /// <see cref="Deserialize{T}(JsonTypeInfo{T})"/>.
    /// </summary>
    /// <exception cref="JsonException">The JSON does not fit <typeparamref name="T"/>.</exception>
    [RequiresUnreferencedCode("Reflection-based JSON deserialization; use Deserialize<T>(JsonTypeInfo<T>) when trimming.")]
    [RequiresDynamicCode("Reflection-based JSON deserialization; use Deserialize<T>(JsonTypeInfo<T>) for NativeAOT.")]
    public T? Deserialize<T>(JsonSerializerOptions? options = null) => JsonSerializer.Deserialize<T>(Utf8Json.Span, options);

    /// <inheritdoc />
    public override string ToString() => GetRawText();

    /// <summary>Byte-wise equality of the JSON text (<c>{"a":1}</c> and <c>{ "a": 1 }</c> differ).</summary>
    public bool Equals(KqlDynamicValue other) => Utf8Json.Span.SequenceEqual(other.Utf8Json.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KqlDynamicValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(Utf8Json.Span);
        return hash.ToHashCode();
    }

    /// <summary>Byte-wise equality of the JSON text.</summary>
    public static bool operator ==(KqlDynamicValue left, KqlDynamicValue right) => left.Equals(right);

    /// <summary>Byte-wise inequality of the JSON text.</summary>
    public static bool operator !=(KqlDynamicValue left, KqlDynamicValue right) => !left.Equals(right);

    /// <summary>
    /// The value of a string cell: the JSON it holds when that is an object or array, else the string itself
    /// (as a JSON string token). <paramref name="unescaped"/> is the string's content, <paramref name="escaped"/>
    /// the same content as sent (escapes kept, quotes not included).
    /// </summary>
    internal static KqlDynamicValue FromStringCell(ReadOnlySpan<byte> unescaped, ReadOnlySpan<byte> escaped, int maxDepth)
    {
        if (TryGetHeldJson(unescaped, maxDepth, out ReadOnlySpan<byte> json))
        {
            return new KqlDynamicValue(json.ToArray());
        }

        byte[] token = new byte[escaped.Length + 2];
        WriteStringToken(escaped, token);
        return new KqlDynamicValue(token);
    }

    /// <summary>Whether a string's content is an object or array (trimmed into <paramref name="json"/>).</summary>
    internal static bool TryGetHeldJson(ReadOnlySpan<byte> unescaped, int maxDepth, out ReadOnlySpan<byte> json)
    {
        json = unescaped.Trim(" \t\r\n"u8);
        return json.Length >= 2 && (json[0] == (byte)'{' || json[0] == (byte)'[') && IsOneJsonValue(json, maxDepth);
    }

    /// <summary>Writes <c>"</c> + <paramref name="escaped"/> + <c>"</c> (destination is escaped.Length + 2 long).</summary>
    internal static void WriteStringToken(ReadOnlySpan<byte> escaped, Span<byte> destination)
    {
        destination[0] = (byte)'"';
        escaped.CopyTo(destination[1..]);
        destination[escaped.Length + 1] = (byte)'"';
    }

    private static bool IsOneJsonValue(ReadOnlySpan<byte> json, int maxDepth)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
            while (reader.Read())
            {
            }

            return System.Text.Unicode.Utf8.IsValid(json);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>System.Text.Json support for <see cref="KqlDynamicValue"/> (trimming- and AOT-safe): reads any JSON value, and a string holding an object or array as that object or array.</summary>
public sealed class KqlDynamicValueJsonConverter : JsonConverter<KqlDynamicValue>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override KqlDynamicValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return default;
            case JsonTokenType.String:
            {
                byte[] escaped = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
                byte[] unescaped = new byte[escaped.Length];
                int length = reader.CopyString(unescaped);
                return KqlDynamicValue.FromStringCell(unescaped.AsSpan(0, length), escaped, options?.MaxDepth is > 0 ? options.MaxDepth : 64);
            }

            default:
            {
                using JsonDocument document = JsonDocument.ParseValue(ref reader);
                return new KqlDynamicValue(Encoding.UTF8.GetBytes(document.RootElement.GetRawText()));
            }
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, KqlDynamicValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsNull)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(value.Utf8Json.Span, skipInputValidation: true);
        }
    }
}
